path = project / "data/pdc.yaml"
path.write_bytes(path.read_bytes().replace(b'naam: "Advies lichthinder"', 'naam: "Advies lichthinder é"'.encode("cp1252"), 1))

path = project / "data/pdc.yaml"
path.write_bytes(path.read_bytes().replace(b'naam: "Advies lichthinder"', b'naam: "Advies \x00lichthinder"', 1))

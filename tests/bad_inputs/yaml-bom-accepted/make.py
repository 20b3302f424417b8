path = project / "data/deelnemers.yaml"
path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())

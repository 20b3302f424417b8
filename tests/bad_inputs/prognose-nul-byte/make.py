path = project / "data/2025/prognose/enschede.csv"
path.write_bytes(path.read_bytes().replace(b"A1.35.03;470;", b"A1.35.03;470;\x00", 1))

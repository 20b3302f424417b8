path = project / "data/2025/prognose/enschede.csv"
text = path.read_text(encoding="utf-8").replace("A1.17.00;50;", "A1.17.00;50;café", 1).encode()
path.write_bytes(text.replace(b"A1.35.03;470;", "A1.35.03;470;coördinatie".encode("cp1252"), 1))

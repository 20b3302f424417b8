path = project / "data/2025/prognose/enschede.csv"
path.write_bytes(path.read_text(encoding="utf-8").replace("A1.35.03;470;", "A1.35.03;470;coördinatie financiën", 1).encode("cp850"))

path = project / "data/2025/prognose/enschede.csv"
path.write_bytes(path.read_text(encoding="utf-8").encode("utf-16"))

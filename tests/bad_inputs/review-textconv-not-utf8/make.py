(project / "data/2025/prognose/enschede.md").write_bytes("coördinatie".encode("cp1252"))

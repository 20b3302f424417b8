path = project / "data/2025/lokale_projecten.yaml"
path.write_text(path.read_text(encoding="utf-8") + "null:\n  - {naam: x, opdracht: y, capaciteit_uren: 1}\n", encoding="utf-8")

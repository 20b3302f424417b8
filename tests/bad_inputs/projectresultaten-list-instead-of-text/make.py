path = project / "data/2025/realisatie/jaar/projectresultaten.yaml"
path.write_text(path.read_text(encoding="utf-8").replace("  OD1: >-\n", "  OD1: [klaar, goed]\n  OD1-oud: >-\n", 1), encoding="utf-8")

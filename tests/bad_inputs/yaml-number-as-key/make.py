path = project / "data/2025/realisatie/jaar/projectresultaten.yaml"
path.write_text(path.read_text(encoding="utf-8") + "  12: Resultaat zonder projectcode\n", encoding="utf-8")

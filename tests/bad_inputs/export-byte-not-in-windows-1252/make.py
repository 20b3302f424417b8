path = project / "data/2025/realisatie/voorjaar/powerbi-export-2025-04-30.csv"
path.write_bytes(path.read_text(encoding="utf-8").replace("Hengelo;A1.17.00", "Hengelo ü;A1.17.00", 1).encode("cp850"))

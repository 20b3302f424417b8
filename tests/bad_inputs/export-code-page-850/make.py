path = project / "data/2025/realisatie/voorjaar/powerbi-export-2025-04-30.csv"
path.write_bytes(path.read_text(encoding="utf-8").replace("Enschede;A2.02.05", "Enschedé;A2.02.05", 1).encode("cp850"))

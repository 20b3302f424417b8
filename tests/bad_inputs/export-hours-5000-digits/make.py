path = project / "data/2025/realisatie/voorjaar/powerbi-export-2025-04-30.csv"
path.write_text(path.read_text(encoding="utf-8").replace("Enschede;A2.02.05;76;867,8;", "Enschede;A2.02.05;76;" + "9" * 5000 + ";", 1), encoding="utf-8")

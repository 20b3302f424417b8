path = project / "data/2025/realisatie/voorjaar/powerbi-export-2025-04-30.csv"
path.write_bytes(path.read_bytes().replace(b"Hengelo;A1.17.00", b"Hengelo\x00;A1.17.00", 1))

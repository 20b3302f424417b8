(project / "data/2025/realisatie/voorjaar/~$powerbi-export-2025-04-30.xlsx").write_bytes(b"\x06Gebruiker" + bytes(150))

(project / "data/2025/realisatie/voorjaar/export.xls").write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + bytes(504))

(project / "data/deelnemers.docx").write_bytes(bytes(range(256)) * 4)

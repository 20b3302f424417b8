(project / "data/kapot.pdf").write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 8)

# Excel's "Unicode-tekst" saved as UTF-8 again: a BOM, tabs between the fields; and -0 for nothing.
path = project / "data/2025/prognose/enschede.csv"
text = path.read_text(encoding="utf-8").replace("A1.35.03;470;", "A1.35.03;-0;", 1)
path.write_bytes(b"\xef\xbb\xbf" + text.replace(";", "\t").encode())

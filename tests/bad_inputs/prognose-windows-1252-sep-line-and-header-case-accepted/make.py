# As Dutch Excel saves a CSV on Windows: Windows-1252, with its `sep=;` line, headers capitalised.
path = project / "data/2025/prognose/enschede.csv"
text = path.read_text(encoding="utf-8").replace("code;aantal;opmerking", "Code;Aantal;Opmerking", 1)
path.write_bytes(("sep=;\n" + text.replace("A1.35.03;470;", "A1.35.03;470;Enschedé, coördinatie", 1)).encode("cp1252"))

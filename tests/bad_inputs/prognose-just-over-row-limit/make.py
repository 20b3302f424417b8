from uvpgen.limits import MAX_TABLE_ROWS
(project / "data/2025/prognose/enschede.csv").write_text("code;aantal;opmerking\n" + "A1.17.00;1;\n" * MAX_TABLE_ROWS, encoding="utf-8")

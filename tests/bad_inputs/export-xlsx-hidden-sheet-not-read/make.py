from hostile import Sheet, export_rows, replace_voorjaar_export, xlsx
rows = export_rows(project)
wrong = [rows[0]] + [[r[0], "A9.99.99", 1000, 1000, r[4]] for r in rows[1:]]
xlsx(replace_voorjaar_export(project) / "export.xlsx", Sheet("Oud", wrong, state="hidden"), Sheet("Export", rows))

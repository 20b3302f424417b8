from hostile import Sheet, export_rows, replace_voorjaar_export, xlsx
rows = export_rows(project)
rows = [row + [row[3]] for row in rows]
rows[0][5] = "Uren besteed"
xlsx(replace_voorjaar_export(project) / "export.xlsx", Sheet("Export", rows))

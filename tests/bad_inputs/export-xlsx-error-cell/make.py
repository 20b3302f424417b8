from hostile import Sheet, export_rows, replace_voorjaar_export, xlsx
rows = export_rows(project)
rows[4][3] = "#DIV/0!"
xlsx(replace_voorjaar_export(project) / "export.xlsx", Sheet("Export", rows))

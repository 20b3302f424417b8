from hostile import Sheet, export_rows, replace_voorjaar_export, xlsx
rows = export_rows(project)
xlsx(replace_voorjaar_export(project) / "export.xlsx", Sheet("Export", rows), Sheet("Export (2)", rows))

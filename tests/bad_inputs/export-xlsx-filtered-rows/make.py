from hostile import Sheet, export_rows, replace_voorjaar_export, xlsx
xlsx(replace_voorjaar_export(project) / "export.xlsx", Sheet("Export", export_rows(project), hidden_rows=(5,)))

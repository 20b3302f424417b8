from hostile import Sheet, export_rows, replace_voorjaar_export, xlsx
# A sheet in UTF-32, which Office never writes: what it hides cannot be searched in every encoding.
xlsx(replace_voorjaar_export(project) / "export.xlsx", Sheet("Export", export_rows(project), encoding="utf-32"))

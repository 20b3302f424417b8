from hostile import Sheet, export_rows, replace_voorjaar_export, xlsx
# The neighbour of export-xlsx-doctype-utf16: a sheet in UTF-16 without a DOCTYPE is read.
xlsx(replace_voorjaar_export(project) / "export.xlsx", Sheet("Export", export_rows(project), encoding="utf-16-le"))

from hostile import Sheet, export_rows, replace_voorjaar_export, xlsx
from uvpgen.limits import MAX_TABLE_COLUMNS
rows = export_rows(project)
rows[1] += [None] * (MAX_TABLE_COLUMNS - len(rows[1])) + ["x"]
xlsx(replace_voorjaar_export(project) / "export.xlsx", Sheet("Export", rows))

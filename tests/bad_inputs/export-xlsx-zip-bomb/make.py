from hostile import replace_voorjaar_export, zip_bomb
from uvpgen.limits import MAX_XLSX_BYTES
zip_bomb(replace_voorjaar_export(project) / "export.xlsx", MAX_XLSX_BYTES + 1)

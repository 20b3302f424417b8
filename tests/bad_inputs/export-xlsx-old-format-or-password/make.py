from hostile import replace_voorjaar_export
# An .xls renamed to .xlsx, or a workbook saved with a password: both are OLE compound files.
(replace_voorjaar_export(project) / "export.xlsx").write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + bytes(4088))

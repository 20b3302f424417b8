from hostile import Sheet, export_rows, replace_voorjaar_export, xlsx
xlsx(replace_voorjaar_export(project) / "export.xlsx",
     Sheet("Export", export_rows(project), head='<cols><col min="4" max="4" width="0" hidden="1"/></cols>'))

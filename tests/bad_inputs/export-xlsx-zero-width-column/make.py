from hostile import Sheet, export_rows, replace_voorjaar_export, xlsx
# A column of width 0 is not shown, even when it is not marked hidden.
xlsx(replace_voorjaar_export(project) / "export.xlsx",
     Sheet("Export", export_rows(project), head='<cols><col min="3" max="3" width="0" customWidth="1"/></cols>'))

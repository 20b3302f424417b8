from hostile import Sheet, export_rows, replace_voorjaar_export, xlsx
xlsx(replace_voorjaar_export(project) / "export.xlsx",
     Sheet("Export", export_rows(project), head='<dimension ref="A1:XFD1048576"/>'))

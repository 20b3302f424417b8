from hostile import Sheet, export_rows, replace_voorjaar_export, xlsx
xlsx(replace_voorjaar_export(project) / "export.xlsx",
     Sheet("Export", export_rows(project), tail='<mergeCells count="1"><mergeCell ref="A2:A3"/></mergeCells>'))

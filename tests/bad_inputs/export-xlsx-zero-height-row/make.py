from hostile import Sheet, export_rows, replace_voorjaar_export, xlsx
# A row of height 0: Excel does not show it, as if it were hidden.
xlsx(replace_voorjaar_export(project) / "export.xlsx", Sheet("Export", export_rows(project), row_heights=((5, "0"),)))

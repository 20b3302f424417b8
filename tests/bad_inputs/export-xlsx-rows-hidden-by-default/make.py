from hostile import Sheet, export_rows, replace_voorjaar_export, xlsx
# zeroHeight: every row without a height of its own is hidden; rows 1 to 3 have one (15 and 2.5 points).
xlsx(replace_voorjaar_export(project) / "export.xlsx",
     Sheet("Export", export_rows(project), head='<sheetFormatPr defaultRowHeight="15" zeroHeight="1"/>',
           row_heights=((1, "15"), (2, "15"), (3, "2.5"))))

from hostile import Sheet, export_rows, replace_voorjaar_export, sheet_xml, xlsx
# The sheet declares its true size, but has one more cell, in the last row and column Excel has.
sheet = Sheet("Export", export_rows(project))
far = sheet_xml(sheet).replace("</sheetData>", '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>')
xlsx(replace_voorjaar_export(project) / "export.xlsx", sheet, extra={"xl/worksheets/sheet1.xml": far})

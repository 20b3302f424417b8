from hostile import Sheet, export_rows, replace_voorjaar_export, sheet_xml, understate_size, xlsx
sheet = Sheet("Export", export_rows(project))
xml = sheet_xml(sheet)
path = xlsx(replace_voorjaar_export(project) / "export.xlsx", sheet,
            extra={"xl/worksheets/sheet1.xml": xml + " " * 50_000_000})
understate_size(path, "xl/worksheets/sheet1.xml", len(xml))

from hostile import Sheet, export_rows, replace_voorjaar_export, xlsx

# A private-use character (a symbol font's glyph, pasted into a cell) shows nothing a reader can read.
rows = export_rows(project)
rows[4][1] = "A1.17.00\ue000"
xlsx(replace_voorjaar_export(project) / "export.xlsx", Sheet("Export", rows))

from hostile import Sheet, export_rows, replace_voorjaar_export, xlsx
# Rows with heights of their own that can be read, a narrow but readable column, an empty row of
# height 0 (nothing is hidden in it): all read as shown.
rows = export_rows(project)
xlsx(replace_voorjaar_export(project) / "export.xlsx",
     Sheet("Export", rows[:3] + [[]] + rows[3:], head='<cols><col min="3" max="3" width="2" customWidth="1"/></cols>',
           row_heights=((2, "30"), (3, "3"), (4, "0"))))

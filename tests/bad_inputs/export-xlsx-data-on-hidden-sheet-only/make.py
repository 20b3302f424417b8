from hostile import Sheet, export_rows, replace_voorjaar_export, xlsx
xlsx(replace_voorjaar_export(project) / "export.xlsx", Sheet("Voorblad", [["Realisatie tot 30 april"]]),
     Sheet("Export", export_rows(project), state="veryHidden"))

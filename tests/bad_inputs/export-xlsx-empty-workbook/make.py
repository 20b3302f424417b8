from hostile import Sheet, replace_voorjaar_export, xlsx
xlsx(replace_voorjaar_export(project) / "export.xlsx", Sheet("Blad1", []))

from hostile import replace_voorjaar_export
(replace_voorjaar_export(project) / "export.xlsx").write_text("Deelnemer;Productcode\n", encoding="utf-8")

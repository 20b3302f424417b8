from hostile import Sheet, export_rows, replace_voorjaar_export, xlsx
# A billion laughs: ten levels of ten references each, used once in a cell's text.
entities = '<!ENTITY a0 "lollollollollollollollollollol">' + "".join(
    f'<!ENTITY a{i} "{("&a" + str(i - 1) + ";") * 10}">' for i in range(1, 10))
xlsx(replace_voorjaar_export(project) / "export.xlsx",
     Sheet("Export", export_rows(project), prologue=f"<!DOCTYPE worksheet [{entities}]>",
           tail="<headerFooter><oddHeader>&a9;</oddHeader></headerFooter>"))

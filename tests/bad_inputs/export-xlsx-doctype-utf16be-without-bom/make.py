from hostile import Sheet, export_rows, replace_voorjaar_export, xlsx
# A billion laughs in a sheet saved as UTF-16, big-endian, without a byte order mark: '<!DOCTYPE' is not there
# as UTF-8 bytes, and the sheet expanded to 2,1 GB.
entities = '<!ENTITY a0 "lollollollollollollollollollol">' + "".join(
    f'<!ENTITY a{i} "{("&a" + str(i - 1) + ";") * 10}">' for i in range(1, 10))
xlsx(replace_voorjaar_export(project) / "export.xlsx",
     Sheet("Export", export_rows(project), prologue=f"<!DOCTYPE worksheet [{entities}]>",
           tail="<headerFooter><oddHeader>&a9;</oddHeader></headerFooter>", encoding="utf-16-be"))

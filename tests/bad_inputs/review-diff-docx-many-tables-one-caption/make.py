from hostile import docx
docx(project / "data/tabellen.docx", "<w:tbl/>" * 40_000)  # each named after the one before it

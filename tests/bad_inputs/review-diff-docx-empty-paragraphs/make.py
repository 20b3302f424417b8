from hostile import docx
docx(project / "data/leeg.docx", "<w:p/>" * 150_000)

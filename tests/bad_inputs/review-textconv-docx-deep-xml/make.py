from hostile import docx
docx(project / "data/diep.docx", "<w:p>" + "<w:hyperlink>" * 10_000 + "<w:r><w:t>a</w:t></w:r>" + "</w:hyperlink>" * 10_000 + "</w:p>")

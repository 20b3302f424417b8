from hostile import docx, docx_cell
docx(project / "data/breed.docx", "<w:tbl><w:tr>" + docx_cell("x", "<w:gridSpan w:val=\"10\"/>") * 6 + "</w:tr></w:tbl>")

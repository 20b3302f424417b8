from hostile import docx, docx_cell
docx(project / "data/breed.docx", "<w:tbl><w:tr>" + docx_cell("x", "<w:gridSpan w:val=\"100000000\"/>") + "</w:tr></w:tbl>")

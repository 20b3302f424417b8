from hostile import pdf_pages_sharing, text_lines
pdf_pages_sharing(project / "data/pagina.pdf", 1, text_lines(10_000))

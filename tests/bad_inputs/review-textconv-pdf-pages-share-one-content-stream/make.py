from hostile import drawing, pdf_pages_sharing, text_lines
pdf_pages_sharing(project / "data/gedeeld.pdf", 100, text_lines(10) + drawing(200_000))

from hostile import pdf_pages_sharing, text_lines
pdf_pages_sharing(project / "data/regel.pdf", 1, text_lines(20_000, line_break=False))

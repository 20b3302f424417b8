from hostile import pdf_drawing_a_form, text_lines
pdf_drawing_a_form(project / "data/formulier.pdf", 4_000, text_lines(100, line_break=False))

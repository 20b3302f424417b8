from hostile import drawing, pdf_drawing_a_form
pdf_drawing_a_form(project / "data/formulier.pdf", 200, drawing(50_000))

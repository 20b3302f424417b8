from hostile import docx, paragraph_styles, styled_paragraph
# python-docx looks a paragraph's style up among all styles: 20.000 x 40.000 without a table of names
docx(project / "data/stijlen.docx", styled_paragraph("S19999") * 40_000, paragraph_styles([f"stijl {n}" for n in range(20_000)]))

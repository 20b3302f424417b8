from hostile import pdf_wide_structure, text_lines

# one line of 3.000 characters, held by 1.000 elements
pdf_wide_structure(project / "data/gedeeld.pdf", elements=1_000, references=1, content=text_lines(1, "x" * 3_000))

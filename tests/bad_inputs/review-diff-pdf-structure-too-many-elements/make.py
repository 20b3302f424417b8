from hostile import pdf_wide_structure
pdf_wide_structure(project / "data/breed.pdf", elements=300, references=1_000)

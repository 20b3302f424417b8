from hostile import pdf_structure
pdf_structure(project / "data/kring.pdf", depth=5, fanout=2, cycle=True)

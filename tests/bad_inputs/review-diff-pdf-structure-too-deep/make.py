from hostile import pdf_structure
pdf_structure(project / "data/diep.pdf", depth=5_000, fanout=1)

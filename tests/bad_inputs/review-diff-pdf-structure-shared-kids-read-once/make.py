from hostile import pdf_structure
pdf_structure(project / "data/graaf.pdf", depth=60, fanout=2)  # 2 ** 60 elements when read as a tree

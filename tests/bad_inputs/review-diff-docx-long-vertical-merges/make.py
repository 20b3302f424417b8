from hostile import docx, docx_merged_column
docx(project / "data/samengevoegd.docx", docx_merged_column(rows=1_000, columns=10))

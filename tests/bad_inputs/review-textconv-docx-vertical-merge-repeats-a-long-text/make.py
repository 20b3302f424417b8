from hostile import docx, docx_merged_column
docx(project / "data/samengevoegd.docx", docx_merged_column(rows=500, columns=10, text="x" * 100_000))

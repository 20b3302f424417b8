from hostile import pdf_pages_sharing, text_lines
pdf_pages_sharing(project / "data/lettertype.pdf", 1_000, text_lines(1), tounicode_bytes=500_000)

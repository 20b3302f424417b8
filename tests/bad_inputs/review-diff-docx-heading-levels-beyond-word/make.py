from hostile import docx, paragraph_styles, styled_paragraph
# "Heading 20000" is no heading level (Word has 1 to 9): text, not a path 20.000 headings deep
levels = range(1, 20_001)
docx(project / "data/koppen.docx", "".join(styled_paragraph(f"S{level - 1}") for level in levels),
     paragraph_styles([f"Heading {level}" for level in levels]))

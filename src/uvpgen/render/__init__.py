"""Render stage: the canonical Markdown as PDF (pdf.py) and DOCX (docx.py)."""

"""uvpgen: OD Twente's uitvoeringsprogramma's, monitoringsrapportages and jaarverslagen from data.

Stages, each importing only the ones before it: data (load) -> figures (compute)
-> compose (Jinja -> canonical Markdown) -> render (PDF, DOCX) -> build (CLI, files).
"""

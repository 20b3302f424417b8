(project / "data/deelnemers.pdf").write_text("geen pdf", encoding="utf-8")

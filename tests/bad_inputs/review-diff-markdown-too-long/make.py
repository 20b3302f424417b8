(project / "data/lang.md").write_text("# Kop\n\n" + "- a\n" * 130_000, encoding="utf-8")

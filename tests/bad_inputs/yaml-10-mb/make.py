path = project / "data/pdc.yaml"
path.write_text(path.read_text(encoding="utf-8") + "# " + "x" * 10_000_000 + "\n", encoding="utf-8")

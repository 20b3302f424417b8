path = project / "data/pdc.yaml"
path.write_text("produkten: []\n" + path.read_text(encoding="utf-8"), encoding="utf-8")

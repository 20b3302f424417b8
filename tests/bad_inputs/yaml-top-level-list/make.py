path = project / "data/pdc.yaml"
path.write_text(path.read_text(encoding="utf-8").replace("producten:\n", "", 1), encoding="utf-8")

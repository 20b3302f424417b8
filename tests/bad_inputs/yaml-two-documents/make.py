path = project / "data/deelnemers.yaml"
path.write_text(path.read_text(encoding="utf-8") + "---\ndeelnemers: []\n", encoding="utf-8")

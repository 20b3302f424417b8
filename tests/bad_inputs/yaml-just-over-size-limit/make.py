from uvpgen.limits import MAX_YAML_BYTES
path = project / "data/deelnemers.yaml"
text = path.read_text(encoding="utf-8")
path.write_text(text + "#" * (MAX_YAML_BYTES + 1 - len(text.encode()) - 1) + "\n", encoding="utf-8")

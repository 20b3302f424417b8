from uvpgen.limits import MAX_YAML_DEPTH
pdc = project / "data/pdc.yaml"
deep = "[" * MAX_YAML_DEPTH + "]" * MAX_YAML_DEPTH  # inside the file's own three levels: just over the limit
pdc.write_text(pdc.read_text(encoding="utf-8").replace("kentallen: {2025: 22}", "kentallen: " + deep, 1), encoding="utf-8")

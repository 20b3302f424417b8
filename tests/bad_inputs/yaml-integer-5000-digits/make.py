from pathlib import Path
pdc = project / "data/pdc.yaml"
pdc.write_text(pdc.read_text(encoding="utf-8").replace("kentallen: {2025: 22}", "kentallen: {2025: 1" + "0" * 5000 + "}", 1), encoding="utf-8")

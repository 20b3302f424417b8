import re
path = project / "data/2025/capaciteit.yaml"
path.write_text(re.sub(r"uurtarief: .*", "uurtarief: 100000000", path.read_text(encoding="utf-8"), count=1), encoding="utf-8")

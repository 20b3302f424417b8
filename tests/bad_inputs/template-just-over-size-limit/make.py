# A template one byte over its limit (a 50 MB template took a minute and 6,7 GB to compile).
path = project / "templates/_macros.md.j2"
text = path.read_bytes()
path.write_bytes(text + b"{#" + b"x" * (1_000_001 - len(text) - 4) + b"#}")

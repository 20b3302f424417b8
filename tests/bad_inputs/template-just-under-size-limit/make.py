# The neighbour of template-just-over-size-limit: a template of exactly 1.000.000 bytes is read.
path = project / "templates/_macros.md.j2"
text = path.read_bytes()
path.write_bytes(text + b"{#" + b"x" * (1_000_000 - len(text) - 4) + b"#}")

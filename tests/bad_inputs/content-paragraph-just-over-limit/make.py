from uvpgen.content import MAX_PARAGRAPH
path = project / "content/2025/uvp/scope.md"
path.write_text(path.read_text(encoding="utf-8") + "\n\n" + "woord " * (MAX_PARAGRAPH // 6) + "x" * 10 + "\n", encoding="utf-8")

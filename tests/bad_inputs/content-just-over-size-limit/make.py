from uvpgen.limits import MAX_CONTENT_BYTES
path = project / "content/2025/uvp/scope.md"
text = path.read_text(encoding="utf-8")
path.write_text(text + "\n" * (MAX_CONTENT_BYTES + 1 - len(text.encode())), encoding="utf-8")

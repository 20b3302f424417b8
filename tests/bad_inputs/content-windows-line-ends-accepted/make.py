# Saved on Windows: a BOM and CRLF line ends, in a deelnemer's text with front matter.
path = project / "content/2025/enschede/uvp/scope.md"
path.parent.mkdir(parents=True, exist_ok=True)
path.write_bytes(b"\xef\xbb\xbf---\r\nmodus: aanvullen\r\n---\r\nDe gemeente vraagt extra aandacht voor asbest.\r\n")

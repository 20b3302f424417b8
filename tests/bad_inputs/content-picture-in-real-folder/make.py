from PIL import Image
# The legitimate neighbour of content-picture-folder-symlink-outside: a picture in a real folder.
(project / "content/afbeeldingen").mkdir()
Image.new("RGB", (40, 30), "blue").save(project / "content/afbeeldingen/kaart.png")
scope = project / "content/2025/uvp/scope.md"
scope.write_text(scope.read_text(encoding="utf-8") + "\n![Kaart van Twente](afbeeldingen/kaart.png)\n", encoding="utf-8")

import os
from PIL import Image
# The picture folder is a link to a folder outside the project: the picture in it must not be published.
elsewhere = project.parent / "elders"
elsewhere.mkdir()
Image.new("RGB", (40, 30), "blue").save(elsewhere / "kaart.png")
os.symlink(elsewhere, project / "content/afbeeldingen")
scope = project / "content/2025/uvp/scope.md"
scope.write_text(scope.read_text(encoding="utf-8") + "\n![Kaart van Twente](afbeeldingen/kaart.png)\n", encoding="utf-8")

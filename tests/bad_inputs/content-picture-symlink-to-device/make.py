import os
# A picture that is a link to a device: reading it would never end (and fingerprinting read it first).
(project / "content/afbeeldingen").mkdir()
os.symlink("/dev/zero", project / "content/afbeeldingen/kaart.png")
scope = project / "content/2025/uvp/scope.md"
scope.write_text(scope.read_text(encoding="utf-8") + "\n![Kaart van Twente](afbeeldingen/kaart.png)\n", encoding="utf-8")

import os
# A link inside output/ leads elsewhere: the build would write the year's documents there.
elsewhere = project.parent / "elders"
elsewhere.mkdir()
(project / "output").mkdir()
os.symlink(elsewhere, project / "output/2025")

import os
# The manifest in output/ is a link to a file elsewhere: reading it could read anything, and
# writing it would write there.
(project / "output").mkdir()
os.symlink("/etc/passwd", project / "output/manifest.txt")

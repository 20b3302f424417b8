import os
import shutil
# content/ itself is a link to a copy elsewhere.
elsewhere = project.parent / "elders"
shutil.move(project / "content", elsewhere)
os.symlink(elsewhere, project / "content")

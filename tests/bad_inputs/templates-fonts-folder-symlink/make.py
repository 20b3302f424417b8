import os
import shutil
# templates/fonts is a link to a copy elsewhere: templates are read like every other source.
elsewhere = project.parent / "elders"
shutil.move(project / "templates/fonts", elsewhere)
os.symlink(elsewhere, project / "templates/fonts")

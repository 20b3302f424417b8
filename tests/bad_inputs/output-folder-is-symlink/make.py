import os
# output/ itself may be a link (the documents published on a share): the user chose where it leads.
elsewhere = project.parent / "gedeeld"
elsewhere.mkdir()
os.symlink(elsewhere, project / "output")

"""Names the project reserves, shared by every stage without importing any of them (the command
line reads them before it loads the data model)."""

TWENTE = "twente"  # the slug of the regional documents (output/<jaar>/twente/, content/<jaar>/twente/): reserved

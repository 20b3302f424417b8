import shutil
shutil.copy(project / "data/2025/realisatie/najaar/zaaksysteem-export-2025-08-31.xlsx", project / "data/2025/prognose/enschede.csv")

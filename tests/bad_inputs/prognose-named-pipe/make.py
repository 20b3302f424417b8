import os
path = project / "data/2025/prognose/enschede.csv"
path.unlink()
os.mkfifo(path)

import os
path = project / "content/2025/enschede/uvp/scope.md"
path.parent.mkdir(parents=True, exist_ok=True)
os.symlink("/etc/passwd", path)

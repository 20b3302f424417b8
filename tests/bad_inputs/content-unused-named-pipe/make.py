import os
# A pipe in content/ that no text uses: fingerprinting read every file under content/ and hung on it.
os.mkfifo(project / "content/2025/notities")

# A large file in content/ that no text uses (sparse: it takes no disk space): fingerprinting read
# every file under content/ whole into memory.
with open(project / "content/2025/opname.wav", "wb") as stream:
    stream.truncate(50_000_000)

import os
# Looking for the line of a reference that does not resolve read every .yaml under data/, and hung
# on a pipe (in a hidden folder, which is no source: only that search went there).
(project / "data/.archief").mkdir()
os.mkfifo(project / "data/.archief/oud.yaml")

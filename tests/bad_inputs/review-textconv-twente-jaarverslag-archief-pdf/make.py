import shutil
from conftest import ROOT
(project / "output/2025/twente").mkdir(parents=True, exist_ok=True)
shutil.copy(ROOT / "output/2025/twente/jaarverslag-2025-twente-archief.pdf", project / "output/2025/twente")

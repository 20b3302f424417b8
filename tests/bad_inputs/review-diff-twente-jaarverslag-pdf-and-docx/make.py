import shutil
from conftest import ROOT
# our largest documents read within every limit: copied from the repository's output/
for name in ("jaarverslag-2025-twente.pdf", "jaarverslag-2025-twente.docx"):
    (project / "output/2025/twente").mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "output/2025/twente" / name, project / "output/2025/twente" / name)

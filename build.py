"""Build a document from the repository: `python build.py --gemeente enschede`.

A thin shim over the package CLI (installed as the `uvpgen` command), rooted at this folder.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "src"))

from uvpgen.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(root=Path(__file__).resolve().parent))

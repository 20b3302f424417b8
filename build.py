"""Build the documents from the repository: `python build.py` (everything that changed) or
`python build.py --gemeente enschede`.

A thin shim over the package CLI (installed as the `uvpgen` command), rooted at this folder.
Started with another Python than the project's virtual environment (made by `sh tools/setup.sh`),
it runs itself again with that environment, so the README's commands work as written.
"""

import os
import sys
from importlib.util import find_spec
from pathlib import Path

HERE = Path(__file__).resolve().parent
VENV = HERE / ".venv" / "bin" / "python"

if VENV.is_file() and Path(sys.prefix).resolve() != VENV.parent.parent.resolve():
    os.execv(str(VENV), [str(VENV), __file__, *sys.argv[1:]])
sys.path.insert(0, str(HERE / "src"))
# And for the worker processes: multiprocessing's forkserver (Python 3.11) does not take this
# process's sys.path, and would import uvpgen from wherever the virtual environment points.
os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(HERE / "src"), os.environ.get("PYTHONPATH")]))

missing = [name for name in ("docx", "jinja2", "markdown_it", "pydantic", "weasyprint") if find_spec(name) is None]
if missing:
    sys.exit(f"uvpgen: fout: de bibliotheek {missing[0]} ontbreekt. Installeer eerst alles met: sh tools/setup.sh")

if __name__ == "__main__":  # not when multiprocessing's forkserver imports this file to start workers
    from uvpgen.cli import command

    command(root=HERE)

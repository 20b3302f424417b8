"""Every published file of a year checked by the checkers we did not write: pdfua (PDF/UA-1) on
every PDF, both variants, and openxml-audit (the OOXML schema) on every DOCX.

The tests run the same checks (tests/checkers.py) on one document of each type for a deelnemer
and for Twente; this runs them on all of output/<jaar>/, which `build.py --check` proves is what
the sources produce. CI runs it after the tests; it takes about a minute of CPU per 64 files.
    .venv/bin/python tools/check_published.py [--jaar 2025] [--jobs N]
"""

from __future__ import annotations

import argparse
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from checkers import ooxml_says, pdfua_says  # noqa: E402

CHECKS = {".pdf": ("pdfua", pdfua_says), ".docx": ("openxml-audit", ooxml_says)}


def check(path: Path) -> list[str]:
    return CHECKS[path.suffix][1](path)


def main() -> int:
    parser = argparse.ArgumentParser(description="Toets alle gepubliceerde PDF's (pdfua) en DOCX'en (openxml-audit).")
    parser.add_argument("--jaar", type=int, help="programmajaar (standaard: het nieuwste in output/)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="zoveel bestanden tegelijk")
    args = parser.parse_args()
    years = sorted(int(p.name) for p in (ROOT / "output").iterdir() if p.is_dir() and p.name.isdigit())
    folder = ROOT / "output" / str(args.jaar or years[-1])
    paths = sorted(path for suffix in CHECKS for path in folder.glob(f"*/*{suffix}"))
    if not paths:
        print(f"check_published: geen PDF of DOCX in {folder}", file=sys.stderr)
        return 1
    with ProcessPoolExecutor(max_workers=args.jobs) as pool:
        found = {path: said for path, said in zip(paths, pool.map(check, paths, chunksize=4)) if said}
    for path, said in found.items():
        print(f"{path.relative_to(ROOT)} ({CHECKS[path.suffix][0]}):", *said[:10], sep="\n  ")
    counts = ", ".join(f"{sum(p.suffix == suffix for p in paths)} {suffix[1:].upper()}" for suffix in CHECKS)
    if found:
        print(f"check_published: {len(found)} van {len(paths)} bestanden hebben bevindingen ({counts}).")
        return 1
    print(f"check_published: geen bevindingen in {counts} ({', '.join(name for name, _ in CHECKS.values())}).")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Every published file of a year checked by the checkers we did not write: pdfua (PDF/UA-1) on
every PDF, both variants; openxml-audit (the OOXML schema) on every DOCX; axe-core (WCAG 2.1 A
and AA) in headless Chromium on every web page and the index.

The tests run the same checks (tests/checkers.py, tests/headless.py) on a sample of each type;
this runs them on all of output/<jaar>/, which `build.py --check` proves is what the sources
produce. CI runs it after the tests (about a second per file). Without Chromium the web pages
are skipped with a note, unless CI is set.
    .venv/bin/python tools/check_published.py [--jaar 2025] [--jobs N]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "src"))

import headless  # noqa: E402
from checkers import ooxml_says, pdfua_says  # noqa: E402
from uvpgen.build import INDEX  # noqa: E402

CHECKS = {".pdf": ("pdfua", pdfua_says), ".docx": ("openxml-audit", ooxml_says)}


def check(path: Path) -> list[str]:
    return CHECKS[path.suffix][1](path)


def axe_says(pages: list[Path]) -> dict[Path, list[str]]:
    """axe-core's WCAG 2.1 AA violations per web page, in one headless Chromium."""
    with tempfile.TemporaryDirectory() as profile:
        driver = headless.chromium(Path(profile))
        try:
            found = {}
            for page in pages:
                driver.get(page.as_uri())
                found[page] = headless.axe_violations(driver)
            return found
        finally:
            driver.quit()


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
    checkers = [name for name, _ in CHECKS.values()]
    pages = sorted(folder.glob("*/*.html")) + sorted(folder.glob(INDEX))
    lacking = headless.missing()
    if lacking and os.environ.get("CI"):
        print(f"check_published: geen browser: {', '.join(lacking)} ontbreekt (sh tools/setup.sh)", file=sys.stderr)
        return 1
    with ProcessPoolExecutor(max_workers=args.jobs) as pool:
        pending = pool.map(check, paths, chunksize=4)  # the workers start now, the browser beside them
        found = axe_says(pages) if pages and not lacking else {}
        found |= dict(zip(paths, pending))
    if lacking:
        print(f"check_published: webpagina's niet getoetst: {', '.join(lacking)} ontbreekt (sh tools/setup.sh)")
    elif pages:
        checkers.append("axe-core")
    problems = {path: said for path, said in found.items() if said}
    for path, said in problems.items():
        print(f"{path.relative_to(ROOT)}:", *said[:10], sep="\n  ")
    counts = f"{sum(p.suffix == '.pdf' for p in found)} PDF, {sum(p.suffix == '.docx' for p in found)} DOCX, " \
             f"{sum(p.suffix == '.html' for p in found)} HTML"
    if problems:
        print(f"check_published: {len(problems)} van {len(found)} bestanden hebben bevindingen ({counts}).")
        return 1
    print(f"check_published: geen bevindingen in {counts} ({', '.join(checkers)}).")
    return 0


if __name__ == "__main__":
    sys.exit(main())

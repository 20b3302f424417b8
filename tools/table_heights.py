"""How well document.TableBlock.height estimates the tables as WeasyPrint lays them out: every
table of a year's canonical Markdown that the PDF prints on one page, measured with pdftotext
-bbox (from the top of its header to the bottom of its last row) against the estimate. With
--fit: the points of a line, a row and a table that fit best (least squares), for document.py
after a change to the type or padding of tables in print.css. The estimate decides which short
tables are kept whole (PAGE_POINTS leaves room for its largest error).
    .venv/bin/python tools/table_heights.py [--jaar 2025] [--fit]
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import numpy

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "src"))

from test_pdf_pages import characters  # noqa: E402
from uvpgen.document import LINE_POINTS, ROW_POINTS, TABLE_POINTS, TableBlock, plain  # noqa: E402
from uvpgen.formatting import signed  # noqa: E402
from uvpgen.markdown import build_blocks  # noqa: E402

def measured(markdown: Path) -> list[tuple[TableBlock, float]]:
    """Each table on one page of the PDF beside the Markdown, with its height in points."""
    text, where = characters(markdown.with_suffix(".pdf"))
    found, position = [], 0
    for block in build_blocks(markdown.read_text(encoding="utf-8")):
        if not isinstance(block, TableBlock):
            continue
        spans = []
        for cells in (block.header, *(row.cells for row in block.rows)):
            row = re.sub(r"\s+", "", "".join(plain(cell.inlines) for cell in cells))
            start = text.find(row, position)
            if start < 0:
                break
            spans.append((start, start + len(row)))
            position = start + len(row)
        else:
            if len({where[start][0] for start, _ in spans}) == 1:
                top = min(where[i][1] for i in range(*spans[0]))
                bottom = max(where[i][2] for i in range(*spans[-1]))
                found.append((block, bottom - top))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--jaar", default="2025")
    parser.add_argument("--fit", action="store_true", help="de punten per regel, rij en tabel die het best passen")
    args = parser.parse_args()
    tables = [pair for path in sorted((ROOT / "output" / args.jaar).glob("*/*.md")) for pair in measured(path)]
    errors = sorted((height - block.height, block.id or "-") for block, height in tables)
    print(f"{len(tables)} tabellen; gemeten min geschat: gemiddeld {signed(numpy.mean([e for e, _ in errors]), 1)} pt, "
          f"van {signed(errors[0][0], 1)} ({errors[0][1]}) tot {signed(errors[-1][0], 1)} ({errors[-1][1]})")
    if args.fit:
        lines = [sum(block._row_lines()) for block, _ in tables]  # the estimate's own line count
        rows = numpy.array([[lines[i] * (not block.wide), lines[i] * block.wide, len(block.rows), 1]
                            for i, (block, _) in enumerate(tables)])
        heights = numpy.array([height for _, height in tables])
        fit, *_ = numpy.linalg.lstsq(rows, heights, rcond=None)
        worst, now = numpy.abs(heights - rows @ fit).max(), max(-errors[0][0], errors[-1][0])
        print(f"nu: LINE_POINTS {LINE_POINTS}, ROW_POINTS {ROW_POINTS}, TABLE_POINTS {TABLE_POINTS}; "
              f"grootste afwijking {now:.0f} pt")
        print(f"best passend: LINE_POINTS {{False: {fit[0]:.1f}, True: {fit[1]:.1f}}}, ROW_POINTS {fit[2]:.1f}, "
              f"TABLE_POINTS {fit[3]:.0f}; grootste afwijking {worst:.0f} pt")


if __name__ == "__main__":
    main()

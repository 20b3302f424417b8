"""The document model (uvpgen.document): compose builds one tree per document, and every writer
writes that tree; nothing after compose parses Markdown.

- The canonical text of every document of the cycle parses back into a tree that writes the same
  text and the same HTML: the text reviewers diff is the document, not a picture of it.
- Every block of a writer's text knows the file it came from, and where the file kept its lines,
  the line: an error in it names the file, not printed text.
- No module of the render stage imports markdown-it: the writers walk the tree.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from conftest import ROOT
from uvpgen import document as tree
from uvpgen.documents import TYPES, Cycle, ProjectPaths
from uvpgen.markdown import parse_document
from uvpgen.render.html import Screen, screen_parts, to_html
from uvpgen.render.markdown import write_markdown


@pytest.fixture(scope="module")
def cycle_documents():
    cycle = Cycle(ProjectPaths(ROOT), 2025)
    return {document.stem: document for kind in TYPES for document in cycle.documents(kind).values()}


def test_the_canonical_text_of_every_document_is_the_document(cycle_documents):
    """Written, parsed and written again: the same text; and the parsed text gives the same
    pages (print and screen HTML, with its headings, numbers, captions and cells)."""
    assert len(cycle_documents) == 64
    screen = Screen(picture=lambda src: src, svg=lambda chart: f'<svg id="{chart.name}"></svg>'.encode())
    for stem, document in cycle_documents.items():
        text = write_markdown(document.tree)
        again = parse_document(text, document.meta, document.charts)
        assert write_markdown(again) == text, stem
        assert to_html(again) == to_html(document.tree), stem
        assert screen_parts(again, screen) == screen_parts(document.tree, screen), stem


def test_numbered_parts_are_nodes_with_number_title_and_id(cycle_documents):
    """The Twente UVP's appendices, tables and figures as compose built them, not as text."""
    blocks = list(tree.walk(cycle_documents["uvp-2025-twente"].tree.blocks))
    appendices = [(h.number, tree.plain(h.title), h.id) for h in blocks
                  if isinstance(h, tree.Heading) and (h.number or "").startswith("Bijlage")]
    assert appendices == [("Bijlage 1", "Projecten", "bijlage-projecten"),
                          ("Bijlage 2", "Energie en duurzaamheid", "bijlage-energie"),
                          ("Bijlage 3", "Verantwoording wettelijke vereisten", "verantwoording")]
    numbers = [t.number for t in blocks if isinstance(t, tree.TableBlock) and t.number is not None]
    assert numbers == list(range(1, len(numbers) + 1))  # in document order, none skipped
    balance = next(t for t in blocks if isinstance(t, tree.TableBlock) and t.id == "capaciteit-balans")
    assert balance.rows[-1].key == "totaal" and balance.total  # rows keep their identity
    figures = [(f.number, f.id) for f in tree.walk(cycle_documents["monitoring-voorjaar-2025-hengelo"].tree.blocks)
               if isinstance(f, tree.Figure)]
    assert figures == [(1, "figuur-realisatie-per-programma"), (2, "figuur-uren-door-het-jaar")]


def test_a_block_of_a_writers_text_knows_its_file_and_line(cycle_documents):
    """Each paragraph taken from content/ names its file and the line it starts on there; the
    generated ones name their template."""
    checked = 0
    for block in tree.walk(cycle_documents["uvp-2025-enschede"].tree.blocks):
        if not isinstance(block, tree.Paragraph):
            continue
        source = block.source
        if source.path.startswith("content/"):
            assert source.line is not None, source
            first_line = (ROOT / source.path).read_text(encoding="utf-8").splitlines()[source.line - 1]
            first_line = re.sub(r"^\s*(?:(?:[-*>]|\d+\.)\s+)*", "", first_line)  # a list item's or quote's marker
            words = tree.plain(block.inlines).split()[:4]
            if "{" not in first_line:  # a line with {{ }} prints a figure, not what is typed
                assert first_line.split()[:4] == words, (source, first_line)
                checked += 1
        else:
            assert source.path.startswith("templates/"), source
    assert checked > 50


RENDER = ROOT / "src" / "uvpgen" / "render"


@pytest.mark.parametrize("module", sorted(RENDER.glob("*.py")), ids=lambda path: path.name)
def test_no_writer_parses_markdown(module: Path):
    imported = set()
    for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            imported |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            imported.add(("." * node.level) + (node.module or ""))
    assert not {name for name in imported if name.startswith(("markdown_it", "mdit_py_plugins", "..markdown"))}

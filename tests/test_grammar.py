"""The declared Markdown grammar (uvpgen.markdown) and the document model (uvpgen.document): every
construct of the grammar becomes a node, every node type has a method in every writer, a sample
of each comes back out of the DOCX and the PDF, and the content check refuses what the grammar
does not allow, with file and line."""

from __future__ import annotations

import datetime as dt
import subprocess

import docx
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from PIL import Image

from conftest import ROOT, pdf_figure_alts, squash
from uvpgen.content import ContentRenderer, ContentSource
from uvpgen.errors import InputError
import typing

from uvpgen import document
from uvpgen.markdown import BLOCKS, INLINES, parse_document, parser
from uvpgen.render import html, pdf
from uvpgen.render.docx import DocxWriter, render_docx
from uvpgen.render.markdown import _MarkdownWriter

SAMPLE = """\
::: voorblad
{.titel}
Grammatica

:::

::: colofon
{.colofon-tekst}
Colofonregel

:::

::: inhoud
:::

# 1 Hoofdstuk

## 1.1 Paragraaf

### Tussenkop

Alinea met **vetwoord**, *cursiefwoord*, `codewoord`, een [weblink](https://example.org/pagina) en
een [ankerlink](#h-1-hoofdstuk). Harde\\
regelafbreking.

Een zin met ![Icoon in de zin](afbeeldingen/icoon.png) een plaatje.

![Vectorfiguur alleen](afbeeldingen/figuur.svg)

> Citaatniveau een
>
> > Citaatniveau twee

- Lijstpunt een
  - Lijstpunt twee
    - Lijstpunt drie

1. Nummerpunt een
2. Nummerpunt twee

```
omheinde code
```

    ingesprongen code

---

Begripterm
: Begripdefinitie

{.totaal}
| Code | Aantal |
|---|--:|
| A1 | 1.234 |
| Totaal | 1.234 |
"""

# What a reader finds of each construct in both renderings.
EXPECTED_TEXT = ["Grammatica", "Colofonregel", "1 Hoofdstuk", "1.1 Paragraaf", "Tussenkop", "vetwoord", "cursiefwoord",
                 "codewoord", "weblink", "ankerlink", "Harde", "regelafbreking", "Een zin met", "een plaatje",
                 "Citaatniveau een", "Citaatniveau twee", "Lijstpunt een", "Lijstpunt twee", "Lijstpunt drie",
                 "Nummerpunt een", "Nummerpunt twee", "omheinde code", "ingesprongen code", "Begripterm",
                 "Begripdefinitie", "A1", "1.234", "Totaal"]

SVG = """<svg xmlns="http://www.w3.org/2000/svg" width="200" height="60" viewBox="0 0 200 60">
<rect width="200" height="60" fill="#00457c"/><text x="10" y="38" font-size="20" fill="#fff">SVG</text></svg>"""


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    """The sample rendered as DOCX and PDF, with its pictures in a content folder of its own."""
    folder = tmp_path_factory.mktemp("grammatica")
    pictures = folder / "content" / "afbeeldingen"
    pictures.mkdir(parents=True)
    Image.new("RGB", (24, 24), "#00457c").save(pictures / "icoon.png")
    (pictures / "figuur.svg").write_text(SVG)
    tree = parse_document(SAMPLE, document.Meta("Grammatica", "Grammatica", "OD Twente", "Proef", date=dt.date(2025, 1, 1)))
    laid_out = pdf.layout_pdf(tree, ROOT / "templates", folder / "content")
    (folder / "grammatica.docx").write_bytes(render_docx(tree, ROOT / "templates" / "reference.docx",
                                                         folder / "content", layout=pdf.page_layout(laid_out)))
    (folder / "grammatica.pdf").write_bytes(pdf.write_pdf(laid_out, folder / "content")["pdf"])
    return folder


BLOCK_TYPES = typing.get_args(document.Block)
INLINE_TYPES = typing.get_args(document.Inline)


@pytest.mark.parametrize("writer", [DocxWriter, html._HtmlWriter, _MarkdownWriter])
def test_every_node_type_has_a_method_in_every_writer(writer):
    for kind in BLOCK_TYPES + INLINE_TYPES:
        assert callable(getattr(writer, f"visit_{kind.__name__.lower()}", None)), kind


def test_every_construct_of_the_grammar_becomes_a_node():
    """The sample uses every construct (next test); its tree holds a node of every type but the
    ones only compose makes (numbered tables and figures, and their captions)."""
    found = {type(node) for node in document.walk(parse_document(SAMPLE, document.Meta("t", "r", "a")).blocks)}
    assert set(BLOCK_TYPES) - found == {document.Figure}
    assert set(INLINE_TYPES) <= found


def test_only_the_docx_writer_renders_tracked_changes():
    from uvpgen.render.docx import DocxWriter
    for kind in typing.get_args(document.Revised):
        assert callable(getattr(DocxWriter, f"visit_{kind.__name__.lower()}", None)), kind
        assert not hasattr(_MarkdownWriter, f"visit_{kind.__name__.lower()}"), kind
    with pytest.raises(TypeError, match="Markdown-schrijver kent het element Revision niet"):
        _MarkdownWriter().block(document.Revision(document.INSERTED, ()))


def test_a_writer_refuses_a_node_type_it_does_not_know():
    class Unknown:
        pass
    with pytest.raises(TypeError, match="Markdown-schrijver kent het element Unknown niet"):
        _MarkdownWriter().block(Unknown())


def test_the_sample_uses_every_declared_construct():
    used = {token.type.removesuffix("_open") for token in parser().parse(SAMPLE)}
    used |= {child.type.removesuffix("_open") for token in parser().parse(SAMPLE) for child in token.children or []}
    assert set(BLOCKS + INLINES) <= used


def test_docx_shows_every_construct(sample):
    document = docx.Document(str(sample / "grammatica.docx"))
    paragraphs = [(p.style.name, squash(p.text)) for p in document.paragraphs]
    text = " ".join(t for _, t in paragraphs) + " " + " ".join(
        cell.text for table in document.tables for row in table.rows for cell in row.cells)
    for expected in EXPECTED_TEXT:
        assert expected in text, expected
    styles = {style for style, _ in paragraphs}
    assert {"Quote", "Code", "List Bullet", "List Bullet 2", "List Number", "Definitieterm", "Definitie"} <= styles
    addresses = [rel.target_ref for rel in document.part.rels.values() if rel.reltype == RT.HYPERLINK]
    assert addresses == ["https://example.org/pagina"]
    body = document.element.body.xml
    assert 'w:anchor="_Toc00000001"' in body  # the #anker link goes to the chapter's bookmark
    assert [shape._inline.docPr.get("descr") for shape in document.inline_shapes] == \
        ["Icoon in de zin", "Vectorfiguur alleen"]
    icon, figure = document.inline_shapes
    assert icon.width.mm == pytest.approx(24 * 25.4 / 96, abs=0.1)  # its natural size, as in the PDF
    assert figure.width.mm == pytest.approx(168, abs=0.5)  # the text width
    assert "<w:br/>" in body  # the hard break


def test_pdf_shows_every_construct(sample):
    text = squash(subprocess.run(["pdftotext", str(sample / "grammatica.pdf"), "-"], capture_output=True,
                                 text=True, check=True).stdout)
    for expected in EXPECTED_TEXT:
        assert expected in text, expected
    assert pdf_figure_alts(sample / "grammatica.pdf") == ["Icoon in de zin", "Vectorfiguur alleen"]


@pytest.mark.parametrize("text, line, message", [
    ("Eerste regel.\n\nTweede\x0cregel.\n", 3, "stuurteken U+000C"),
    ("- een\n  - twee\n    - drie\n      - vier\n", 4, "dieper dan 3 niveaus"),
    ("> een\n>> twee\n>>> drie\n>>>> vier\n" + ">" * 30 + " diep\n\nNa het citaat.\n", 4, "dieper dan 3 niveaus"),
    ("Tekst.\n\n::: colofon\nEigen colofon\n:::\n", 3, "container_colofon"),
    # a private-use character would pass for a placeholder of compose (uvpgen.markdown.placeholder)
    ("Tekst.\n\n\ue000deel 0\ue001\n", 3, "stuurteken U+E000"),
])
def test_content_outside_the_grammar_is_refused_with_file_and_line(tmp_path, text, line, message):
    source = ContentSource(tmp_path, 2025, "uvp", "enschede")
    source.uniform("proef").parent.mkdir(parents=True)
    source.uniform("proef").write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as refused:
        ContentRenderer(source, {}, parser()).section("proef")
    assert message in refused.value.describe()
    assert (refused.value.path, refused.value.line) == (source.uniform("proef"), line)

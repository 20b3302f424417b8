"""What every rendering refuses. Checked once per document on its tree before any writer runs:
a block too long to lay out, a character no shipped font has; the error names the file and line
the block came from (its `Source`), or, for a table built from data, the table and the row. And
per content picture, when a writer fetches it: a raster picture too large to decode.
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from ..document import (GENERATED, Block, BulletList, CodeBlock, Colophon, Cover, DefinitionList, Document, Figure,
                        Heading, Inline, OrderedList, Paragraph, Quote, Source, TableBlock, plain)
from ..errors import InputError
from ..limits import MAX_SOURCE_BYTES, read_bytes

MAX_BLOCK = 50_000  # characters in one paragraph or table; WeasyPrint lays out some 60 000 a second


@lru_cache(maxsize=4)
def printable(fonts_dir: Path) -> frozenset[str]:
    """Every character the shipped fonts (templates/fonts/*.ttf) can show (read by HarfBuzz, which
    the DOCX subsetting loads anyway: a tenth of fontTools' time)."""
    import uharfbuzz

    return frozenset(chr(code) for path in sorted(fonts_dir.glob("*.ttf"))
                     for code in uharfbuzz.Face(uharfbuzz.Blob(read_bytes(path, MAX_SOURCE_BYTES))).unicodes)


def check_text(document: Document, templates_dir: Path) -> None:
    """Refuse what no rendering could show: a runaway paragraph (5 MB pasted into a text would
    keep WeasyPrint busy for minutes) and a character that would print as an empty box, or in
    whatever font the machine happens to have."""
    shown = printable(templates_dir / "fonts")
    for text, source, where in _texts(document.blocks, GENERATED, ""):
        if len(text) > MAX_BLOCK:
            raise error_at(f"alinea of tabel van {len(text)} tekens{where}", source, text, 0,
                         f"hoogstens {MAX_BLOCK} tekens; verdeel de tekst met lege regels in alinea's")
        missing = next((index for index, char in enumerate(text) if char not in shown and _visible(char)), None)
        if missing is not None:
            char = text[missing]
            name = unicodedata.name(char, "")
            raise error_at(f"teken {char!r} (U+{ord(char):04X}{' ' + name if name else ''}) staat niet in het "
                         f"lettertype van de PDF{where}", source, text, missing,
                         "tekens die het lettertype Noto Sans kent; laat het teken weg of schrijf het uit")
    for text in (document.meta.title, document.meta.running_title, document.meta.author):
        if any(char not in shown and _visible(char) for char in text):
            raise InputError("teken in de titel staat niet in het lettertype van de PDF", value=text,
                             expected="tekens die het lettertype Noto Sans kent")


def _visible(char: str) -> bool:
    return unicodedata.category(char) not in ("Cc", "Cf") and not "\ufe00" <= char <= "\ufe0f"


def error_at(message: str, source: Source, text: str, at: int, expected: str) -> InputError:
    """In a writer's file: the line the character is on. From data or a template: the text
    around it, which says where it is printed."""
    if source.path != GENERATED.path and not source.path.startswith("templates/"):
        line = source.line + text.count("\n", 0, at) if source.line else None
        return InputError(message, path=source.path, line=line, expected=expected)
    return InputError(message, value=" ".join(text[max(0, at - 35):at + 35].split()), expected=expected)


def _texts(blocks: tuple[Block, ...], source: Source, where: str) -> Iterator[tuple[str, Source, str]]:
    """Each block's text (soft breaks as line breaks, so lines count as in the file), where it came
    from, and for a table built from data which table and row it is."""
    for block in blocks:
        here = getattr(block, "source", source)
        if isinstance(block, Paragraph):
            yield _plain(block.inlines), here, where
        elif isinstance(block, Heading):
            yield _plain(block.title), here, where
        elif isinstance(block, CodeBlock):
            yield block.text, here, where
        elif isinstance(block, Figure):
            yield _plain(block.caption) + "\n" + _plain(block.image.alt), here, where
        elif isinstance(block, TableBlock):
            yield from _table_texts(block, here, where)
        elif isinstance(block, (BulletList, OrderedList)):
            for item in block.items:
                yield from _texts(item.blocks, here, where)
        elif isinstance(block, (Quote, Cover, Colophon)):
            yield from _texts(block.blocks, here, where)
        elif isinstance(block, DefinitionList):
            for item in block.items:
                yield _plain(item.term), here, where
                for definition in item.definitions:
                    yield from _texts(definition, here, where)


def _table_texts(table: TableBlock, source: Source, where: str) -> Iterator[tuple[str, Source, str]]:
    """A table's rows, each named by the table's number and the row's identity; and the whole
    table once, whose length counts as one block."""
    label = f"{where} in Tabel {table.number}" if table.number else where
    rows = [("kop", table.header), *((row.key, row.cells) for row in table.rows)]
    for key, cells in rows:
        text = " | ".join(_plain(cell.inlines) for cell in cells)
        yield text[:MAX_BLOCK], source, f"{label}, rij {key}" if key else label
    yield " ".join(" | ".join(_plain(cell.inlines) for cell in cells) for _, cells in rows), source, label


def _plain(inlines: tuple[Inline, ...]) -> str:
    return plain(inlines, soft_break="\n")


MAX_PICTURE_PIXELS = 25_000_000


def check_picture(path: Path, content: bytes) -> None:
    """Refuse a raster picture (`content`, read from `path`) WeasyPrint could not decode in
    reasonable time and memory (a small PNG file can hold 400 megapixels). Pillow reads only the
    header here."""
    if path.suffix.lower() == ".svg":
        return
    from PIL import Image, UnidentifiedImageError

    limit, Image.MAX_IMAGE_PIXELS = Image.MAX_IMAGE_PIXELS, None  # our own, lower limit follows
    try:
        with Image.open(io.BytesIO(content)) as picture:
            width, height = picture.size
    except (UnidentifiedImageError, OSError):
        raise InputError("afbeelding is onleesbaar", path=path, expected="een geldig PNG- of JPEG-bestand") from None
    finally:
        Image.MAX_IMAGE_PIXELS = limit
    if width * height > MAX_PICTURE_PIXELS:
        raise InputError("afbeelding is te groot", path=path, value=f"{width} × {height} pixels",
                         expected=f"hoogstens {MAX_PICTURE_PIXELS // 1_000_000} megapixel; verklein de afbeelding")

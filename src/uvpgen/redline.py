"""The newer version of a document with every difference from an older one as a Word tracked
change ("met wijzigingen bijhouden"): `uvpgen diff OUD NIEUW --docx UIT.docx` and
`build.py --wijzigingen-docx`.

Both versions are document trees (uvpgen.document) parsed from their canonical Markdown. Blocks
are matched by identity, never by position alone: a heading by its level and its title without
its number, a table by its id, a figure by its id, a paragraph by its text or else as the
rewritten paragraph in its place; a table's rows by their identity (review.row_identities) and
its cells by column. Within what matched, the words differ (difflib on words, whole numbers,
spaces and punctuation): a changed figure is a change inside its cell, a renumbered chapter or
table a change of its number. What
has no counterpart is inserted or deleted whole (document.Revision). A chapter that moved is a Word
move: as it was where it was, as it is where it is (changes inside it are not shown apart).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import re
from collections.abc import Sequence
from pathlib import Path

from .document import (DELETED, INSERTED, MOVED_FROM, MOVED_TO, Block, BulletList, Cell, Colophon, Contents, Cover,
                       Definition, DefinitionList, Deleted, Document, Emph, Figure, Heading, Image, Inline, Inserted,
                       Link, ListItem, Meta, OrderedList, Paragraph, RevisedTable, Revision, SoftBreak, Strong,
                       TableBlock, TableRow, Text, plain, walk)
from .errors import InputError
from .formatting import MONTHS
from .limits import MAX_REVIEW_COMPARED, MAX_REVIEW_MARKDOWN, Budget
from .markdown import build_blocks
from .reading import HEADING_NUMBER, Table
from .reading import Text as Shown
from .review import row_identities

AUTHOR = "uvpgen"
REWRITTEN = 0.5  # paragraphs in the same place that share at least this part of their words are one, rewritten
# What a change is made of: a number whole ("1.410", "12,02"), a word, spaces, a punctuation mark.
TOKEN = re.compile(r"\d+(?:[.,]\d+)*|\w+|\s+|[^\w\s]")


# --- words --------------------------------------------------------------------------------

def _atoms(inlines: Sequence[Inline], frames: tuple = ()) -> list[tuple]:
    """Inline content as (word or space, frames) and (other inline, frames), where the frames say
    what the atom is inside: ("strong",), ("emph",), ("link", href)."""
    atoms: list[tuple] = []
    for node in inlines:
        if isinstance(node, Text):
            atoms += [(token, frames) for token in TOKEN.findall(node.text)]
        elif isinstance(node, SoftBreak):
            atoms.append((" ", frames))
        elif isinstance(node, Strong):
            atoms += _atoms(node.children, frames + (("strong",),))
        elif isinstance(node, Emph):
            atoms += _atoms(node.children, frames + (("emph",),))
        elif isinstance(node, Link):
            atoms += _atoms(node.children, frames + (("link", node.href),))
        else:  # Code, Image, HardBreak: compared whole
            atoms.append((node, frames))
    return atoms


def _framed(node: Inline, frames: tuple) -> Inline:
    for frame in reversed(frames):
        node = (Strong((node,)) if frame[0] == "strong" else Emph((node,)) if frame[0] == "emph"
                else Link(frame[1], (node,)))
    return node


def _inlines(marked: list[tuple[tuple, str | None]]) -> tuple[Inline, ...]:
    """Atoms with their change (INSERTED, DELETED or None) as inlines: neighbouring words with the
    same frames and change as one text."""
    result: list[Inline] = []
    index = 0
    while index < len(marked):
        (token, frames), change = marked[index]
        index += 1
        if isinstance(token, str):
            while (index < len(marked) and isinstance(marked[index][0][0], str) and marked[index][0][1] == frames
                   and marked[index][1] == change):
                token += marked[index][0][0]
                index += 1
            token = Text(token)
        node = _framed(token, frames)
        result.append(Inserted((node,)) if change == INSERTED else Deleted((node,)) if change == DELETED else node)
    return tuple(result)


def _is_filler(atom: tuple) -> bool:
    """Spaces or punctuation: between two changes they belong to them."""
    return isinstance(atom[0], str) and not any(char.isalnum() for char in atom[0])


def words(old: Sequence[Inline], new: Sequence[Inline]) -> tuple[Inline, ...]:
    """The newer inline content with the words that differ from the older as Deleted and Inserted.
    Spaces and punctuation alone between two changes belong to them: "[-7 8-]{+9 10+}", not
    "[-7-]{+9+} [-8-]{+10+}". Texts too long to compare word by word (MAX_REVIEW_COMPARED word
    pairs) change as a whole."""
    if tuple(old) == tuple(new):
        return tuple(new)
    a, b = _atoms(old), _atoms(new)
    if len(a) * len(b) > MAX_REVIEW_COMPARED:
        return Deleted(tuple(old)), Inserted(tuple(new))
    codes = difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes()
    marked: list[tuple[tuple, str | None]] = []
    pending: tuple[list, list] = ([], [])  # the deleted and inserted atoms of the change being gathered
    for position, (tag, a1, a2, b1, b2) in enumerate(codes):
        inside = 0 < position < len(codes) - 1 and all(map(_is_filler, a[a1:a2]))
        if tag == "equal" and not inside:
            marked += [(atom, DELETED) for atom in pending[0]] + [(atom, INSERTED) for atom in pending[1]]
            pending = ([], [])
            marked += [(atom, None) for atom in b[b1:b2]]
        else:
            pending[0].extend(a[a1:a2])
            pending[1].extend(b[b1:b2])
    marked += [(atom, DELETED) for atom in pending[0]] + [(atom, INSERTED) for atom in pending[1]]
    return _inlines(marked)


def _similar(old: str, new: str) -> bool:
    """Whether two texts share enough words to be one, rewritten (REWRITTEN)."""
    return difflib.SequenceMatcher(a=old.split(), b=new.split(), autojunk=False).ratio() >= REWRITTEN


# --- blocks -------------------------------------------------------------------------------

def _numbered(number: str | None, title: tuple[Inline, ...]) -> tuple[Inline, ...]:
    return (Text(f"{number} "), *title) if number else title


def _identity(block: Block) -> object:
    """What a block is, in both versions: equal identities are the same block."""
    if isinstance(block, Heading):
        return "heading", block.level, HEADING_NUMBER.sub("", plain(block.title))
    if isinstance(block, TableBlock):
        return "table", block.id or tuple(plain(cell.inlines) for cell in block.header)
    if isinstance(block, Figure):
        return "figure", block.id
    if isinstance(block, Paragraph):
        return "paragraph", block.style, block.inlines
    if isinstance(block, (Cover, Colophon, Contents)):
        return type(block).__name__
    return block


def _kind(block: Block) -> object:
    """What a block may be paired with when it has no identical counterpart: a paragraph with a
    paragraph of the same style (rewritten), a list with a list of its kind."""
    if isinstance(block, Paragraph):
        return "paragraph", block.style
    if isinstance(block, (BulletList, OrderedList, DefinitionList)):
        return type(block).__name__
    return id(block)


def _replaced(old: Sequence[Block], new: Sequence[Block]) -> list[Block]:
    return ([Revision(DELETED, tuple(old))] if old else []) + ([Revision(INSERTED, tuple(new))] if new else [])


def merge(old: Sequence[Block], new: Sequence[Block]) -> list[Block]:
    """The blocks of both versions in the newer's order, with the older's blocks it lacks where they were."""
    merged: list[Block] = []
    for tag, a1, a2, b1, b2 in difflib.SequenceMatcher(a=[_identity(block) for block in old],
                                                       b=[_identity(block) for block in new],
                                                       autojunk=False).get_opcodes():
        if tag == "equal":
            for before, after in zip(old[a1:a2], new[b1:b2]):
                merged += _pair(before, after)
            continue
        part_old, part_new = old[a1:a2], new[b1:b2]
        for tag2, c1, c2, d1, d2 in difflib.SequenceMatcher(a=[_kind(block) for block in part_old],
                                                            b=[_kind(block) for block in part_new],
                                                            autojunk=False).get_opcodes():
            if tag2 == "equal":
                for before, after in zip(part_old[c1:c2], part_new[d1:d2]):
                    merged += _pair(before, after)
            else:
                merged += _replaced(part_old[c1:c2], part_new[d1:d2])
    return merged


def _units(blocks: Sequence[Block]) -> list[tuple[Block, ...]]:
    """The blocks as parts that may move: a chapter (a level-1 heading and the blocks up to the
    next one) as one, each block before the first chapter on its own."""
    units: list[list[Block]] = []
    for block in blocks:
        chapter = isinstance(block, Heading) and block.level == 1
        if units and isinstance(units[-1][0], Heading) and units[-1][0].level == 1 and not chapter:
            units[-1].append(block)
        else:
            units.append([block])
    return [tuple(unit) for unit in units]


def merge_chapters(old: Sequence[Block], new: Sequence[Block]) -> list[Block]:
    """A document's blocks as `merge` makes them, with the chapters matched first: a chapter in
    both versions that is not where the order of the others has it moved (Revision MOVED_FROM and
    MOVED_TO, named in the newer's order)."""
    old_units, new_units = _units(old), _units(new)
    old_keys, new_keys = [_identity(unit[0]) for unit in old_units], [_identity(unit[0]) for unit in new_units]
    codes = difflib.SequenceMatcher(a=old_keys, b=new_keys, autojunk=False).get_opcodes()
    kept = {key for tag, a1, a2, _, _ in codes if tag == "equal" for key in old_keys[a1:a2]}
    moved = [key for unit, key in zip(new_units, new_keys) if key not in kept and isinstance(unit[0], Heading)
             and unit[0].level == 1 and old_keys.count(key) == new_keys.count(key) == 1]
    names = {key: f"verplaatsing{number}" for number, key in enumerate(moved, 1)}
    merged: list[Block] = []
    for tag, a1, a2, b1, b2 in codes:
        if tag == "equal":
            for before, after in zip(old_units[a1:a2], new_units[b1:b2]):
                merged += merge(before, after)
        elif not names.keys() & {*old_keys[a1:a2], *new_keys[b1:b2]}:
            merged += merge([block for unit in old_units[a1:a2] for block in unit],
                            [block for unit in new_units[b1:b2] for block in unit])
        else:
            merged += [Revision(MOVED_FROM, unit, names[key]) if key in names else Revision(DELETED, unit)
                       for unit, key in zip(old_units[a1:a2], old_keys[a1:a2])]
            merged += [Revision(MOVED_TO, unit, names[key]) if key in names else Revision(INSERTED, unit)
                       for unit, key in zip(new_units[b1:b2], new_keys[b1:b2])]
    return merged


def _pair(old: Block, new: Block) -> list[Block]:
    """One block in both versions (same identity or kind) as the blocks that show its changes."""
    if old == new:
        return [new]
    if isinstance(new, Heading):
        return [dataclasses.replace(new, number=None, title=words(_numbered(old.number, old.title),
                                                                   _numbered(new.number, new.title)))]
    if isinstance(new, Paragraph):
        if _similar(plain(old.inlines), plain(new.inlines)):
            return [dataclasses.replace(new, inlines=words(old.inlines, new.inlines))]
    elif isinstance(new, TableBlock):
        if len(old.header) == len(new.header):  # columns added or removed: Word tracks no columns
            return [_table(old, new)]
    elif isinstance(new, (Cover, Colophon)):
        return [type(new)(tuple(merge(old.blocks, new.blocks)))]
    elif isinstance(new, (BulletList, OrderedList)):
        return [dataclasses.replace(new, items=_items(old.items, new.items))]
    elif isinstance(new, DefinitionList):
        return _definitions(old, new)
    elif isinstance(new, Figure) and old.image == new.image:  # the caption changed: as a caption paragraph
        return [Paragraph(words(_numbered(f"Figuur {old.number}", old.caption),
                                _numbered(f"Figuur {new.number}", new.caption)), "bijschrift", new.source),
                Paragraph((new.image,), None, new.source)]
    return _replaced([old], [new])


def _definitions(old: DefinitionList, new: DefinitionList) -> list[Block]:
    """A definition list's items by their term ("Doel", "Capaciteit (uren)"): a term in both with
    as many definitions keeps them, merged; other items are inserted or deleted whole, as lists of
    their own (the writers show consecutive definition lists as one)."""
    blocks: list[Block] = []
    kept: list[Definition] = []

    def replaced(before: Sequence[Definition], after: Sequence[Definition]) -> None:
        if kept:
            blocks.append(DefinitionList(tuple(kept)))
            kept.clear()
        blocks.extend(_replaced([DefinitionList(tuple(before))] if before else [],
                                [DefinitionList(tuple(after))] if after else []))

    for tag, a1, a2, b1, b2 in difflib.SequenceMatcher(a=[plain(item.term) for item in old.items],
                                                       b=[plain(item.term) for item in new.items],
                                                       autojunk=False).get_opcodes():
        if tag != "equal":
            replaced(old.items[a1:a2], new.items[b1:b2])
            continue
        for before, after in zip(old.items[a1:a2], new.items[b1:b2]):
            if len(before.definitions) == len(after.definitions):
                kept.append(dataclasses.replace(after, definitions=tuple(
                    tuple(merge(was, now)) for was, now in zip(before.definitions, after.definitions))))
            else:
                replaced([before], [after])
    replaced((), ())
    return blocks


def _items(old: tuple[ListItem, ...], new: tuple[ListItem, ...]) -> tuple[ListItem, ...]:
    """A list's items: equal ones kept, a one-paragraph item rewritten in its place changed by its
    words, others inserted or deleted whole."""
    items: list[ListItem] = []
    for tag, a1, a2, b1, b2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        if tag == "equal":
            items += new[b1:b2]
            continue
        pairs = min(a2 - a1, b2 - b1) if tag == "replace" else 0
        for before, after in zip(old[a1:a1 + pairs], new[b1:b1 + pairs]):
            if len(before.blocks) == len(after.blocks) == 1 and all(
                    isinstance(item.blocks[0], Paragraph) for item in (before, after)):
                items.append(ListItem((dataclasses.replace(after.blocks[0], inlines=words(
                    before.blocks[0].inlines, after.blocks[0].inlines)),)))
            else:
                items += [ListItem((Revision(DELETED, before.blocks),)), ListItem((Revision(INSERTED, after.blocks),))]
        items += [ListItem((Revision(DELETED, item.blocks),)) for item in old[a1 + pairs:a2]]
        items += [ListItem((Revision(INSERTED, item.blocks),)) for item in new[b1 + pairs:b2]]
    return tuple(items)


def _reading(table: TableBlock) -> Table:
    def texts(cells: tuple[Cell, ...]) -> tuple[Shown, ...]:
        return tuple(Shown(plain(cell.inlines)) for cell in cells)

    return Table(texts(table.header), [texts(row.cells) for row in table.rows])


def _cells(old: tuple[Cell, ...], new: tuple[Cell, ...]) -> tuple[Cell, ...]:
    return tuple(Cell(words(before.inlines, after.inlines)) for before, after in zip(old, new))


def _table(old: TableBlock, new: TableBlock) -> RevisedTable:
    """Rows matched by identity, whatever their figures: a changed figure is a change in its cell;
    rows that came or went are inserted or deleted rows, where they are and were."""
    old_keys, new_keys, _ = row_identities(_reading(old), _reading(new))
    rows: list[TableRow] = []
    changes: list[str | None] = []
    for tag, a1, a2, b1, b2 in difflib.SequenceMatcher(a=old_keys, b=new_keys, autojunk=False).get_opcodes():
        if tag == "equal" or tag == "replace" and a2 - a1 == b2 - b1 and all(
                _similar(" ".join(map(str, was)), " ".join(map(str, now)))
                for was, now in zip(old_keys[a1:a2], new_keys[b1:b2])):
            # The same rows, or rows in the same place whose identity was reworded ("Aandeel (6.1)" -> "(5.1)").
            rows += [TableRow(after.key, _cells(before.cells, after.cells))
                     for before, after in zip(old.rows[a1:a2], new.rows[b1:b2])]
            changes += [None] * (a2 - a1)
        else:
            rows += old.rows[a1:a2] + new.rows[b1:b2]
            changes += [DELETED] * (a2 - a1) + [INSERTED] * (b2 - b1)
    caption = None
    if new.caption is not None:
        caption = words(_numbered(f"Tabel {old.number}", old.caption or ()),
                        _numbered(f"Tabel {new.number}", new.caption))
    table = dataclasses.replace(new, header=_cells(old.header, new.header), rows=tuple(rows), caption=None)
    return RevisedTable(table, tuple(changes), caption)


# --- documents ----------------------------------------------------------------------------

COVER_DATE = re.compile(rf"\b(\d{{1,2}}) ({'|'.join(MONTHS)}) (\d{{4}})\b")


def cover_text(blocks: tuple[Block, ...], style: str) -> str:
    """The text of the cover's first paragraph in a style ("titel", "ondertitel", "voorblad-meta"), or ""."""
    cover = next((block for block in blocks if isinstance(block, Cover)), None)
    return next((plain(block.inlines) for block in (cover.blocks if cover else ())
                 if isinstance(block, Paragraph) and block.style == style), "")


def version(markdown: str, name: str) -> Document:
    """A version of a document from its canonical Markdown, with its title and date from its cover
    ("Versie 1.1 · concept · 12 maart 2025"). Text that is not a document of uvpgen is refused."""
    expected = "het .md-bestand van een document van uvpgen (met voorblad, titel en datum)"
    Budget(name, "de versies te vergelijken").at_most(len(markdown), MAX_REVIEW_MARKDOWN, "tekens Markdown")
    try:
        blocks = build_blocks(markdown)
    except (InputError, ValueError) as err:
        raise InputError(f"geen document van uvpgen ({err})", value=name, expected=expected) from None
    title = cover_text(blocks, "titel")
    date = COVER_DATE.search(cover_text(blocks, "voorblad-meta"))
    if not title or date is None:
        raise InputError("geen document van uvpgen: geen voorblad met titel en datum", value=name, expected=expected)
    day, month, year = date.groups()
    subject = cover_text(blocks, "ondertitel")
    meta = Meta(title=f"{title} {subject}".strip(), running_title=title, author=AUTHOR, subject=subject,
                date=dt.date(int(year), MONTHS.index(month) + 1, int(day)))
    return Document(meta, blocks)


def redline(old: Document, new: Document) -> Document:
    """The newer version with every difference from the older as Inserted, Deleted, Revision and
    RevisedTable nodes. Two different documents (another title or subtitle on the cover) are refused."""
    for style in ("titel", "ondertitel"):
        was, now = cover_text(old.blocks, style), cover_text(new.blocks, style)
        if was != now:
            raise InputError(f"twee verschillende documenten ({style} op het voorblad)", field=style,
                             value=f"{was!r} en {now!r}", expected="twee versies van hetzelfde document")
    return dataclasses.replace(new, blocks=tuple(merge_chapters(old.blocks, new.blocks)))


def changed(document: Document) -> bool:
    """Whether a document from `redline` has any tracked change."""
    return any(isinstance(node, (Inserted, Deleted, Revision))
               or isinstance(node, RevisedTable) and any(node.changes) for node in walk(document.blocks))


def charts_needed(document: Document) -> list[str]:
    """The charts the document shows, by name."""
    return sorted({node.chart for node in walk(document.blocks) if isinstance(node, Image) and node.chart})


def tracked_docx(old: Document, new: Document, reference_docx: Path, content_dir: Path,
                 author: str = AUTHOR) -> tuple[bytes, bool]:
    """The DOCX of the newer version with its changes tracked, by `author` on the newer version's
    date, and whether it has any. The charts the document shows must be the newer version's."""
    from .render.docx import Tracking, render_docx

    document = redline(old, new)
    missing = [name for name in charts_needed(document) if name not in {chart.name for chart in new.charts}]
    if missing:
        raise InputError("de grafieken van dit document staan niet in de Markdown", value=", ".join(missing),
                         expected="een document zonder grafieken, of 'python build.py --wijzigingen-docx', "
                                  "dat de grafieken uit data/ maakt")
    return render_docx(document, reference_docx, content_dir, tracking=Tracking(author, new.meta.date)), \
        changed(document)

"""Reviewing documents: our own outputs read back to text (`uvpgen textconv`, for git diff) and a
change report between two versions of a document (`uvpgen diff`, `--document-appendix`).

The change report compares two readings of a document (uvpgen.reading: its .md, .docx or .pdf
as a reader sees it): per table, by caption, the figures per row, rows matched by what they are
(product code, deelnemer and project, indicator); per section, by heading without its number,
the words; and the sections and tables that came or went.
"""

from __future__ import annotations

import difflib
import logging
import re
import subprocess
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import TypeVar

from .data import REF_EXAMPLES, check_git_ref
from .document import GENERATED, Block, BulletList, Heading, Inline, ListItem, Paragraph, Strong
from .document import Text as Run
from .errors import InputError
from .formatting import exact, is_printed_number, parse
from .markdown import part_id
from .limits import MAX_REVIEW_BYTES, MAX_REVIEW_COMPARED, MAX_REVIEW_ITEMS, Budget, check_zip, read_bytes
from .reading import ITEMS, Reading, Table, Text, docx_rows, pdf_pages, read, read_markdown

T = TypeVar("T")

# --- textconv -----------------------------------------------------------------------------

def docx_text(path: Path) -> str:
    """Paragraphs and tables in document order; a table as one line per row: | a | b |."""
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(str(path))
    budget = Budget(path)
    lines = []
    for element in document.element.body.iterchildren():
        budget.spend(1, MAX_REVIEW_ITEMS, ITEMS)
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "p":
            text = Paragraph(element, document).text.strip()
            if text:
                lines.append(text)
        elif tag == "tbl":
            for row in docx_rows(Table(element, document), budget):
                budget.spend(1, MAX_REVIEW_ITEMS, ITEMS)
                cells = (" ".join(cell.split()) for cell in row)
                lines.append("|" + "|".join(f" {cell} " if cell else " " for cell in cells) + "|")
    return "\n".join(lines) + "\n"


def pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # a damaged file is our message, not pypdf's warnings
    pages = []
    for extracted in pdf_pages(PdfReader(path), Budget(path)):
        text = re.sub(r"\u2010\n", "", extracted or "")  # words hyphenated at a line end
        pages.append("\n".join(line.rstrip() for line in text.splitlines() if line.strip()))
    return "\n\n".join(pages) + "\n"


def textconv(path: Path) -> str:
    """The text of one of our output files, for `git diff` (see .gitattributes). Any other file
    gets a message, never a traceback: git runs this on whatever .docx or .pdf is committed."""
    return _ours(path, lambda p: (docx_text if p.suffix.lower() == ".docx" else pdf_text)(p),
                 lambda content: _utf8(content, path))


def _ours(path: Path, convert: Callable[[Path], T], plain: Callable[[bytes], T]) -> T:
    """One of our files read with `convert` (a .docx or .pdf) or `plain` (the bytes of any other
    file), after checking it is what it says it is and not too big."""
    content = read_bytes(path, MAX_REVIEW_BYTES, inside=path.parent)  # git's copies may be in a linked /tmp
    suffix = path.suffix.lower()
    if suffix not in (".docx", ".pdf"):
        return plain(content)
    kind = "Word" if suffix == ".docx" else "PDF"
    if suffix == ".docx":
        check_zip(path, content, MAX_REVIEW_BYTES, kind)
    elif not content.startswith(b"%PDF-"):
        raise InputError("geen PDF-bestand", path=path, expected="een PDF zoals uvpgen die maakt")
    try:
        return convert(path)
    except InputError:
        raise
    except Exception as err:  # noqa: BLE001 - python-docx and pypdf raise many kinds for a damaged file
        raise InputError(f"onleesbaar {kind}-bestand ({type(err).__name__}: {err})", path=path,
                         expected=f"een {kind}-bestand zoals uvpgen het maakt") from None


def _utf8(content: bytes, path: Path | None, where: str | None = None) -> str:
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError("geen UTF-8-tekst", path=path, value=where, expected="een .md-bestand van uvpgen") from None


# --- change report ------------------------------------------------------------------------

def _identities(versions: tuple[list[tuple], list[tuple]]) -> tuple[list[tuple], list[tuple]]:
    """Each item's identity in both versions: the shortest prefix of its parts that is unique
    among the items of each version, item by item (a duplicate elsewhere does not lengthen every
    key: a renamed product stays its code). Items that no prefix tells apart are numbered in their
    order: equal in everything that identifies them, they can only be counted."""
    keys: tuple[list[tuple | None], ...] = tuple([None] * len(items) for items in versions)
    longest = max((len(parts) for items in versions for parts in items), default=0)
    for length in range(1, longest + 1):
        counts = [Counter(parts[:length] for parts in items) for items in versions]
        for found, items in zip(keys, versions):
            for index, parts in enumerate(items):
                if found[index] is None and all(count[parts[:length]] <= 1 for count in counts):
                    found[index] = parts[:length]
    return tuple([key if key is not None else (*parts, items[:index].count(parts) + 1)
                  for index, (key, parts) in enumerate(zip(found, items))]
                 for found, items in zip(keys, versions))


def _row_label(key: tuple, row: dict[Text, Text], identifying: list[Text]) -> str:
    """The row as its identity names it; a total row (no code) by its label."""
    return (" / ".join(str(part) for part in key if str(part))
            or next((str(row[header]) for header in identifying if str(row.get(header, ""))), "(lege rij)"))


def _delta(was: str, now: str) -> str:
    if not (is_printed_number(was) and is_printed_number(now)):
        return ""
    difference = parse(now) - parse(was)
    return f" (Δ {'+' if difference > 0 else '-' if difference < 0 else ''}{exact(abs(difference))})"


class Group(Enum):
    """The parts of a change report, in the order it lists them."""
    FIGURES = "Cijfers"
    TEXT = "Tekst gewijzigd"
    ADDED = "Secties toegevoegd"
    REMOVED = "Secties vervallen"


@dataclass(frozen=True)
class CellChange:
    """A figure that changed in a row, by its column."""
    header: str
    was: str
    now: str

    def __str__(self) -> str:
        return f"{self.header} {self.was or '–'} → {self.now or '–'}{_delta(self.was, self.now)}"


@dataclass(frozen=True)
class Edit:
    """Changed words in a section: a few words before, the removed and added words, a few after."""
    before: str
    removed: str
    added: str
    after: str

    def __str__(self) -> str:
        removed = f"[-{self.removed}-] " if self.removed else ""
        added = f"{{+{self.added}+}} " if self.added else ""
        return f"… {self.before} {removed}{added}{self.after} …".replace("  ", " ")


@dataclass(frozen=True)
class Change:
    """One change a reader should know of: in a table (`table`; with `row` and its `cells` for a
    changed row, `what` for a table, column or row that came or went) or in a section (`section`,
    with its `edits`, or as added or removed by its group)."""
    group: Group
    table: str = ""
    row: str = ""
    cells: tuple[CellChange, ...] = ()
    what: str = ""  # "nieuwe tabel", "kolom toegevoegd: Aantal", "nieuwe rij: A1 | 3" ...
    section: str = ""
    edits: tuple[Edit, ...] = ()

    def __str__(self) -> str:
        if self.table and self.cells:
            return f"{self.table}, {self.row}: " + "; ".join(map(str, self.cells))
        if self.table:
            return f"{self.table} — {self.what}"
        if self.edits:
            return f"{self.section}: " + "; ".join(map(str, self.edits))
        return self.section


@dataclass(frozen=True)
class ChangeSet:
    """What changed between two versions of a document, as a list of changes: written as text for
    `uvpgen diff` (`text`) and as document blocks for the appendix (`blocks`)."""
    name: str
    changes: tuple[Change, ...]

    def text(self) -> str:
        lines = [f"Wijzigingen in {self.name}" if self.name else "Wijzigingen"]
        for group in Group:
            items = [change for change in self.changes if change.group is group]
            if items:
                lines += [f"{group.value}:", *(f"  {change}" for change in items)]
        if len(lines) == 1:
            lines.append("Geen wijzigingen.")
        return "\n".join(lines) + "\n"

    def blocks(self, title: str) -> tuple[Block, ...]:
        """The appendix: a heading, and per group its changes as a list; added words in bold,
        removed words as "(was: ...)"."""
        blocks: list[Block] = [Heading(1, None, (Run(title),), part_id(title), GENERATED)]
        for group in Group:
            items = [change for change in self.changes if change.group is group]
            if items:
                blocks.append(Paragraph((Strong((Run(group.value),)),)))
                blocks.append(BulletList(tuple(ListItem((Paragraph(_inlines(change)),)) for change in items)))
        return tuple(blocks)


def _inlines(change: Change) -> tuple[Inline, ...]:
    if not change.edits:
        return (Run(str(change)),)
    inlines: list[Inline] = [Run(f"{change.section}: ")]
    for index, edit in enumerate(change.edits):
        inlines.append(Run(("; " if index else "") + f"… {edit.before} ".replace("  ", " ")))
        if edit.removed:
            inlines.append(Run(f"(was: {edit.removed}) "))
        if edit.added:
            inlines += [Strong((Run(edit.added),)), Run(" ")]
        inlines.append(Run(f"{edit.after} …"))
    return tuple(inlines)


def row_identities(before: Table, after: Table) -> tuple[list[tuple], list[tuple], list[Text]]:
    """Each row's identity in both versions of a table, and the columns that make it: those
    without a single printed number (Code; Deelnemer and Project; Doel and Indicator; the label of
    the total row). Equal identities are the same row, wherever it stands and whatever its figures."""
    old_rows, new_rows = ([dict(zip(table.header, row)) for row in table.rows] for table in (before, after))
    identifying = [header for header in after.header if header in before.header
                   and not any(is_printed_number(row[header].shown) for row in old_rows + new_rows if header in row)]
    old_keys, new_keys = _identities(tuple([tuple(row.get(header, Text("")) for header in identifying) for row in rows]
                                           for rows in (old_rows, new_rows)))
    return old_keys, new_keys, identifying


def _table_changes(name: str, before: Table, after: Table) -> list[Change]:
    """Per row, by its identity (never its position, `row_identities`): the changed cells, and new
    and removed rows; a cell by its column's header."""
    old_rows, new_rows = ([dict(zip(table.header, row)) for row in table.rows] for table in (before, after))
    old_keys, new_keys, identifying = row_identities(before, after)
    unmatched = dict(zip(old_keys, old_rows))
    changes = [Change(Group.FIGURES, name, what=f"kolom {verb}: {header}")
               for verb, headers, others in (("toegevoegd", after.header, before.header),
                                             ("vervallen", before.header, after.header))
               for header in headers if header not in others]
    for key, row in zip(new_keys, new_rows):
        previous = unmatched.pop(key, None)
        if previous is None:
            changes.append(Change(Group.FIGURES, name, what=f"nieuwe rij: {' | '.join(map(str, row.values()))}"))
            continue
        cells = tuple(CellChange(str(header), was.shown, now.shown)
                      for header, now in row.items() if (was := previous.get(header, now)) != now)
        if cells:
            changes.append(Change(Group.FIGURES, name, _row_label(key, row, identifying), cells))
    changes += [Change(Group.FIGURES, name, what=f"rij vervallen: {' | '.join(map(str, row.values()))}")
                for row in unmatched.values()]
    return changes


def _edits(old: list[Text], new: list[Text], budget: Budget) -> tuple[Edit, ...]:
    """The first two changed places in the words, with a little context. Comparing word by word
    costs up to the product of the two lengths, for all changed sections together bounded."""
    def shown(words: list[Text]) -> str:
        return " ".join(map(str, words))

    budget.spend(len(old) * len(new), MAX_REVIEW_COMPARED, "woordparen (de woorden van elke gewijzigde sectie, "
                                                           "oud maal nieuw)")

    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    edits = []
    for tag, a1, a2, b1, b2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        edits.append(Edit(shown(old[max(0, a1 - 5):a1]), shown(old[a1:a2]), shown(new[b1:b2]), shown(old[a2:a2 + 5])))
        if len(edits) == 2:
            break
    return tuple(edits)


def changes(old: Reading | str, new: Reading | str, name: str = "") -> ChangeSet:
    """What changed between two versions of a document, for people: the figures per table row,
    the words per section, the sections and tables that came or went. A version is a Reading
    (uvpgen.reading: of a .md, .docx or .pdf) or the canonical Markdown text itself. Sections,
    tables, rows and columns are matched by identity, so a renumbered heading, a table moved to
    another page or reordered rows are no change."""
    before, after = (read_markdown(version, name or None) if isinstance(version, str) else version
                     for version in (old, new))
    budget = Budget(name or None, "deze versies te vergelijken")
    found = [Change(Group.FIGURES, str(caption), what="tabel vervallen")
             for caption in before.tables if caption not in after.tables]
    for caption, table in after.tables.items():
        previous = before.tables.get(caption)
        found += (_table_changes(str(caption), previous, table) if previous
                  else [Change(Group.FIGURES, str(caption), what="nieuwe tabel")])
    old_keys, new_keys = _identities(tuple([tuple(reversed(s.path)) for s in reading.sections]
                                           for reading in (before, after)))
    old_sections = dict(zip(old_keys, before.sections))
    for key, section in zip(new_keys, after.sections):
        previous = old_sections.pop(key, None)
        if previous is None:
            found.append(Change(Group.ADDED, section=str(section.title)))
        elif previous.words != section.words:
            found.append(Change(Group.TEXT, section=str(section.title), edits=_edits(previous.words, section.words, budget)))
    found += [Change(Group.REMOVED, section=str(section.title)) for section in old_sections.values()]
    return ChangeSet(name, tuple(found))


def change_report(old: Reading | str, new: Reading | str, name: str = "") -> str:
    """`changes` as text, for `uvpgen diff`."""
    return changes(old, new, name).text()


def read_version(spec: str, document: str | None) -> tuple[Reading, str]:
    """A version of a document: a file path, or a git ref (with `document` the path in the repository)."""
    path = Path(spec)
    if path.is_file():
        return _ours(path, read, lambda content: read_markdown(_utf8(content, path), path)), path.name
    markdown, name = markdown_version(spec, document)
    return read_markdown(markdown, f"{spec}:{document}"), name


def markdown_version(spec: str, document: str | None) -> tuple[str, str]:
    """The canonical Markdown of a version of a document, and its name: a .md file, or a git ref
    (with `document` the .md's path in the repository)."""
    path = Path(spec)
    if path.is_file():
        if path.suffix.lower() != ".md":
            raise InputError("een versie met wijzigingen wordt gemaakt uit de Markdown-tekst van het document",
                             path=path, expected="het .md-bestand van het document (het staat naast de .docx en .pdf)")
        return _utf8(read_bytes(path, MAX_REVIEW_BYTES, inside=path.parent), path), path.name
    if document is None:
        raise InputError("geen bestand, en zonder --bestand ook geen git-versie", value=spec,
                         expected="twee bestanden (.md, .docx of .pdf), of twee git-versies met --bestand output/…/….md")
    _repository_path(document)
    if not document.endswith(".md"):
        raise InputError("een git-versie vergelijkt de Markdown-tekst", field="--bestand", value=document,
                         expected="het .md-bestand van het document, zoals output/2025/enschede/uvp-2025-enschede.md")
    return git_file(Path.cwd(), spec, document, "versie"), f"{Path(document).name} ({spec})"


# --- git ----------------------------------------------------------------------------------

def _repository_path(document: str) -> None:
    """A path inside the repository, never absolute, upwards or read as an option."""
    if Path(document).is_absolute() or ".." in Path(document).parts or document.startswith("-"):
        raise InputError("geen pad in de repository", field="--bestand", value=document,
                         expected="een pad als output/2025/enschede/uvp-2025-enschede.md")


def git_file(root: Path, ref: str, document: str, field: str, path: Path | None = None) -> str:
    """A file's text as it was in a git version: the ref checked, then resolved to a commit with
    `git rev-parse --verify` before it is used; the file's size checked before it is read."""
    try:
        check_git_ref(ref)
    except ValueError:
        raise InputError("geen git-versie", path=path, field=field, value=ref, expected=REF_EXAMPLES) from None
    _repository_path(document)

    def git(*args: str) -> bytes:
        try:
            result = subprocess.run(["git", "-C", str(root), *args], capture_output=True, timeout=60)
        except (OSError, subprocess.TimeoutExpired) as err:
            raise InputError(f"git kon niet worden uitgevoerd ({err})", path=path, field=field, value=ref) from None
        if result.returncode != 0:
            problem = result.stderr.decode(errors="replace").strip() or "onbekende versie"
            raise InputError(f"git kent deze versie of dit bestand niet: {problem}", path=path, field=field,
                             value=f"{ref}:{document}", expected=REF_EXAMPLES + ", met het bestand erin")
        return result.stdout

    blob = f"{git('rev-parse', '--verify', '--quiet', '--end-of-options', ref + '^{commit}').decode().strip()}:{document}"
    size = int(git("cat-file", "-s", blob))
    if size > MAX_REVIEW_BYTES:
        raise InputError(f"bestand in git is te groot ({size} bytes)", path=path, field=field,
                         value=f"{ref}:{document}", expected=f"hoogstens {MAX_REVIEW_BYTES} bytes")
    return _utf8(git("cat-file", "blob", blob), path, f"{ref}:{document}")

"""Reviewing documents: our own outputs read back to text (`uvpgen textconv`, for git diff) and a
change report between two versions of a document (`uvpgen diff`).

The change report compares the canonical Markdown: per table (by caption) the figures per row,
per section the words, and which sections came or went.
"""

from __future__ import annotations

import difflib
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError
from .formatting import is_printed_number, parse
from .markdown import parser



# --- textconv -----------------------------------------------------------------------------

def docx_text(path: Path) -> str:
    """Paragraphs and tables in document order; a table as one line per row: | a | b |."""
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(str(path))
    lines = []
    for element in document.element.body.iterchildren():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "p":
            text = Paragraph(element, document).text.strip()
            if text:
                lines.append(text)
        elif tag == "tbl":
            for row in Table(element, document).rows:
                cells = (" ".join(cell.text.split()) for cell in row.cells)
                lines.append("|" + "|".join(f" {cell} " if cell else " " for cell in cells) + "|")
    return "\n".join(lines) + "\n"


def pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    pages = []
    for page in PdfReader(path).pages:
        text = re.sub(r"\u2010\n", "", page.extract_text() or "")  # words hyphenated at a line end
        pages.append("\n".join(line.rstrip() for line in text.splitlines() if line.strip()))
    return "\n\n".join(pages) + "\n"


def textconv(path: Path) -> str:
    """The text of one of our output files, for `git diff` (see .gitattributes)."""
    if not path.is_file():
        raise InputError("bestand bestaat niet", path=path)
    suffix = path.suffix.lower()
    if suffix == ".docx":
        return docx_text(path)
    if suffix == ".pdf":
        return pdf_text(path)
    return path.read_text(encoding="utf-8")


# --- change report ------------------------------------------------------------------------

@dataclass
class Section:
    words: list[str] = field(default_factory=list)
    tables: dict[str, list[list[str]]] = field(default_factory=dict)


def sections(markdown: str) -> dict[str, Section]:
    """Headings to their text (words) and tables (keyed by caption without its number)."""
    result: dict[str, Section] = {"(begin)": Section()}
    current, caption, table = result["(begin)"], "", None
    in_cell = in_heading = False
    for token in parser().parse(markdown):
        if token.type == "heading_open":
            in_heading = True
        elif token.type == "inline" and in_heading:
            current = result.setdefault(token.content, Section())
            in_heading = False
        elif token.type == "table_open":
            table = current.tables.setdefault(caption or f"tabel {len(current.tables) + 1}", [])
            caption = ""
        elif token.type == "tr_open" and table is not None:
            table.append([])
        elif token.type in ("th_open", "td_open"):
            in_cell = True
        elif token.type in ("th_close", "td_close"):
            in_cell = False
        elif token.type == "table_close":
            table = None
        elif token.type == "paragraph_open" and "bijschrift" in str(token.attrs.get("class", "")):
            caption = "?"
        elif token.type == "inline" and table is not None and in_cell:
            table[-1].append(token.content)
        elif token.type == "inline":
            if caption == "?":
                caption = re.sub(r"^(Tabel|Figuur) \d+ ", "", token.content)
            else:
                current.words += token.content.split()
    return result


def _row_key(row: list[str]) -> str:
    return next((cell for cell in row if cell and not is_printed_number(cell)), row[0])


def _excerpt(old: list[str], new: list[str]) -> str:
    """The first changed words with a little context: … [-old-] {+new+} …"""
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    parts = []
    for tag, a1, a2, b1, b2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        before = old[max(0, a1 - 5):a1]
        after = old[a2:a2 + 5]
        removed = f"[-{' '.join(old[a1:a2])}-] " if a2 > a1 else ""
        added = f"{{+{' '.join(new[b1:b2])}+}} " if b2 > b1 else ""
        parts.append(f"… {' '.join(before)} {removed}{added}{' '.join(after)} …".replace("  ", " "))
        if len(parts) == 2:
            break
    return "; ".join(parts)


def change_report(old: str, new: str, name: str) -> str:
    """What changed between two versions of a document's canonical Markdown, for people."""
    before, after = sections(old), sections(new)
    figures, texts = [], []
    for heading in after:
        if heading not in before:
            continue
        for caption, rows in after[heading].tables.items():
            old_rows = {_row_key(r): r for r in before[heading].tables.get(caption, [])[1:]}
            header = rows[0] if rows else []
            for row in rows[1:]:
                key = _row_key(row)
                previous = old_rows.pop(key, None)
                if previous is None:
                    figures.append(f"  {caption} — nieuwe rij: {' | '.join(row)}")
                    continue
                changes = []
                for column, (was, now) in enumerate(zip(previous, row)):
                    if was != now:
                        label = header[column] if column < len(header) else f"kolom {column + 1}"
                        delta = ""
                        if is_printed_number(was) and is_printed_number(now):
                            difference = parse(now) - parse(was)
                            delta = f" (Δ {'+' if difference > 0 else ''}{str(difference).replace('.', ',')})"
                        changes.append(f"{label} {was or '–'} → {now or '–'}{delta}")
                if changes:
                    figures.append(f"  {caption}, {key}: " + "; ".join(changes))
            for key, row in old_rows.items():
                figures.append(f"  {caption} — rij vervallen: {' | '.join(row)}")
        if before[heading].words != after[heading].words:
            texts.append(f"  {heading}: {_excerpt(before[heading].words, after[heading].words)}")
    added = [h for h in after if h not in before]
    removed = [h for h in before if h not in after]
    lines = [f"Wijzigingen in {name}"]
    for title, items in (("Cijfers", figures), ("Tekst gewijzigd", texts),
                         ("Secties toegevoegd", [f"  {h}" for h in added]),
                         ("Secties vervallen", [f"  {h}" for h in removed])):
        if items:
            lines += [f"{title}:", *items]
    if len(lines) == 1:
        lines.append("Geen wijzigingen.")
    return "\n".join(lines) + "\n"


def read_version(spec: str, document: str | None) -> tuple[str, str]:
    """A version of a document: a file path, or a git ref (with `document` the path in the repository)."""
    path = Path(spec)
    if path.is_file():
        return path.read_text(encoding="utf-8") if path.suffix == ".md" else textconv(path), path.name
    if document is None:
        raise InputError("geen bestand, en zonder --bestand ook geen git-versie", value=spec,
                         expected="twee .md-bestanden, of twee git-refs met --bestand output/…/….md")
    result = subprocess.run(["git", "show", f"{spec}:{document}"], capture_output=True, text=True)
    if result.returncode != 0:
        raise InputError(f"git kent deze versie niet: {result.stderr.strip()}", value=f"{spec}:{document}")
    return result.stdout, f"{Path(document).name} ({spec})"

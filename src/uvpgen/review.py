"""Reviewing documents: our own outputs read back to text (`uvpgen textconv`, for git diff) and a
change report between two versions of a document (`uvpgen diff`).

The change report compares the canonical Markdown: per table (by caption) the figures per row,
per section the words, and which sections came or went.
"""

from __future__ import annotations

import difflib
import logging
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from .data import REF_EXAMPLES, check_git_ref
from .errors import InputError
from .formatting import is_printed_number, parse
from .limits import MAX_REVIEW_BYTES, check_zip, read_bytes
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

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # a damaged file is our message, not pypdf's warnings
    pages = []
    for page in PdfReader(path).pages:
        text = re.sub(r"\u2010\n", "", page.extract_text() or "")  # words hyphenated at a line end
        pages.append("\n".join(line.rstrip() for line in text.splitlines() if line.strip()))
    return "\n\n".join(pages) + "\n"


def textconv(path: Path) -> str:
    """The text of one of our output files, for `git diff` (see .gitattributes). Any other file
    gets a message, never a traceback: git runs this on whatever .docx or .pdf is committed."""
    content = read_bytes(path, MAX_REVIEW_BYTES)
    suffix = path.suffix.lower()
    if suffix not in (".docx", ".pdf"):
        return _utf8(content, path)
    kind, reader = ("Word", docx_text) if suffix == ".docx" else ("PDF", pdf_text)
    if suffix == ".docx":
        check_zip(path, MAX_REVIEW_BYTES, kind)
    elif not content.startswith(b"%PDF-"):
        raise InputError("geen PDF-bestand", path=path, expected="een PDF zoals uvpgen die maakt")
    try:
        return reader(path)
    except Exception as err:  # noqa: BLE001 - python-docx and pypdf raise many kinds for a damaged file
        raise InputError(f"onleesbaar {kind}-bestand ({type(err).__name__}: {err})", path=path,
                         expected=f"een {kind}-bestand zoals uvpgen het maakt") from None


def _utf8(content: bytes, path: Path | None, where: str | None = None) -> str:
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError("geen UTF-8-tekst", path=path, value=where, expected="een .md-bestand van uvpgen") from None


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
        return (_utf8(read_bytes(path, MAX_REVIEW_BYTES), path) if path.suffix == ".md" else textconv(path)), path.name
    if document is None:
        raise InputError("geen bestand, en zonder --bestand ook geen git-versie", value=spec,
                         expected="twee .md-bestanden, of twee git-refs met --bestand output/…/….md")
    return git_file(Path.cwd(), spec, document, "versie"), f"{Path(document).name} ({spec})"


# --- git ----------------------------------------------------------------------------------

def git_file(root: Path, ref: str, document: str, field: str, path: Path | None = None) -> str:
    """A file's text as it was in a git version: the ref checked, then resolved to a commit with
    `git rev-parse --verify` before it is used; the file's size checked before it is read."""
    try:
        check_git_ref(ref)
    except ValueError:
        raise InputError("geen git-versie", path=path, field=field, value=ref, expected=REF_EXAMPLES) from None
    if Path(document).is_absolute() or ".." in Path(document).parts or document.startswith("-"):
        raise InputError("geen pad in de repository", field="--bestand", value=document,
                         expected="een pad als output/2025/enschede/uvp-2025-enschede.md")

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

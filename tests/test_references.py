"""Every printed reference points at a part of the same document that carries that number, and no
number of a chapter, paragraph, appendix, table or figure is typed in the sources.

Writers refer to a part by its id ({ref}`bijlage-energie`, README "Verwijzen"); compose prints
the number the part has in the document at hand. The first test reads what a reader reads (the
canonical text of every document of the cycle, from which DOCX, HTML and PDF are written) and
checks each "hoofdstuk 7", "paragraaf 6.1", "Bijlage 2", "Tabel 3" and "Figuur 1" against the
headings and captions of that document; where the reference names the part's title in
parentheses, the title must be the part's. The second test fails on a number typed by hand.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

HEADING = re.compile(r"^(#{1,2}) (?:(Bijlage) )?(\d+(?:\.\d+)?) (.+)$")
CAPTION = re.compile(r"^(Tabel|Figuur) (\d+) (.+)$")
# "hoofdstuk 7", "paragraaf 6.1", "Bijlage 2 (Energie en duurzaamheid)", "Tabel 3", "Figuur 1"
MENTION = re.compile(r"\b([Hh]oofdstuk|[Pp]aragraaf|Bijlage|Tabel|Figuur) (\d+(?:\.\d+)?)\b(?: \(([^)]+)\))?")


def parts(markdown: str) -> dict[tuple[str, str], str]:
    """The numbered parts of a document: (kind, number) -> title."""
    found: dict[tuple[str, str], str] = {}
    lines = markdown.splitlines()
    for index, line in enumerate(lines):
        if heading := HEADING.match(line):
            hashes, appendix, number, title = heading.groups()
            kind = "bijlage" if appendix else "hoofdstuk" if len(hashes) == 1 else "paragraaf"
            found[(kind, number)] = title
        elif index and lines[index - 1] == "{.bijschrift}" and (caption := CAPTION.match(line)):
            found[(caption.group(1).lower(), caption.group(2))] = caption.group(3)
    return found


def mentions(markdown: str) -> list[tuple[int, str, str, str | None]]:
    """Every reference in the running text: (line, kind, number, title named in parentheses)."""
    lines = markdown.splitlines()
    found = []
    for index, line in enumerate(lines, start=1):
        if HEADING.match(line) or (index > 1 and lines[index - 2] == "{.bijschrift}"):
            continue  # the part itself
        for match in MENTION.finditer(line):
            found.append((index, match.group(1).lower(), match.group(2), match.group(3)))
    return found


DOCUMENTS = sorted((ROOT / "output").glob("*/*/*.md"))


def test_the_cycle_has_all_its_documents():
    assert len(DOCUMENTS) == 64  # 16 UVP's, 2 × 16 monitoringsrapportages, 16 jaarverslagen


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda path: path.stem)
def test_every_printed_reference_points_to_a_part_of_the_same_document(path: Path):
    markdown = path.read_text(encoding="utf-8")
    numbered = parts(markdown)
    wrong = []
    for line, kind, number, title in mentions(markdown):
        target = numbered.get((kind, number))
        if target is None:
            wrong.append(f"regel {line}: {kind} {number} bestaat niet in dit document")
        elif title is not None and title.lower() != target.lower():
            wrong.append(f"regel {line}: {kind} {number} heet '{target}', de tekst noemt '{title}'")
    assert not wrong, "\n".join(wrong)


def test_the_check_finds_a_wrong_reference():
    """The check above, on a text with one reference of each kind right and three wrong."""
    markdown = "\n".join([
        "# 1 Inleiding", "Zie hoofdstuk 2, paragraaf 1.1 en Figuur 1.", "## 1.1 Scope",
        "{.bijschrift}", "Figuur 1 Uren", "# 2 Projecten en diensten",
        "Zie Bijlage 1 (Energie en duurzaamheid), Bijlage 2 en Tabel 1.", "# Bijlage 1 Projecten"])
    wrong = [(kind, number, title) for _, kind, number, title in mentions(markdown)
             if parts(markdown).get((kind, number)) is None
             or (title and title.lower() != parts(markdown)[(kind, number)].lower())]
    assert wrong == [("bijlage", "1", "Energie en duurzaamheid"), ("bijlage", "2", None), ("tabel", "1", None)]


# --- no number typed in the sources -----------------------------------------------------------

TYPED = re.compile(r"\b(?:[Hh]oofdstuk|[Pp]aragraaf|[Bb]ijlage|[Tt]abel|[Ff]iguur|§) ?\d")
# A paragraph number in a label: "Vergunningen (4.1)".
SECTION_IN_LABEL = re.compile(r"\(\d+\.\d+\)")
# Fields that describe the reference document the data was taken from; never printed.
ABOUT_THE_SOURCE = {"correctie"}
# The law's own chapters, which the legal appendix cites ("Omgevingsbesluit, hoofdstuk 13").
LAW = re.compile(r"(Omgevingsbesluit|Besluit omgevingsrecht), hoofdstuk \d")


def printed_strings(value, field: str = "") -> list[tuple[str, str]]:
    """Every string a YAML document may print, with the field it is in."""
    if isinstance(value, dict):
        return [found for key, item in value.items() if key not in ABOUT_THE_SOURCE
                for found in printed_strings(item, f"{field}.{key}".strip("."))]
    if isinstance(value, list):
        return [found for index, item in enumerate(value) for found in printed_strings(item, f"{field}[{index}]")]
    return [(field, value)] if isinstance(value, str) else []


def typed_numbers(root: Path = ROOT) -> list[str]:
    found = []
    for path in sorted((root / "content").rglob("*.md")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if TYPED.search(line):
                found.append(f"{path.relative_to(root)}:{number}: {line.strip()[:80]}")
    for path in sorted((root / "templates").glob("*.j2")):
        text = re.sub(r"\{#.*?#\}", lambda m: "\n" * m.group(0).count("\n"), path.read_text(encoding="utf-8"),
                      flags=re.S)  # template comments describe the outline, they are not printed
        for number, line in enumerate(text.splitlines(), start=1):
            if TYPED.search(line):
                found.append(f"{path.relative_to(root)}:{number}: {line.strip()[:80]}")
    for path in sorted((root / "src" / "uvpgen").rglob("*.py")):  # what the code prints (its docstrings aside)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {id(node.value) for node in ast.walk(tree) if isinstance(node, ast.Expr)}
        for node in ast.walk(tree):
            if (isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
                    and (TYPED.search(node.value) or SECTION_IN_LABEL.search(node.value))):
                found.append(f"{path.relative_to(root)}:{node.lineno}: {node.value[:80]}")
    for path in sorted((root / "data").rglob("*.yaml")):
        for field, text in printed_strings(yaml.safe_load(path.read_text(encoding="utf-8"))):
            if TYPED.search(LAW.sub("", text)):
                found.append(f"{path.relative_to(root)}: {field}: {text[:80]}")
    return found


def test_no_number_of_a_part_is_typed_in_content_templates_printed_data_or_code():
    assert typed_numbers() == []


def test_the_search_for_typed_numbers_finds_them(tmp_path):
    """The search above is not blind: numbers typed in a text, a template, the code and a printed
    data field are found; a template comment, a docstring, the law's own chapter and a note about
    the source are not."""
    (tmp_path / "content" / "2025").mkdir(parents=True)
    (tmp_path / "content" / "2025" / "tekst.md").write_text("Zie {ref}`x`.\nZie Bijlage 3.\n", encoding="utf-8")
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "a.md.j2").write_text("{# hoofdstuk 1 #}\nin paragraaf 6.1\n", encoding="utf-8")
    (tmp_path / "src" / "uvpgen").mkdir(parents=True)
    (tmp_path / "src" / "uvpgen" / "a.py").write_text('"""See Bijlage 2."""\nLABEL = "Vergunningen (4.1)"\n',
                                                      encoding="utf-8")
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "a.yaml").write_text(
        "grondslag: Omgevingsbesluit, hoofdstuk 13\ncorrectie: tabel 6.1 van de bron\nx: [zie tabel 2]\n",
        encoding="utf-8")
    assert typed_numbers(tmp_path) == ["content/2025/tekst.md:2: Zie Bijlage 3.",
                                       "templates/a.md.j2:2: in paragraaf 6.1", "src/uvpgen/a.py:2: Vergunningen (4.1)",
                                       "data/a.yaml: x[0]: zie tabel 2"]

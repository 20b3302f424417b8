"""Which characters text may hold: a value in data/ (load stage), and any text, for the direction
controls.

A value is text a person reads in a document. A character nobody can see there is a fault in
the file, never data: a control character (a tab and a line break aside), a lone surrogate, a
private-use or unassigned code point (U+FFFE, U+FFFF) and U+FFFD, the mark a conversion leaves
where it lost a character. Every reader (YAML, CSV, XLSX) checks each value it reads with
`unprintable`. Bidirectional controls are refused in every text, content and the assembled
document too (`bidi_control`).
"""

from __future__ import annotations

import re
import unicodedata

from .errors import InputError

UNPRINTABLE = {"Cc", "Cs", "Co", "Cn"}  # Unicode categories: control, surrogate, private use, unassigned
EXPECTED = "gewone tekst, zonder stuurtekens, U+FFFD (een teken dat bij het omzetten verloren ging) of codepunten zonder teken"


def unprintable(text: str) -> int | None:
    """The index of the first character of `text` that is not printable text, or None."""
    if "\ufffd" not in text and text.replace("\n", "").replace("\t", "").isprintable():
        return None  # the common case, in C
    for index, char in enumerate(text):
        if char == "\ufffd" or (char not in "\t\n" and unicodedata.category(char) in UNPRINTABLE):
            return index
    return None


def problem(char: str) -> str:
    """The refusal of one character, by its code point and, where Unicode has one, its name."""
    name = unicodedata.name(char, "")
    return f"een teken dat niet in tekst hoort (U+{ord(char):04X}{' ' + name if name else ''})"


def check_value(value: str, **where) -> None:
    """Refuse a value read from a table cell (`where`: path, row and field) that is not printable."""
    index = unprintable(value)
    if index is not None:
        raise InputError(problem(value[index]), value=value, expected=EXPECTED, **where)


# Characters that set the direction of text (the Unicode bidirectional controls and marks):
# invisible, and obeyed by a browser and Word but not by the canonical Markdown or a PDF's text,
# so one text would read differently per format. No Dutch text needs them; they are refused
# wherever text enters (content/, data/, and the assembled document).
BIDI_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
BIDI_EXPECTED = "tekst zonder richtingstekens (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069)"


def bidi_control(text: str) -> str | None:
    """Why `text` is refused, if it holds a bidirectional control: 'richtingsteken U+202E in de tekst'."""
    match = BIDI_CONTROLS.search(text)
    return None if match is None else f"onzichtbaar richtingsteken U+{ord(match.group()):04X} in de tekst"

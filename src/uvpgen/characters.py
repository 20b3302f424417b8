"""Load stage, characters: which characters a value in data/ may hold.

A value is text a person reads in a document. A character nobody can see there is a fault in
the file, never data: a control character (a tab and a line break aside), a lone surrogate, a
private-use or unassigned code point (U+FFFE, U+FFFF) and U+FFFD, the mark a conversion leaves
where it lost a character. Bidirectional controls, which are format characters, are the HTML
writer's concern. Every reader (YAML, CSV, XLSX) checks each value it reads with `unprintable`.
"""

from __future__ import annotations

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

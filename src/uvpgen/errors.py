"""The one error type for bad input: it names where the problem is and what was expected."""

from __future__ import annotations

import reprlib
from pathlib import Path

MAX_SHOWN = 200  # characters of a message part, a field name or a value a message shows

_SHOWN = reprlib.Repr()
_SHOWN.maxlevel = 2
_SHOWN.maxstring = _SHOWN.maxother = _SHOWN.maxlong = 80
_SHOWN.maxlist = _SHOWN.maxtuple = _SHOWN.maxdict = _SHOWN.maxset = 6


class InputError(Exception):
    """A problem in data/, content/ or the command line that the user can fix.

    The message names the file, the line or row, the field, the bad value and what was
    expected, so nobody has to read a traceback to find it.
    """

    def __init__(self, message: str, *, path: Path | str | None = None, line: int | None = None,
                 row: int | None = None, field: str | None = None, value: object = None,
                 expected: str | None = None):
        self.path = Path(path) if path is not None else None
        self.line, self.row, self.field, self.value, self.expected = line, row, field, value, expected
        self.message = message
        super().__init__(self.describe())

    def __reduce__(self):
        # Keyword-only fields: rebuild from them, so the error survives a worker process.
        return _rebuild, (self.message, self._fields())

    def _fields(self) -> dict:
        return dict(path=self.path, line=self.line, row=self.row, field=self.field, value=self.value,
                    expected=self.expected)

    def at(self, path: Path) -> InputError:
        """The same error, in the file it was found in (for errors raised before the path is known)."""
        return InputError(self.message, **{**self._fields(), "path": path})

    def describe(self) -> str:
        where = []
        if self.path is not None:
            where.append(display_path(self.path))
        if self.line is not None:
            where.append(f"regel {self.line}")
        if self.row is not None:
            where.append(f"rij {self.row}")
        if self.field is not None:
            where.append(f"veld '{clip(str(self.field))}'")
        text = (", ".join(where) + ": " if where else "") + clip(self.message, 4 * MAX_SHOWN)
        if self.value is not None:
            text += f" (waarde: {shown(self.value)})"
        if self.expected:
            text += f"; verwacht: {clip(self.expected, 4 * MAX_SHOWN)}"
        return text


def _rebuild(message: str, fields: dict) -> InputError:
    return InputError(message, **fields)


def shown(value: object) -> str:
    """A value as a message shows it: its repr, shortened, however large or deeply nested it is."""
    try:
        return clip(_SHOWN.repr(value))
    except ValueError:  # an int with more digits than Python turns into text
        return "<een getal van meer dan 4300 cijfers>"


def clip(text: str, limit: int = MAX_SHOWN) -> str:
    """Text shortened to about `limit` characters, keeping its start and end."""
    return text if len(text) <= limit else f"{text[:limit - 20]} … {text[-15:]}"


def display_path(path: Path) -> str:
    """Paths relative to the working directory when possible: shorter and the same on every machine."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


class ConsistencyError(Exception):
    """The documents contradict each other: a defect in uvpgen, never in the user's input."""

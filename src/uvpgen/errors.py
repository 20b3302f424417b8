"""The one error type for bad input: it names where the problem is and what was expected."""

from __future__ import annotations

from pathlib import Path


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
        fields = dict(path=self.path, line=self.line, row=self.row, field=self.field, value=self.value,
                      expected=self.expected)
        return _rebuild, (self.message, fields)

    def describe(self) -> str:
        where = []
        if self.path is not None:
            where.append(display_path(self.path))
        if self.line is not None:
            where.append(f"regel {self.line}")
        if self.row is not None:
            where.append(f"rij {self.row}")
        if self.field is not None:
            where.append(f"veld '{self.field}'")
        text = (", ".join(where) + ": " if where else "") + self.message
        if self.value is not None:
            text += f" (waarde: {self.value!r})"
        if self.expected:
            text += f"; verwacht: {self.expected}"
        return text


def _rebuild(message: str, fields: dict) -> InputError:
    return InputError(message, **fields)


def display_path(path: Path) -> str:
    """Paths relative to the working directory when possible: shorter and the same on every machine."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


class ConsistencyError(Exception):
    """The documents contradict each other: a defect in uvpgen, never in the user's input."""

"""Bounded work: what one input file may cost at most (DESIGN §8), and the checks that hold it.

Every input is limited in size before it is parsed, so that no file in data/ or content/, and
no document given to `uvpgen diff` or `textconv`, can make a build hang or exhaust memory.
Going over a limit is an input error. The limits are far above what real files need.
"""

from __future__ import annotations

import stat
import zipfile
from pathlib import Path

from .errors import InputError
from .formatting import number

MAX_YAML_BYTES = 1_000_000        # a data file; the largest real one (projecten.yaml) is 26 kB
MAX_YAML_DEPTH = 20               # nesting levels in a data file; real ones use 5
MAX_TABLE_BYTES = 10_000_000      # a CSV export or prognose
MAX_XLSX_BYTES = 10_000_000       # an XLSX, unpacked: the sum of its parts as its zip directory declares them
MAX_ZIP_MEMBERS = 1_000           # parts in an XLSX or DOCX
MAX_TABLE_ROWS = 20_000           # rows in a table, the header included
MAX_TABLE_COLUMNS = 100           # columns in a table
MAX_CONTENT_BYTES = 1_000_000     # a content text
MAX_REVIEW_BYTES = 10_000_000     # a document for `uvpgen diff` or `textconv` (unpacked for a DOCX); ours are < 0,3 MB


def size(count: int) -> str:
    """A byte count in full, so that one byte over a limit shows: '1.000.001 bytes'."""
    return f"{number(count)} bytes"


def read_bytes(path: Path, limit: int) -> bytes:
    """The bytes of a regular file that is no larger than `limit`. A link, a folder or a device
    is refused: it could point outside the project, or never end (a pipe)."""
    try:
        info = path.lstat()
    except FileNotFoundError:
        raise InputError("bestand ontbreekt", path=path) from None
    if stat.S_ISLNK(info.st_mode):
        raise InputError("dit is een koppeling (symlink), geen bestand", path=path,
                         expected="een gewoon bestand in de map zelf")
    if not stat.S_ISREG(info.st_mode):
        raise InputError("dit is geen gewoon bestand", path=path, expected="een gewoon bestand")
    with path.open("rb") as stream:
        content = stream.read(limit + 1)
    if len(content) > limit:
        raise InputError(f"bestand is te groot ({size(max(info.st_size, len(content)))})", path=path,
                         expected=f"hoogstens {size(limit)}")
    return content


OLE_SIGNATURE = bytes.fromhex("d0cf11e0a1b11ae1")  # old Office files, and encrypted new ones


def check_zip(path: Path, limit: int, kind: str) -> None:
    """Refuse a zip file (XLSX, DOCX) that would unpack to more than `limit` bytes, before any
    library unpacks it. Python's zipfile never inflates a part beyond the size the directory
    declares (it stops with a CRC error), so checking the directory is enough. Office writes
    no DTD in its XML: one can only be there to expand entities (a billion laughs)."""
    expected = f"een {kind}-bestand zoals {kind} het opslaat"
    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
            unpacked = sum(part.file_size for part in parts)
            if len(parts) > MAX_ZIP_MEMBERS or unpacked > limit:
                raise InputError(f"{kind}-bestand pakt uit tot {size(unpacked)} in {len(parts)} delen", path=path,
                                 expected=f"hoogstens {size(limit)} en {MAX_ZIP_MEMBERS} delen")
            with_dtd = [part.filename for part in parts if b"<!DOCTYPE" in archive.read(part)]
    except (zipfile.BadZipFile, OSError) as err:
        with path.open("rb") as stream:
            old_format = stream.read(8) == OLE_SIGNATURE
        problem = ("het oude Office-formaat (.xls, .doc) of een bestand met een wachtwoord" if old_format
                   else f"het is geen (gaaf) zip-archief ({err})")
        raise InputError(f"geen {kind}-bestand: {problem}", path=path, expected=expected + ", zonder wachtwoord") from None
    if with_dtd:
        raise InputError("XML met een DOCTYPE (een DTD kan tekst onbegrensd laten uitdijen)", path=path,
                         value=with_dtd[0], expected=expected)

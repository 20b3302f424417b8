"""Paths that stay inside: a file is read only when neither it nor any folder on its way is a link.

Only the last part of a path was checked before: a linked folder (content/afbeeldingen ->
/elsewhere) made the build read and publish files from outside the project. Here a file is
opened one folder at a time, each with O_NOFOLLOW relative to the one before (os.open with
dir_fd), so a link anywhere on the way, a '..', or a link put in place while the file is opened
is refused with its name. The project folder is resolved when a command starts, and may be
reached through a link; from there on, nothing is. The output folder may be a link too (output
on a share): below it, nothing may be. POSIX only, like the rest of uvpgen.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from .errors import InputError

IN_PROJECT = "een gewoon bestand in een gewone map van het project (een koppeling kan naar bestanden elders leiden)"


def open_file(path: Path, inside: Path | None = None) -> BinaryIO:
    """The regular file at `path`, open for reading. Every folder on its way below `inside` (by
    default from the file system's root: the project folder is resolved), and the file itself,
    must be what they seem: no link, no device or pipe (which could never end), no '..'."""
    try:
        folder = _open_folder(path.parent, inside)
    except FileNotFoundError:
        raise InputError("bestand ontbreekt", path=path) from None
    try:
        info = _lstat(path, folder)
        if stat.S_ISLNK(info.st_mode):
            raise _link(path, folder)
        if not stat.S_ISREG(info.st_mode):
            raise InputError("dit is geen gewoon bestand", path=path, expected="een gewoon bestand")
        try:  # O_NONBLOCK: a pipe put here since the check must not block the open
            descriptor = os.open(path.name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK, dir_fd=folder)
        except OSError as err:
            raise _unreadable(path, err) from None
    except FileNotFoundError:
        raise InputError("bestand ontbreekt", path=path) from None
    finally:
        os.close(folder)
    if not stat.S_ISREG(os.fstat(descriptor).st_mode):  # swapped since the check
        os.close(descriptor)
        raise InputError("dit is geen gewoon bestand", path=path, expected="een gewoon bestand")
    return os.fdopen(descriptor, "rb")


def make_folders(folder: Path, inside: Path) -> None:
    """Make `folder` and the folders on its way below `inside` (which may be a link: the output
    folder on a share), refusing a link among those that exist: a file written there would land
    wherever the link leads."""
    inside.mkdir(parents=True, exist_ok=True)
    os.close(_open_folder(folder, inside, make=True))


def regular_files(folder: Path) -> Iterator[Path]:
    """Every file under `folder` but hidden ones (a name starting with '.'), in name order;
    a link or anything but a file or folder is refused, even one nothing reads."""
    if not os.path.lexists(folder):
        return
    os.close(_open_folder(folder))
    with os.scandir(folder) as listing:
        entries = sorted(listing, key=lambda entry: entry.name)
    for entry in entries:
        path = folder / entry.name
        if entry.name.startswith("."):
            continue
        if entry.is_symlink():
            raise _link(path, None)
        if entry.is_dir(follow_symlinks=False):
            yield from regular_files(path)
        elif entry.is_file(follow_symlinks=False):
            yield path
        else:
            raise InputError("dit is geen gewoon bestand of map", path=path, expected="een gewoon bestand")


def _open_folder(folder: Path, inside: Path | None = None, make: bool = False) -> int:
    """A descriptor of `folder`, opened one part at a time from `inside` without following a link."""
    start = inside if inside is not None else Path(folder.anchor or ".")
    try:
        parts = folder.relative_to(start).parts
    except ValueError:
        raise InputError("pad buiten de map", path=folder, expected=f"een pad in {start}") from None
    if ".." in parts:
        raise InputError("pad met '..'", path=folder, expected="een pad dat in het project blijft")
    descriptor = os.open(start, os.O_RDONLY | os.O_DIRECTORY)
    here = start
    for name in parts:
        here = here / name
        try:
            if make:
                try:
                    os.mkdir(name, dir_fd=descriptor)
                except FileExistsError:
                    pass
                except OSError as err:  # named in full: the error knows only the last part
                    raise OSError(err.errno, err.strerror, str(here)) from None
            info = _lstat(here, descriptor)
            if stat.S_ISLNK(info.st_mode):
                raise _link(here, descriptor)
            if not stat.S_ISDIR(info.st_mode):
                raise InputError("dit is geen map", path=here, expected="een map")
            try:
                inner = os.open(name, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW, dir_fd=descriptor)
            except OSError as err:
                raise _unreadable(here, err) from None
        finally:
            os.close(descriptor)
        descriptor = inner
    return descriptor


def _lstat(path: Path, folder: int) -> os.stat_result:
    return os.stat(path.name, dir_fd=folder, follow_symlinks=False)


def _link(path: Path, folder: int | None) -> InputError:
    """The error for a link, naming it and where it leads (`folder`: a descriptor of its folder)."""
    name = path.name if folder is not None else path
    try:
        target = os.readlink(name, dir_fd=folder)
    except OSError:
        target = None
    to_folder = os.path.isdir(os.path.join(path.parent, target)) if target else False
    return InputError("deze map is een koppeling (symlink)" if to_folder else "dit is een koppeling (symlink), geen bestand",
                      path=path, value=target, expected=IN_PROJECT)


def _unreadable(path: Path, err: OSError) -> InputError:
    if err.errno in (errno.ELOOP, errno.ENOTDIR):  # a link, put in place since the check
        return InputError("dit is een koppeling (symlink)", path=path, expected=IN_PROJECT)
    return InputError(f"kan niet gelezen worden: {err.strerror}", path=path, expected="een leesbaar bestand")

"""A corpus of bad inputs, one folder per case, each built in a fresh copy of the project.

    tests/bad_inputs/<case-name>/
        edits.yaml    optional: a list of {file, find, replace} text edits to the copy of data/, content/
                      and templates/ (paths relative to the copy; `find` must occur, the first one is replaced)
        files/        optional: files copied over the copy at the same relative paths (binary inputs,
                      other encodings, XLSX)
        delete.txt    optional: paths to delete from the copy, one per line
        make.py       optional: Python run with `project` (the copy's Path) for inputs too large or too odd
                      to commit (zip bombs, 10 MB files, links, git history); helpers in tests/hostile.py
        args.txt      optional: the command line on one line (default: --gemeente enschede --format md);
                      `textconv ...` and `diff ...` run those commands in the copy
        expected.txt  lines that must each appear in the error output (stderr), with paths written
                      relative to the project copy (data/pdc.yaml, regel 364)
        exit.txt      optional: the expected exit code (default 2)

The copy is prepared in that order: delete, files, edits, make. A bad input must stop the build
with a clear message (no traceback when the exit code is 2), leave output/ exactly as it was (a
sentinel previous version stays and nothing is added), leave data/ and content/ untouched and
leave no temporary files or processes behind, within 30 s and without taking this process's
memory past 1 GiB (DESIGN §8, bounded work). A case that expects exit code 0 is input that must be accepted: its
expected lines may appear on stdout or stderr, and output/ is not compared.
"""

from __future__ import annotations

import os
import resource
import shlex
import shutil
import signal
import time
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, build, snapshot
from uvpgen.cli import main

CASES = Path(__file__).parent / "bad_inputs"
DEFAULT_ARGS = "--gemeente enschede --format md"
SENTINEL = Path("output/2025/enschede/uvp-2025-enschede.md")
SECONDS = 30
MEMORY_KB = 1 << 20  # 1 GiB, as ru_maxrss counts


def read(case: Path, name: str, default: str = "") -> str:
    path = case / name
    return path.read_text(encoding="utf-8") if path.is_file() else default


def prepare(case: Path, project: Path) -> None:
    """Copy the project's sources and break them as the case says."""
    for name in ("data", "content", "templates"):
        shutil.copytree(ROOT / name, project / name)
    for line in read(case, "delete.txt").splitlines():
        if line.strip():
            target = project / line.strip()
            assert target.exists(), f"delete.txt: {line.strip()} does not exist"
            shutil.rmtree(target) if target.is_dir() else target.unlink()
    if (case / "files").is_dir():
        shutil.copytree(case / "files", project, dirs_exist_ok=True)
    for edit in yaml.safe_load(read(case, "edits.yaml", "[]")) or []:
        path = project / edit["file"]
        text = path.read_bytes().decode("utf-8")  # bytes, so that CRLF line ends stay as they are
        assert edit["find"] in text, f"edits.yaml: {edit['find']!r} not found in {edit['file']}"
        path.write_bytes(text.replace(edit["find"], edit["replace"], 1).encode("utf-8"))
    if (case / "make.py").is_file():
        exec(compile((case / "make.py").read_text(encoding="utf-8"), str(case / "make.py"), "exec"),
             {"project": project})


def children() -> set[int]:
    """The processes this one started that still exist (zombies included), except the two that
    multiprocessing keeps for the life of this process: the server the build's workers fork from
    and its resource tracker (a build on the command line ends with its process, and they with it)."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parent = int(stat.read_text().rpartition(")")[2].split()[1])
            command = (stat.parent / "cmdline").read_bytes()
        except (OSError, IndexError, ValueError):
            continue
        if parent == os.getpid() and b"multiprocessing.forkserver" not in command \
                and b"multiprocessing.resource_tracker" not in command:
            found.add(int(stat.parent.name))
    return found


def run(project: Path, args: list[str]) -> int:
    """The command of a case, in the project copy; a hang fails the test instead of the suite."""
    def too_slow(signum, frame):
        raise TimeoutError(f"the case ran past {2 * SECONDS} s")

    previous = signal.signal(signal.SIGALRM, too_slow)
    signal.alarm(2 * SECONDS)
    try:
        if args[0] in ("textconv", "diff"):
            cwd = os.getcwd()
            os.chdir(project)
            try:
                return main(args)
            finally:
                os.chdir(cwd)
        return build(project, project / "output", *args)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize("case", sorted(p.name for p in CASES.iterdir() if p.is_dir()))
def test_bad_input(case, tmp_path, capsys):
    folder = CASES / case
    project = tmp_path / "project"
    prepare(folder, project)
    (project / SENTINEL).parent.mkdir(parents=True)
    (project / SENTINEL).write_text("vorige versie", encoding="utf-8")
    before = {name: snapshot(project / name) for name in ("output", "data", "content")}

    args = shlex.split(read(folder, "args.txt", DEFAULT_ARGS))
    processes, memory, start = children(), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, time.monotonic()
    code = run(project, args)
    seconds = time.monotonic() - start
    out, err = (text.replace(f"{project}/", "") for text in capsys.readouterr())  # paths as in the project

    expected_code = int(read(folder, "exit.txt", "2").strip())
    assert code == expected_code, f"exit code {code}, expected {expected_code}; stderr:\n{err}"
    shown = err if expected_code != 0 else out + err
    for line in read(folder, "expected.txt").splitlines():
        if line.strip():
            assert line in shown, f"missing from the output: {line!r}\nstderr:\n{err}"
    if code == 2:
        assert "Traceback" not in err
    if expected_code != 0:
        assert snapshot(project / "output") == before["output"], "a failed build must not write to output/"
    assert snapshot(project / "data") == before["data"], "the build changed data/"
    assert snapshot(project / "content") == before["content"], "the build changed content/"
    assert not list(project.rglob("*.tmp")) and not list(project.rglob("*.uvpgen-tmp")), "temporary files left behind"
    assert children() <= processes, "processes left behind"
    assert seconds < SECONDS, f"the case took {seconds:.1f} s"
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss <= max(memory, MEMORY_KB), "memory past 1 GiB"

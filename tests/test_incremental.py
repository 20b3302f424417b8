"""Only what changed is rebuilt: each kind of source change makes exactly the documents it
shapes stale; a selective build names what else it made stale; the fast --check (fingerprints)
and the full one (re-render and compare bytes) agree; writes are all or nothing."""

from __future__ import annotations

import errno
import shutil
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from conftest import ROOT, build, snapshot
from uvpgen.build import Transaction, compose_cycle, plan
from uvpgen.documents import Cycle, ProjectPaths
from uvpgen.fingerprints import Manifest

FORMATS = ("docx", "pdf", "archief", "md")


def planned(project: Path, manifest: Manifest) -> list:
    cycle = Cycle(ProjectPaths(project), 2025)
    return plan(cycle, compose_cycle(cycle), project / "output", FORMATS, manifest, False)


def fingerprints(project: Path) -> dict[str, str]:
    """Every output file of the project (its path under output/) with its fingerprint."""
    return {job.path.relative_to(project / "output").as_posix(): job.fingerprint
            for job in planned(project, Manifest())}


@pytest.fixture(scope="session")
def unchanged(tmp_path_factory) -> dict[str, str]:
    """The fingerprints of the committed sources, composed once for every test that starts from
    an unchanged copy (composing the whole cycle takes seconds)."""
    project = tmp_path_factory.mktemp("bronnen")
    for name in ("data", "content", "templates"):
        shutil.copytree(ROOT / name, project / name)
    return fingerprints(project)


def stale_after(project: Path, change, before: dict[str, str] | None = None) -> set[tuple[str, str]]:
    """(document stem, format) of every file that a change to the project makes stale, against a
    manifest that says everything was current before it: `before`, the fingerprints of the
    project as it is (`unchanged` for a fresh copy), or composed here."""
    manifest = Manifest()
    for relative, fingerprint in (fingerprints(project) if before is None else before).items():
        path = project / "output" / relative  # as if every file had been written as it is now
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(fingerprint.encode())
        manifest.files[relative] = (fingerprint, _hash(path))
    change(project)  # test_nothing_changed_means_nothing_to_do: without one, nothing is stale
    return {(job.document.stem, job.fmt) for job in planned(project, manifest)}


def _hash(path: Path) -> str:
    from uvpgen.fingerprints import file_digest
    return file_digest(path)


def stems(pairs) -> set[str]:
    return {stem for stem, _ in pairs}


SLUGS = [p.stem for p in (ROOT / "data/2025/prognose").glob("*.csv")] + ["twente"]


def edit(path: str, old: str, new: str):
    def change(project: Path) -> None:
        target = project / path
        text = target.read_text(encoding="utf-8")
        assert old in text
        target.write_text(text.replace(old, new, 1), encoding="utf-8")
    return change


def test_a_prognose_makes_its_deelnemer_and_twente_stale_in_every_document_type(project, unchanged):
    stale = stale_after(project, edit("data/2025/prognose/enschede.csv", "A1.35.03;470;", "A1.35.03;480;"), unchanged)
    assert stems(stale) == {f"{kind}-2025-{slug}" for kind in ("uvp", "monitoring-voorjaar", "monitoring-najaar",
                                                                 "jaarverslag") for slug in ("enschede", "twente")}
    assert {fmt for _, fmt in stale} == set(FORMATS)


def test_a_uniform_content_file_makes_every_document_that_shows_it_stale(project, unchanged):
    stale = stale_after(project, edit("content/2025/jaarverslag/capaciteit.md", "Dit hoofdstuk", "Deze paragraaf"),
                        unchanged)
    assert stems(stale) == {f"jaarverslag-2025-{slug}" for slug in SLUGS}


def test_a_template_makes_only_its_documents_stale(project, unchanged):
    stale = stale_after(project, edit("templates/_lessen.md.j2", "Lessen voor het volgende", "Lessen voor het komende"),
                        unchanged)
    assert stems(stale) == {f"jaarverslag-2025-{slug}" for slug in SLUGS}


def test_the_stylesheet_and_the_fonts_make_the_laid_out_formats_stale_not_the_text(project, unchanged):
    stale = stale_after(project, edit("templates/print.css", "font-size: 9.5pt", "font-size: 9.6pt"), unchanged)
    assert len(stems(stale)) == 64 and {fmt for _, fmt in stale} == {"pdf", "archief", "docx"}

    def font(project: Path) -> None:
        path = project / "templates/fonts/NotoSans-Bold.ttf"
        path.write_bytes(path.read_bytes() + b"\0")
    stale = stale_after(project, font)
    assert {fmt for _, fmt in stale} == {"pdf", "archief", "docx"}


def test_the_house_style_makes_every_rendering_stale_but_the_text(project, unchanged):
    stale = stale_after(project, edit("templates/huisstijl.toml", 'blauw = "#00457c"', 'blauw = "#00467c"'), unchanged)
    assert len(stems(stale)) == 64 and {fmt for _, fmt in stale} == {"pdf", "archief", "docx"}


def test_a_picture_makes_only_the_documents_showing_it_stale(project):
    (project / "content/afbeeldingen").mkdir(exist_ok=True)
    picture = project / "content/afbeeldingen/kaart.svg"
    picture.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="5" height="5"/></svg>')
    edit("content/2025/enschede/jaarverslag/lessen.md", "Het project in het Havengebied",
         "![Kaart van het Havengebied](afbeeldingen/kaart.svg)\n\nHet project in het Havengebied")(project)
    stale = stale_after(project, lambda p: picture.write_text(picture.read_text().replace('width="5"', 'width="6"')))
    assert stale == {("jaarverslag-2025-enschede", fmt) for fmt in ("pdf", "archief", "docx")}


def test_a_file_edited_or_deleted_by_hand_is_rebuilt(project, unchanged):
    def tamper(project: Path) -> None:
        (project / "output/2025/hengelo/uvp-2025-hengelo.docx").write_bytes(b"met de hand")
        (project / "output/2025/losser/jaarverslag-2025-losser.md").unlink()
    assert stale_after(project, tamper, unchanged) == {("uvp-2025-hengelo", "docx"), ("jaarverslag-2025-losser", "md")}


def test_nothing_changed_means_nothing_to_do(project, unchanged):
    assert stale_after(project, lambda p: None, unchanged) == set()


def test_a_selective_build_names_what_else_it_made_stale(project, capsys):
    output = project / "output"
    assert build(project, output, "--format", "md") == 0  # every document of the year, as Markdown
    capsys.readouterr()
    edit("data/2025/prognose/enschede.csv", "A1.35.03;470;", "A1.35.03;480;")(project)
    assert build(project, output, "--gemeente", "enschede", "--format", "md") == 0
    out = capsys.readouterr().out
    assert "Gewijzigde bronnen: data/2025/prognose/enschede.csv." in out
    assert "uvp-2025-enschede (md): bronnen gewijzigd" in out
    stale_line = next(line for line in out.splitlines() if line.startswith("Let op:"))
    for stem in ("uvp-2025-twente", "monitoring-voorjaar-2025-enschede", "monitoring-najaar-2025-twente",
                 "jaarverslag-2025-enschede", "jaarverslag-2025-twente"):
        assert stem in stale_line
    assert "Werk alles bij met: python build.py" in stale_line
    assert "64 documenten samengesteld en onderling gecontroleerd" in out
    # The same build again: the cycle was checked for these sources, so only Enschede's UVP is
    # composed; the manifest still knows which other documents are not current.
    hengelo = output / "2025/hengelo/jaarverslag-2025-hengelo.md"
    hengelo.write_text("met de hand\n", encoding="utf-8")
    assert build(project, output, "--gemeente", "enschede", "--format", "md", "--volledig") == 0
    out = capsys.readouterr().out
    assert "samengesteld en onderling gecontroleerd" not in out
    again = next(line for line in out.splitlines() if line.startswith("Let op:"))
    assert again.replace("8 ander", "7 ander").replace("jaarverslag-2025-hengelo, ", "") == stale_line
    assert build(project, output, "--format", "md") == 0
    out = capsys.readouterr().out
    assert "Opnieuw gemaakt: 8 document(en)" in out  # the eight of the change, less the one made, and Hengelo's
    assert "jaarverslag-2025-hengelo (md): bestand met de hand gewijzigd" in out


def test_the_fast_and_the_full_check_agree(project, capsys):
    output = project / "output"
    assert build(project, output, "--format", "md") == 0
    for extra in ([], ["--volledig"]):
        assert build(project, output, "--check", "--format", "md", *extra) == 0
    edited = output / "2025/hengelo/monitoring-najaar-2025-hengelo.md"
    edited.write_text(edited.read_text(encoding="utf-8") + "met de hand\n", encoding="utf-8")
    capsys.readouterr()
    for extra in ([], ["--volledig"]):
        assert build(project, output, "--check", "--format", "md", *extra) == 3
        assert "verouderd: " in capsys.readouterr().err and edited.read_text(encoding="utf-8").endswith("met de hand\n")


# --- all or nothing ---------------------------------------------------------------------------

def files(tmp_path: Path, count: int = 4) -> dict[Path, bytes]:
    return {tmp_path / "out" / f"d{i}" / f"f{i}.md": f"nieuw {i}".encode() for i in range(count)}


def test_a_write_that_fails_halfway_changes_nothing(tmp_path, monkeypatch):
    transaction = Transaction(tmp_path / "out")
    old = {path: b"oud" for path in files(tmp_path)}
    transaction.write(old)
    real_fsync, calls = os.fsync, []

    def disk_full(fd):
        calls.append(fd)
        if len(calls) == 3:
            raise OSError(errno.ENOSPC, "No space left on device")
        real_fsync(fd)
    monkeypatch.setattr(os, "fsync", disk_full)
    from uvpgen.errors import InputError
    with pytest.raises(InputError, match="kon niet schrijven: de schijf is vol"):
        transaction.write(files(tmp_path))
    assert {p: p.read_bytes() for p in old} == old
    assert not list((tmp_path / "out").rglob("*.uvpgen-tmp"))


@pytest.mark.parametrize("obstacle, message", [
    ("target", "het uitvoerpad is een map"),
    ("folder", "d3: dit is geen map"),  # d3/ is a file (paths.make_folders)
    ("journal", "kon niet schrijven: er staat een map waar een bestand hoort"),  # .uvpgen-journaal/ is a folder
])
def test_something_in_the_way_changes_nothing(tmp_path, obstacle, message):
    """A folder where a file goes, a file where a folder goes, a folder where the journal goes:
    an input error naming it, the previous files kept, no temporary files left."""
    new = files(tmp_path)
    Transaction(tmp_path / "out").write({path: b"oud" for path in new})
    last = sorted(new)[-1]
    if obstacle == "target":
        last.unlink()
        last.mkdir()
    elif obstacle == "folder":
        shutil.rmtree(last.parent)
        last.parent.write_bytes(b"in de weg")
    else:
        (tmp_path / "out" / ".uvpgen-journaal").mkdir()
    before = snapshot(tmp_path / "out")
    from uvpgen.errors import InputError
    with pytest.raises(InputError, match=message):
        Transaction(tmp_path / "out").write(new)
    assert snapshot(tmp_path / "out") == before
    assert not list(tmp_path.rglob("*.uvpgen-tmp"))


PR_CAPBSET_DROP, CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH = 24, 1, 2  # linux/prctl.h, linux/capability.h


def where_permissions_hold(command: list[str], **options) -> subprocess.CompletedProcess:
    """Run a command in a process that a read-only folder stops. Root's is not stopped by
    permissions: for root, the command runs without the capabilities that override them."""
    if os.geteuid() != 0:
        return subprocess.run(command, capture_output=True, text=True, **options)
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)

    def without_override() -> None:  # in the child, before exec: from then on root obeys file permissions
        for capability in (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH):
            if libc.prctl(PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
                raise OSError(ctypes.get_errno(), "prctl")
    try:
        return subprocess.run(command, capture_output=True, text=True, preexec_fn=without_override, **options)
    except subprocess.SubprocessError:
        pytest.skip("als root zonder CAP_SETPCAP: geen proces te maken dat schrijfrechten gehoorzaamt")


READ_ONLY_WRITE = """
import sys
sys.path.insert(0, {src!r})
from pathlib import Path
from uvpgen.build import Transaction
from uvpgen.errors import InputError
out = Path({out!r})
try:
    Transaction(out).write({{out / f"d{{i}}" / f"f{{i}}.md": f"nieuw {{i}}".encode() for i in range(4)}})
except InputError as err:
    sys.exit(str(err))
"""


def test_a_read_only_folder_in_output_changes_nothing(tmp_path):
    out = tmp_path / "out"
    old = {path: b"oud" for path in files(tmp_path)}
    Transaction(out).write(old)
    (out / "d0").chmod(0o555)
    try:
        script = READ_ONLY_WRITE.format(src=str(ROOT / "src"), out=str(out))
        result = where_permissions_hold([sys.executable, "-c", script])
    finally:
        (out / "d0").chmod(0o755)
    assert f"{out / 'd0'}: kon niet schrijven: geen schrijfrechten" in result.stderr, result.stderr
    assert {p: p.read_bytes() for p in old} == old
    assert not list(out.rglob("*.uvpgen-tmp"))


CLI = f"import sys; sys.path.insert(0, {str(ROOT / 'src')!r}); from uvpgen.cli import main; sys.exit(main())"


@pytest.mark.parametrize("case", ["read-only output", "no rights to make output", "a file where a folder goes"])
def test_an_output_folder_that_cannot_be_written_stops_the_build_at_once(tmp_path, case):
    """Issue 25: a read-only output/ ended in a traceback after the whole build. Now: a Dutch
    message naming the folder, exit 2, before anything is composed, and nothing made."""
    parent = tmp_path / "boven"
    parent.mkdir()
    output = parent / "output"
    if case == "read-only output":
        output.mkdir()
        (output / "manifest.txt").write_text("vorige versie", encoding="utf-8")
        output.chmod(0o555)
        shown, problem = output, "geen schrijfrechten"
    elif case == "no rights to make output":
        parent.chmod(0o555)
        shown, problem = output, "geen schrijfrechten"
    else:
        parent.rmdir()
        parent.write_text("in de weg", encoding="utf-8")
        shown, problem = parent, "er staat een bestand waar een map hoort"
    before = snapshot(parent) if parent.is_dir() else None
    try:
        result = where_permissions_hold([sys.executable, "-c", CLI, "--gemeente", "borne", "--format", "md",
                                         "--output", str(output)], cwd=ROOT)
    finally:
        if parent.is_dir():
            parent.chmod(0o755)
            output.chmod(0o755) if output.is_dir() else None
    assert result.returncode == 2, result.stderr
    assert f"uvpgen: fout: {shown}: kon niet schrijven: {problem}" in result.stderr
    assert "Traceback" not in result.stderr and "Samenstellen" not in result.stdout
    assert (snapshot(parent) if parent.is_dir() else None) == before


KILLED = """
import os, signal, sys
sys.path.insert(0, {src!r})
from pathlib import Path
from uvpgen import build
real = os.replace
count = 0
def replace(a, b):
    global count
    real(a, b)
    if str(b).endswith(".md"):
        count += 1
        if count == 2:
            os.kill(os.getpid(), signal.SIGKILL)  # between two renames: a power cut
build.os.replace = replace
build.Transaction(Path({out!r})).write({{Path({out!r}) / f"d{{i}}" / f"f{{i}}.md": f"nieuw {{i}}".encode() for i in range(4)}})
"""


def test_a_build_killed_between_two_renames_is_completed_by_the_next_command(tmp_path):
    out = tmp_path / "out"
    Transaction(out).write({path: b"oud" for path in files(tmp_path)})
    result = subprocess.run([sys.executable, "-c", KILLED.format(src=str(ROOT / "src"), out=str(out))])
    assert result.returncode == -signal.SIGKILL
    contents = sorted(p.read_bytes() for p in out.rglob("*.md"))
    assert b"oud" in contents and any(c.startswith(b"nieuw") for c in contents)  # half old, half new
    assert (out / ".uvpgen-journaal").is_file()
    assert "afgemaakt" in Transaction(out).recover()
    assert sorted(p.read_bytes() for p in out.rglob("*.md")) == [f"nieuw {i}".encode() for i in range(4)]
    assert not list(out.rglob("*.uvpgen-tmp")) and not (out / ".uvpgen-journaal").exists()


NOT_OURS = "regel in het journaal van een afgebroken bouw die uvpgen niet schreef"


@pytest.mark.parametrize("journal, problem", [
    (b"1-0123abcd\t../buiten.md\n", f"regel 1: {NOT_OURS} (waarde: '1-0123abcd\\t../buiten.md')"),
    (b"1-0123abcd\td0/f0.md\n1-0123abcd\t/etc/hosts\n", f"regel 2: {NOT_OURS} (waarde: '1-0123abcd\\t/etc/hosts')"),
    (b"d0/.f0.md.uvpgen-tmp\td0/f0.md\n", f"regel 1: {NOT_OURS}"),  # the layout before issue 25, or someone else's
    (b"1-0123abcd\t\xff.md\n", "journaal van een afgebroken bouw is geen UTF-8-tekst"),
])
def test_a_journal_uvpgen_did_not_write_renames_nothing(tmp_path, journal, problem):
    """Recovery renames only uvpgen's own temporary files inside the output folder: a journal
    line pointing elsewhere is refused, with the journal and the line, and nothing is touched."""
    out = tmp_path / "out"
    Transaction(out).write({path: b"oud" for path in files(tmp_path)})
    (out / "d0" / ".f0.md.1-0123abcd.uvpgen-tmp").write_bytes(b"nieuw")
    (tmp_path / ".buiten.md.1-0123abcd.uvpgen-tmp").write_bytes(b"nieuw")
    (out / ".uvpgen-journaal").write_bytes(journal)
    before = snapshot(tmp_path)
    from uvpgen.errors import InputError
    with pytest.raises(InputError, match="uvpgen-journaal") as refused:
        Transaction(out).recover()
    assert problem in str(refused.value) and "verwijder het journaal als u het niet vertrouwt" in str(refused.value)
    assert snapshot(tmp_path) == before


# A build paused between two renames, its journal written: it holds its output folder until it is killed.
PAUSED = """
import os, sys
sys.path.insert(0, {src!r})
from pathlib import Path
from uvpgen import build
out = Path({out!r})
real = build.os.replace
def replace(a, b):
    if str(b).endswith(".md"):
        print("bezig", flush=True)
        sys.stdin.readline()  # until the test kills it
    real(a, b)
build.os.replace = replace
with build.hold(out):
    build.Transaction(out).write({{out / "notities" / f"f{{i}}.md": b"nieuw" for i in range(2)}})
"""


def test_one_build_at_a_time_and_a_killed_one_holds_nothing(project, capsys):
    """Issue 25: a second build on the same folder stops (exit 2, naming the first's process)
    and touches nothing of the first's; killed, the first leaves no lock, and the next build
    completes its journal and removes its temporary files, but not those of a running build."""
    out = project / "output"
    first = subprocess.Popen([sys.executable, "-c", PAUSED.format(src=str(ROOT / "src"), out=str(out))],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert first.stdout.readline() == "bezig\n"
        # A running build's temporary file, in a folder inside this one.
        running = out / "2025" / f".elders.md.{os.getpid()}-0123abcd.uvpgen-tmp"
        running.parent.mkdir(parents=True)
        running.write_bytes(b"van een ander")
        before = snapshot(out)
        assert (out / ".uvpgen-journaal").is_file() and len(list(out.rglob(f"*.{first.pid}-*.uvpgen-tmp"))) == 2
        for check in ([], ["--check"]):
            assert build(project, out, "--gemeente", "borne", "--format", "md", *check) == 2
            err = capsys.readouterr().err
            assert f"er loopt al een andere bouw (of --check) in deze uitvoermap (proces {first.pid})" in err, err
            assert snapshot(out) == before
    finally:
        first.kill()
        first.wait()
    assert build(project, out, "--gemeente", "borne", "--format", "md") == 0
    assert "Eerst: een eerder afgebroken bouw is afgemaakt (2 bestanden)." in capsys.readouterr().out
    assert [p.read_bytes() for p in sorted((out / "notities").iterdir())] == [b"nieuw", b"nieuw"]
    assert list(out.rglob("*.uvpgen-tmp")) == [running]


def test_a_folder_that_cannot_be_locked_is_built_with_a_warning(tmp_path, monkeypatch, capsys):
    """Some network shares have no locks (flock fails with ENOLCK): the build goes on and says so."""
    import fcntl

    from uvpgen.build import hold

    def no_locks(fd, operation):
        raise OSError(errno.ENOLCK, "No locks available")
    monkeypatch.setattr(fcntl, "flock", no_locks)
    with hold(tmp_path / "out"):
        held = True
    assert held and "kan niet worden vastgehouden (No locks available)" in capsys.readouterr().err


def test_the_workers_folder_of_a_killed_build_goes_with_the_next_build(tmp_path, monkeypatch):
    """A build killed with SIGKILL cannot remove its workers' temporary folder (WeasyPrint's copies
    of the fonts); the next build that starts workers removes it, and no folder of a running build."""
    from uvpgen.build import _scratch

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    ended = subprocess.Popen([sys.executable, "-c", "pass"])
    ended.wait()
    killed, running = tmp_path / f"uvpgen-werk-{ended.pid}-a1b2c3d4", tmp_path / f"uvpgen-werk-{os.getpid()}-e5f6a7b8"
    for folder in (killed, running):
        folder.mkdir()
        (folder / "NotoSans-Regular.ttf").write_bytes(b"kopie")
    made = Path(_scratch())
    assert made.parent == tmp_path and made.name.startswith(f"uvpgen-werk-{os.getpid()}-")
    assert not killed.exists() and running.exists()


def group(pid: int) -> list[str]:
    """The processes of a process group (the build started in a session of its own)."""
    return subprocess.run(["pgrep", "-g", str(pid)], capture_output=True, text=True).stdout.split()


def workers(pid: int) -> list[str]:
    """The build's workers: the processes of its group that are not its own children (those are
    the server the workers fork from, and multiprocessing's resource tracker)."""
    listed = subprocess.run(["ps", "-o", "pid=,ppid=", "-g", str(pid)], capture_output=True, text=True).stdout
    return [p for p, parent in (line.split() for line in listed.splitlines()) if int(p) != pid and int(parent) != pid]


def test_sigterm_stops_the_build_and_its_workers_and_leaves_nothing(tmp_path):
    output = tmp_path / "output"
    assert build(ROOT, output, "--alle", "--format", "md") == 0
    before = snapshot(output)
    # The build's temporary folder, where WeasyPrint's copies of the fonts go. Short: multiprocessing
    # puts its socket there, and a socket's path may not exceed 107 bytes (tmp_path under xdist does).
    scratch = Path(tempfile.mkdtemp(prefix="uvpgen-sigterm-"))
    process = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "--alle", "--format", "pdf", "--volledig",
                                "--jobs", "2", "--output", str(output)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               start_new_session=True, env={**os.environ, "TMPDIR": str(scratch)})
    deadline, seen = time.monotonic() + 90, []
    while len(seen) < 2 and time.monotonic() < deadline and process.poll() is None:
        seen = workers(process.pid)
        time.sleep(0.2)
    if len(seen) < 2:
        process.kill()
        _, err = process.communicate(timeout=30)
        raise AssertionError(f"no worker processes to stop (exit code {process.returncode}):\n{err.decode()[-3000:]}")
    time.sleep(1)  # the workers are laying out PDFs now
    stopped = time.monotonic()
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=30)
    assert time.monotonic() - stopped < 5, "took longer than 5 s to stop"
    assert process.returncode == 143, err.decode()
    assert "gestopt" in err.decode()
    while group(process.pid) and time.monotonic() - stopped < 5:  # the workers are gone within the same 5 s
        time.sleep(0.1)
    left = subprocess.run(["ps", "-o", "pid,stat,ppid,args", "-g", str(process.pid)], capture_output=True, text=True)
    assert group(process.pid) == [], f"workers left running:\n{left.stdout}"
    assert snapshot(output) == before
    assert not list(tmp_path.rglob("*.uvpgen-tmp"))
    left_behind = list(scratch.iterdir())
    shutil.rmtree(scratch)
    assert left_behind == [], "temporary files of the stopped workers (issue 25) are left"


def test_a_long_temporary_folder_does_not_stop_the_workers(tmp_path):
    """A TMPDIR of 90 characters: multiprocessing's forkserver would put its socket there, in a path
    longer than a socket's 107 bytes, and the PDF build ended in "interne fout" (found in stop 31)."""
    long = tmp_path / ("t" * max(1, 90 - len(str(tmp_path)) - 1))
    long.mkdir()
    assert len(str(long)) >= 90
    result = subprocess.run([sys.executable, str(ROOT / "build.py"), "--gemeente", "borne", "--format", "pdf",
                             "--volledig", "--jobs", "2", "--output", str(tmp_path / "output")], capture_output=True,
                            text=True, env={**os.environ, "TMPDIR": str(long)}, timeout=120)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "output/2025/borne/uvp-2025-borne.pdf").is_file()

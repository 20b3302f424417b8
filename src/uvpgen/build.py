"""Build stage: bring output/ up to date, rendering only what changed, all or nothing.

Before anything is rendered, the whole cycle is composed and checked (uvpgen.consistency): every
document of the year. The check is a function of the sources, so the manifest records the
sources it passed for; while they are unchanged, a build composes only the documents it makes.
Each output file has a fingerprint (uvpgen.fingerprints); only files whose fingerprint differs
from the manifest, or whose bytes on disk are not what the manifest recorded, are rendered.
When the sources are exactly those the manifest was checked for, every file was current then
and no file was touched since, nothing is composed at all.

Files are written as one transaction (`Transaction`): every new file goes to a temporary
sibling first; only when all are written does a journal list the renames, which are then
done. A failed or interrupted build leaves output/ as it was; a build killed while renaming is
completed by the next command, before it does anything else.
"""

from __future__ import annotations

import dataclasses
import errno
import fcntl
import multiprocessing
import multiprocessing.forkserver
import os
import re
import secrets
import shutil
import signal
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, NoReturn

from .documents import BY_KEY, TWENTE, TYPES, Cycle, Document, DocumentType, OutputKey, ProjectPaths, document_stem
from .errors import InputError, display_path
from .fingerprints import (LAYOUTS, MANIFEST, LayoutCache, Manifest, Reason, RenderInputs, Stale, bytes_digest, digest,
                           fingerprint, output_digest, pictures, source_files, sources_digest)
from .paths import make_folders
from .render import LAID_OUT, PageLayout, Work, start_worker, timed_render

if TYPE_CHECKING:
    from .data import VorigeVersie

FORMATS = ("docx", "pdf", "archief", "md")  # archief: the PDF/A variant, <stem>-archief.pdf
# Made when asked for (--format html); from then on kept current by a plain build (default_formats).
OPTIONAL_FORMATS = ("html",)
ALL_FORMATS = FORMATS + OPTIONAL_FORMATS
INDEX = "index.html"  # output/<jaar>/index.html: the HTML documents of the year
TEMPORARY = ".uvpgen-tmp"
JOURNAL = ".uvpgen-journaal"


@dataclass(frozen=True)
class Selection:
    """What the command line asks for: document types, deelnemers (None: all and Twente), formats
    (None: `default_formats`)."""
    kinds: tuple[DocumentType, ...]
    slugs: tuple[str, ...] | None
    formats: tuple[str, ...] | None

    @property
    def everything(self) -> bool:
        return self.slugs is None and len(self.kinds) == len(TYPES)


@dataclass(frozen=True)
class Job:
    """One file to (re)make, and why. `layout` is the fingerprint of the document's PDF, which
    identifies its layout (the DOCX's table of contents takes its page numbers from it); None for
    a document the fingerprints do not cover (one with a change appendix), whose layout is never
    cached."""
    document: Document
    fmt: str
    path: Path
    fingerprint: str
    reason: Reason
    layout: str | None = None


class Reporter:
    """What the build tells the user on stdout, as it goes."""

    def __init__(self, started: float):
        self.started = started

    def say(self, text: str) -> None:
        print(text, flush=True)

    def elapsed(self) -> str:
        return seconds(time.perf_counter() - self.started)


def seconds(value: float) -> str:
    """Elapsed time as people read it here: '2,4 s'."""
    return f"{value:.1f} s".replace(".", ",")


# --- what is current -----------------------------------------------------------------------

def relative(output_dir: Path, path: Path) -> str:
    return path.relative_to(output_dir).as_posix()


def quick_check(root: Path, output_dir: Path, manifest: Manifest, jaar: int, selection: Selection) -> bool:
    """True when nothing needs to happen, known without composing: the sources are exactly those
    the manifest was checked for, every file was current then, and every file it lists is still
    the file it recorded."""
    if manifest.stale or manifest.checked != sources_digest(current_sources(root)):
        return False
    if manifest.intact(output_dir, manifest.files):
        return False
    wanted = [f"{jaar}/{slug}/" for slug in selection.slugs] if selection.slugs else [f"{jaar}/"]
    for kind in selection.kinds:
        prefix = document_stem(kind.key, jaar, "")
        for fmt in selection.formats:
            suffix = "-archief.pdf" if fmt == "archief" else f".{fmt}"
            if not any(p.startswith(w) and p.rsplit("/", 1)[1].startswith(prefix) and p.endswith(suffix)
                       and (fmt == "archief" or not p.endswith("-archief.pdf"))
                       for p in manifest.files for w in wanted):
                return False
    return True


def default_formats(manifest: Manifest) -> tuple[str, ...]:
    """FORMATS, and each optional format output/ already holds: once the documents are published
    as HTML, a plain build keeps them current and --check checks them."""
    held = {path.rsplit(".", 1)[-1] for path in manifest.files}
    return FORMATS + tuple(fmt for fmt in OPTIONAL_FORMATS if fmt in held)


def current_sources(root: Path) -> dict[str, str]:
    """The source files and, as one entry, the versions of the libraries that render."""
    inputs = RenderInputs.of(root, root / "templates")
    versions = digest(*(f"{fmt}:{name}={value}" for fmt, values in sorted(inputs.by_format.items())
                        for name, value in sorted(values.items()) if name.startswith("versie ")))
    return source_files(root) | {"bibliotheken": versions}


def plan(cycle: Cycle, documents: dict[str, dict[str, Document]], output_dir: Path, formats: tuple[str, ...],
         manifest: Manifest, force: bool) -> list[Job]:
    """Every output file of every document that is not current (or all of them, with `force`)."""
    inputs = RenderInputs.of(cycle.paths.root, cycle.paths.templates)
    jobs = []
    for kind, per_slug in documents.items():
        for slug, document in per_slug.items():
            shown = pictures(document.pictures, cycle.paths.content)
            fingerprints = {fmt: fingerprint(fmt, document.markdown, document.tree, inputs, shown)
                            for fmt in {*formats, "pdf"}}  # the PDF's also names the layout
            for fmt in formats:
                path = document.key(fmt).path(output_dir)
                key = relative(output_dir, path)
                fp = fingerprints[fmt]
                recorded = manifest.files.get(key)
                if force:
                    reason = Reason.FORCED
                elif recorded is None:
                    reason = Reason.NEW if not path.exists() else Reason.NOT_RECORDED
                elif output_digest(output_dir, path) != recorded[1]:
                    reason = Reason.MISSING if not path.exists() else Reason.EDITED
                elif recorded[0] != fp:
                    reason = Reason.SOURCES
                else:
                    continue
                jobs.append(Job(document, fmt, path, fp, reason, fingerprints["pdf"]))
    return jobs


# --- compose --------------------------------------------------------------------------------

def compose_cycle(cycle: Cycle, reporter: Reporter | None = None,
                  between: Callable[[], None] | None = None) -> dict[str, dict[str, Document]]:
    """Every document of every type that can be made, checked together (uvpgen.consistency).
    `between` is called before each type (the preview stops there when a newer save arrived)."""
    from . import claims, consistency

    cycle.read_inputs()
    documents = {}
    for kind in TYPES:
        if between is not None:
            between()
        if cycle.available(kind):
            documents[kind.key] = cycle.documents(kind)
    tables = {kind: {slug: d.tables for slug, d in per_slug.items()} for kind, per_slug in documents.items()}
    consistency.check_cycle(tables, [d.slug for d in cycle.data.deelnemers], cycle.data.tellingen)
    claims.check_elsewhere(((d.meta.title, claim) for per_slug in documents.values() for d in per_slug.values()
                            for claim in d.elsewhere), tables)
    if cycle.previous is not None:
        looked_back = cycle.previous.documents(BY_KEY["jaarverslag"])
        consistency.check_years(tables, {slug: d.tables for slug, d in looked_back.items()}, cycle.data.jaar)
    if reporter:
        count = sum(len(per_slug) for per_slug in documents.values())
        reporter.say(f"{count} documenten samengesteld en onderling gecontroleerd ({reporter.elapsed()}).")
    return documents


def compose_selection(cycle: Cycle, selection: Selection) -> dict[str, dict[str, Document]]:
    """Only the selected documents: for sources the whole cycle was checked for already (the
    manifest says so)."""
    return {kind.key: cycle.documents(kind, selection.slugs) for kind in selection.kinds if cycle.available(kind)}


def previous_markdown(root: Path, document: Document, jaar: int, previous: VorigeVersie | None, option: str) -> str:
    """The canonical Markdown of the document's previous version (document.yaml: vorige_versie),
    as committed in git, whatever --output says; `option` is what needs it."""
    if previous is None:
        raise InputError(f"{option} heeft een vorige versie nodig", path=ProjectPaths(root).document_yaml(jaar),
                         field="vorige_versie",
                         expected="in data/<jaar>/document.yaml: vorige_versie: {versie: ..., git: <ref>}")
    from . import review

    return review.git_file(root, previous.git, document.key("md").path(Path("output")).as_posix(),
                           "vorige_versie.git", ProjectPaths(root).document_yaml(jaar))


def with_change_appendix(root: Path, document: Document, output_dir: Path, jaar: int,
                         previous: VorigeVersie | None) -> Document:
    """The document with an appendix listing what changed since the previous version."""
    from . import review

    markdown = previous_markdown(root, document, jaar, previous, "--document-appendix")
    blocks = review.changes(markdown, document.markdown, document.stem).blocks(
        f"Wijzigingen ten opzichte van versie {previous.versie}")
    return dataclasses.replace(document, tree=dataclasses.replace(document.tree, blocks=document.tree.blocks + blocks))


def tracked_changes(root: Path, document: Document, jaar: int, previous: VorigeVersie | None) -> tuple[bytes, bool]:
    """The DOCX of the document in which every difference from its previous version is a tracked
    change, dated as the document (document.yaml), and whether there is any."""
    from . import redline

    markdown = previous_markdown(root, document, jaar, previous, "--wijzigingen-docx")
    old = redline.version(markdown, f"{document.stem}.md ({previous.git})")
    new = dataclasses.replace(redline.version(document.markdown, f"{document.stem}.md"), meta=document.meta,
                              charts=document.charts)
    paths = ProjectPaths(root)
    return redline.tracked_docx(old, new, paths.templates / "reference.docx", paths.content)


def tracked_changes_path(document: Document, output_dir: Path) -> Path:
    """Where the DOCX with tracked changes goes: beside the document's own, <naam>-wijzigingen.docx."""
    return document.key("docx").path(output_dir).with_name(f"{document.stem}-wijzigingen.docx")


def _write_tracked_changes(cycle: Cycle, documents: dict[str, dict[str, Document]], selection: Selection,
                           output_dir: Path, root: Path, transaction: Transaction, reporter: Reporter) -> int:
    """--wijzigingen-docx: for each selected document, its DOCX with tracked changes against its
    previous version, all written or none."""
    files, said = {}, []
    for kind in selection.kinds:
        previous = cycle.data.documenten[kind.key].vorige_versie
        for slug, document in sorted(documents[kind.key].items()):
            if selection.slugs is None or slug in selection.slugs:
                path = tracked_changes_path(document, output_dir)
                files[path], changed = tracked_changes(root, document, cycle.data.jaar, previous)
                said.append(f"geschreven: {display_path(path)} (" + (
                    f"met bijgehouden wijzigingen ten opzichte van versie {previous.versie}" if changed else
                    f"geen wijzigingen ten opzichte van versie {previous.versie}: zonder bijgehouden wijzigingen")
                    + ")")
    transaction.write(files)
    for line in said:
        reporter.say(line)
    return 0


# --- render ---------------------------------------------------------------------------------

# What a worker needs, by the formats it renders: imported once, in the process workers fork from.
RENDERERS = {"pdf": "weasyprint", "archief": "weasyprint", "docx": "uvpgen.render.docx", "html": "uvpgen.render.html"}
# The forkserver listens on a socket in the temporary folder: <folder>/pymp-xxxxxxxx/listener-xxxxxxxx,
# and a socket's path may be at most 107 bytes (Linux; 103 on macOS).
SOCKET_PATH_ROOM = 103 - len("/pymp-xxxxxxxx/listener-xxxxxxxx")


def _workers_context(formats: Iterable[str]):
    """Workers fork from multiprocessing's forkserver (Linux, macOS), which imports the renderers
    of these formats once, before its first fork; Windows has none: there they are spawned.
    With a temporary folder too long for the forkserver's socket (a long TMPDIR), the build's
    temporary files go to /tmp, as Python 3.13's multiprocessing does for its own."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    if len(os.fsencode(tempfile.gettempdir())) > SOCKET_PATH_ROOM and os.path.isdir("/tmp"):
        tempfile.tempdir = "/tmp"
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["uvpgen.render", *sorted({RENDERERS[f] for f in formats if f in RENDERERS})])
    return context


def start_workers(formats: tuple[str, ...]) -> None:
    """Start the forkserver now, when PDFs are asked for, so that it imports WeasyPrint while this
    process composes. A worker then holds the renderers and one document, not the whole
    composed cycle, and its start costs milliseconds."""
    if any(fmt in formats for fmt in LAID_OUT) and _workers_context(formats).get_start_method() == "forkserver":
        multiprocessing.forkserver.ensure_running()


def _running(pid: int) -> bool:
    """Whether a process still exists (a build that made a temporary file or folder)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # another user's
    return True


SCRATCH = "uvpgen-werk-"


def _scratch() -> str:
    """A folder for the workers' temporary files, named after this process (uvpgen-werk-<pid>-...).
    First the folders of this user's builds that were killed, and so could not remove theirs:
    those whose process has ended."""
    for folder in Path(tempfile.gettempdir()).glob(f"{SCRATCH}*-*"):
        owner = folder.name.removeprefix(SCRATCH).split("-")[0]
        try:
            if owner.isdigit() and folder.stat().st_uid == os.getuid() and not _running(int(owner)):
                shutil.rmtree(folder)
        except OSError:
            continue  # removed meanwhile, or not ours to remove after all
    return tempfile.mkdtemp(prefix=f"{SCRATCH}{os.getpid()}-")


def render_all(work: list[Work], paths: ProjectPaths, jobs: int,
               progress: Callable[[int, str, float], None]) -> dict[str, tuple[dict[str, bytes], PageLayout | None]]:
    """Render documents (each in the given formats), `jobs` at a time, each in a fresh worker
    process (a layout's memory goes with it). With `jobs` 1, or one document that is not laid
    out, they are rendered here, one after another: starting a worker would cost more. The
    results do not depend on `jobs`. On Ctrl-C or SIGTERM every worker is stopped at once."""
    results: dict[str, tuple[dict[str, bytes], PageLayout | None]] = {}  # by document stem
    if jobs <= 1 or (len(work) <= 1 and not any(item.lays_out for item in work)):
        for item in work:
            results[item.stem], elapsed = timed_render(item, paths.templates, paths.content)
            progress(len(results), item.stem, elapsed)
        return results
    scratch = _scratch()  # the workers' temporary files: ours to remove
    pool = ProcessPoolExecutor(max_workers=min(jobs, len(work)),
                               mp_context=_workers_context({fmt for item in work for fmt in item.formats}),
                               initializer=start_worker, initargs=(scratch,), max_tasks_per_child=1)
    try:
        futures = {pool.submit(timed_render, item, paths.templates, paths.content): item.stem for item in work}
        for future in as_completed(futures):
            stem = futures[future]
            results[stem], elapsed = future.result()
            progress(len(results), stem, elapsed)
        pool.shutdown()
    except BaseException:
        workers = list((pool._processes or {}).values())  # noqa: SLF001 - no public way to stop busy workers
        for process in workers:
            process.terminate()
        for process in workers:
            process.join(timeout=5)  # reaped here, before this process exits: none is left behind
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    finally:
        shutil.rmtree(scratch, ignore_errors=True)  # what a stopped worker could not remove itself
    return results


# --- write ----------------------------------------------------------------------------------

# A temporary file names the build that made it, .<target>.<pid>-<random>.uvpgen-tmp: a build
# removes another's only when that build's process has ended.
OWNER = re.compile(r"(\d+)-[0-9a-f]{8}")
OWNED = re.compile(rf"\.{OWNER.pattern}{re.escape(TEMPORARY)}$")
WRITE_PROBLEMS = {  # what an OSError while writing output/ means, as the user reads it
    errno.EACCES: "geen schrijfrechten", errno.EPERM: "geen schrijfrechten",
    errno.EROFS: "het bestandssysteem is alleen-lezen", errno.ENOSPC: "de schijf is vol",
    errno.EDQUOT: "het schijfquotum is op", errno.EEXIST: "er staat een bestand waar een map hoort",
    errno.ENOTDIR: "er staat een bestand waar een map hoort", errno.EISDIR: "er staat een map waar een bestand hoort",
}


def write_error(err: OSError, path: Path) -> InputError:
    """An OSError while writing output/ as an input error: the user can fix it (rights, room, a
    file in the way), and it is not a defect of uvpgen. It names the file or folder the system
    named (a rename's target), the file that stands where a folder goes, and for one of our
    temporary files the folder it is in."""
    where = Path(err.filename2 or err.filename or path)
    if err.errno == errno.ENOTDIR:
        where = next((folder for folder in reversed(where.parents) if folder.is_file()), where)
    return InputError(f"kon niet schrijven: {WRITE_PROBLEMS.get(err.errno, err.strerror)}",
                      path=where.parent if where.name.endswith(TEMPORARY) else where,
                      expected="een uitvoermap waarin geschreven kan worden, met genoeg vrije ruimte")


@contextmanager
def hold(output_dir: Path, shared: bool = False) -> Iterator[None]:
    """One build at a time per output folder: hold it exclusively to write it, shared to read it
    (--check; not while a build writes). The lock is a flock on the folder itself, which the
    kernel releases when the process ends, however it ends: a killed build never leaves it held.
    A second build does not wait: it says which process holds the folder and stops. Where the
    file system has no locks, the build goes on with a warning."""
    if shared and not output_dir.is_dir():
        yield  # --check of a folder that does not exist: nothing to hold
        return
    try:
        output_dir.mkdir(parents=True, exist_ok=True)
        folder = os.open(output_dir, os.O_RDONLY | os.O_DIRECTORY)
    except OSError as err:
        raise write_error(err, output_dir) from None
    try:
        try:
            fcntl.flock(folder, (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _holder(folder)
            raise InputError("er loopt al een andere bouw (of --check) in deze uitvoermap"
                             + (f" (proces {holder})" if holder else ""), path=output_dir,
                             expected="één bouw tegelijk per uitvoermap: wacht tot die klaar is, of kies een andere "
                                      "map met --output") from None
        except OSError as err:  # a file system without locks (some network shares): build, and say so
            print(f"waarschuwing: de uitvoermap {display_path(output_dir)} kan niet worden vastgehouden "
                  f"({err.strerror}); zorg zelf dat er niet twee bouwen tegelijk in lopen", file=sys.stderr)
        yield
    finally:
        os.close(folder)


def _holder(folder: int) -> int | None:
    """The process that holds the lock on an open folder, where the system says (Linux:
    /proc/locks, "1: FLOCK ADVISORY WRITE <pid> <major>:<minor>:<inode> 0 EOF")."""
    info = os.fstat(folder)
    where = f"{os.major(info.st_dev):02x}:{os.minor(info.st_dev):02x}:{info.st_ino}"
    try:
        lines = Path("/proc/locks").read_text(encoding="ascii", errors="replace").splitlines()
    except OSError:
        return None
    for fields in map(str.split, lines):
        if "FLOCK" in fields and where in fields and fields[fields.index(where) - 1].isdigit():
            return int(fields[fields.index(where) - 1]) or None  # 0: a process outside this one's view
    return None


class Transaction:
    """Writes a set of files so that either all of them change or none does, even when the
    process is killed: see the module docstring. `recover()` finishes or undoes an earlier,
    interrupted transaction in the same output folder. Both only while the folder is held
    (`hold`)."""

    def __init__(self, output_dir: Path):
        self.output_dir = output_dir
        self.journal = output_dir / JOURNAL
        self.owner = f"{os.getpid()}-{secrets.token_hex(4)}"

    def temporary(self, path: Path) -> Path:
        return path.with_name(f".{path.name}.{self.owner}{TEMPORARY}")

    def recover(self) -> str | None:
        """Complete the renames of a transaction that was killed while renaming; remove the
        temporary files of builds killed before that (only those whose process has ended: a
        build in a folder inside this one may be writing its own). Returns what it did, for
        the user."""
        done = None
        try:
            if self.journal.is_file():
                renames = self._renames()
                for temporary, target in renames:
                    if temporary.exists():
                        os.replace(temporary, target)
                self.journal.unlink()
                done = f"een eerder afgebroken bouw is afgemaakt ({len(renames)} bestanden)"
            stray = [path for path in self.output_dir.rglob(f"*{TEMPORARY}")
                     if (owner := OWNED.search(path.name)) and not _running(int(owner.group(1)))]
            for path in stray:
                path.unlink()
        except OSError as err:
            raise write_error(err, self.journal) from None
        if stray and not done:
            done = f"{len(stray)} tijdelijke bestanden van een eerder afgebroken bouw opgeruimd"
        return done

    def _renames(self) -> list[tuple[Path, Path]]:
        """The renames the journal lists, a line each: the mark of the build that wrote it and a
        target in the output folder, whose temporary sibling it renames. A line uvpgen did not
        write (a path outside the folder, another file) is refused: recovery renames nothing
        that is not a temporary file of uvpgen's."""
        refused = dict(path=self.journal, expected="regels zoals uvpgen ze schrijft; verwijder het journaal als u het "
                                                   "niet vertrouwt (de afgebroken bouw wordt dan niet afgemaakt)")
        try:
            lines = self.journal.read_bytes().decode("utf-8").splitlines()
        except UnicodeDecodeError:
            raise InputError("journaal van een afgebroken bouw is geen UTF-8-tekst", **refused) from None
        renames = []
        for number, line in enumerate(lines, start=1):
            owner, _, name = line.partition("\t")
            target = PurePosixPath(name)
            if not (OWNER.fullmatch(owner) and name and not target.is_absolute() and ".." not in target.parts):
                raise InputError("regel in het journaal van een afgebroken bouw die uvpgen niet schreef", line=number,
                                 value=line, **refused)
            path = self.output_dir / target
            renames.append((path.with_name(f".{path.name}.{owner}{TEMPORARY}"), path))
        return renames

    def check_writable(self) -> None:
        """Stop now, not after the rendering, when the output folder cannot be written."""
        probe = self.temporary(self.journal)
        try:
            with open(probe, "xb"):
                pass
            probe.unlink()
        except OSError as err:
            raise write_error(err, self.output_dir) from None

    def write(self, files: dict[Path, bytes]) -> None:
        """The output folder may be a link (a share); below it, a link in a file's place or on its
        way is refused (paths.make_folders): the file would be written wherever it leads."""
        for path in files:
            if path.is_symlink():
                raise InputError("dit is een koppeling (symlink)", path=path,
                                 expected="een gewoon bestand in output/ (of nog niets)")
            if path.is_dir():
                raise InputError("het uitvoerpad is een map", path=path, expected="een bestand (of nog niets)")
        written: list[tuple[Path, Path]] = []
        try:
            for path, content in sorted(files.items()):
                make_folders(path.parent, self.output_dir)
                temporary = self.temporary(path)
                # O_EXCL: never another's file; O_NOFOLLOW: never through a link in its place
                descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644)
                written.append((temporary, path))
                with open(descriptor, "wb") as stream:
                    stream.write(content)
                    stream.flush()
                    os.fsync(stream.fileno())
                os.chmod(temporary, 0o644)
        except BaseException as err:
            self._discard(written, err)
        self._commit(written)

    def _discard(self, written: list[tuple[Path, Path]], err: BaseException) -> NoReturn:
        """Remove this transaction's temporary files, and raise what stopped it (an OSError as
        the input error it is)."""
        for temporary, _ in written:
            temporary.unlink(missing_ok=True)
        if isinstance(err, OSError):
            raise write_error(err, self.output_dir) from None
        raise err

    def _commit(self, written: list[tuple[Path, Path]]) -> None:
        """The renames, listed first in a journal; Ctrl-C and SIGTERM wait until they are done."""
        blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
        try:
            pending = self.temporary(self.journal)
            try:
                pending.write_text("".join(f"{self.owner}\t{relative(self.output_dir, path)}\n" for _, path in written),
                                   encoding="utf-8")
                os.replace(pending, self.journal)
            except OSError as err:
                pending.unlink(missing_ok=True)
                self._discard(written, err)
            for temporary, path in written:
                os.replace(temporary, path)
            self.journal.unlink()
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, blocked)


# --- the index of the HTML documents ------------------------------------------------------

def year_index(cycle: Cycle, output_dir: Path, made: set[Path]) -> dict[Path, bytes]:
    """output/<jaar>/index.html listing every HTML document of the year that output/ holds after
    this build (those on disk and those `made` now), by deelnemer and type."""
    from .render.html import IndexEntry, index_page

    jaar = cycle.data.jaar
    year = output_dir / str(jaar)
    names = {d.slug: d.naam for d in cycle.data.deelnemers} | {TWENTE: "Twente"}
    columns, entries = [], []
    for kind in TYPES:
        doc = cycle.data.documenten.get(kind.key)
        if doc is None:
            continue
        columns.append(doc.titel)
        for slug, naam in names.items():
            path = OutputKey(kind.key, jaar, slug, "html").path(output_dir)
            if path in made or path.is_file():
                entries.append(IndexEntry(naam, doc.titel, relative(year, path)))
    author = cycle.data.documenten["uvp"].organisatie
    return {year / INDEX: index_page(jaar, author, list(names.values()), columns, entries, cycle.paths.templates)}


# --- the build ------------------------------------------------------------------------------

@dataclass
class Options:
    root: Path
    output_dir: Path
    jaar: int | None
    selection: Selection
    jobs: int
    check: bool
    force: bool
    appendix: bool
    tracked_changes: bool = False


def run(options: Options) -> int:
    """Bring the selected output files up to date (or, with `check`, say whether they are), while
    no other build uses the output folder."""
    if options.output_dir.exists() and not options.output_dir.is_dir():
        raise InputError("--output is geen map", path=options.output_dir, field="--output",
                         expected="een map (die nog niet hoeft te bestaan)")
    with hold(options.output_dir, shared=options.check):
        return _build(options)


def _build(options: Options) -> int:
    reporter = Reporter(time.perf_counter())
    paths = ProjectPaths(options.root)
    output_dir = options.output_dir
    transaction = Transaction(output_dir)
    if not options.check:
        recovered = transaction.recover()
        if recovered:
            reporter.say(f"Eerst: {recovered}.")
    selection = options.selection
    manifest = Manifest.read(output_dir)
    if selection.formats is None:
        selection = dataclasses.replace(selection, formats=default_formats(manifest))
    every_year = options.jaar is None and selection.slugs is None and selection.kinds == tuple(TYPES)
    years = paths.years() if every_year else [options.jaar or paths.latest_year()]
    everything = options.force or options.appendix or options.tracked_changes
    if not everything and all(
            quick_check(options.root, output_dir, manifest, jaar, _makeable(paths, jaar, selection)) for jaar in years):
        reporter.say("output/ is bij: de bronnen zijn niet veranderd sinds de laatste volledige bouw en geen "
                     f"bestand is aangepast ({reporter.elapsed()}).")
        return 0
    if not options.check:
        transaction.check_writable()  # now, not after composing and rendering
    if options.jobs > 1 and not options.tracked_changes:  # the DOCX with tracked changes is made here
        start_workers(selection.formats)
    return max(build_year(options, reporter, transaction, jaar, selection, len(years) > 1, jaar == years[-1])
               for jaar in years)


def _makeable(paths: ProjectPaths, jaar: int, selection: Selection) -> Selection:
    """Without a choice of document: the types the year has the data for (a new year's reports
    wait for their exports)."""
    if selection.kinds != tuple(TYPES):
        return selection
    return dataclasses.replace(selection, kinds=tuple(k for k in TYPES if paths.can_make(k, jaar)))


def build_year(options: Options, reporter: Reporter, transaction: Transaction, jaar: int, selection: Selection,
               several: bool, last: bool) -> int:
    """One year of the build. Of `several` years each is composed and checked in full (the
    manifest's record of a checked cycle holds for all years, and is written with the `last`)."""
    paths = ProjectPaths(options.root)
    output_dir = options.output_dir
    manifest = Manifest.read(output_dir)
    cycle = Cycle(paths, jaar)
    if selection.slugs:
        for slug in selection.slugs:
            if slug != TWENTE:
                cycle.data.deelnemer(slug)
    sources = current_sources(options.root)
    checked = not several and manifest.checked == sources_digest(sources)  # the whole cycle, for exactly these sources
    reporter.say(f"Samenstellen: {', '.join(k.label for k in selection.kinds)} "
                 f"{'voor ' + ', '.join(selection.slugs) if selection.slugs else 'voor alle deelnemers en Twente'} ...")
    documents = compose_selection(cycle, selection) if checked else compose_cycle(cycle, reporter)
    missing = [k.label for k in selection.kinds if k.key not in documents]
    if missing and selection.kinds == tuple(TYPES):  # no choice made: what cannot be made yet waits for its exports
        reporter.say(f"Nog niet gemaakt: {', '.join(missing)} {jaar}, tot de exports in "
                     f"{display_path(paths.data / str(jaar) / 'realisatie')}/ staan.")
        selection = dataclasses.replace(selection, kinds=tuple(k for k in selection.kinds if k.key in documents))
    elif missing:
        raise InputError(f"nog geen gegevens voor {', '.join(missing)}", path=paths.data / str(jaar) / "realisatie",
                         expected="de exports van die periode in data/<jaar>/realisatie/")
    if options.tracked_changes:
        return _write_tracked_changes(cycle, documents, selection, output_dir, options.root, transaction, reporter)
    all_jobs = plan(cycle, documents, output_dir, FORMATS + tuple(f for f in selection.formats if f not in FORMATS),
                    manifest, False)
    chosen = [job for job in plan(cycle, {k.key: documents[k.key] for k in selection.kinds}, output_dir,
                                  selection.formats, manifest, options.force)
              if selection.slugs is None or job.document.slug in selection.slugs]
    if options.appendix:
        chosen = _with_appendices(cycle, documents, selection, output_dir, options.root)
    index = year_index(cycle, output_dir, {job.path for job in chosen if job.fmt == "html"}) \
        if "html" in selection.formats else {}
    if options.check:
        return check(chosen, paths, options.jobs, reporter, output_dir, index)
    for warning in sorted({w for per_slug in documents.values() for d in per_slug.values() for w in d.warnings
                           if selection.slugs is None or d.slug in selection.slugs}):
        print(f"waarschuwing: {warning}", file=sys.stderr)
    layouts = LayoutCache.read(output_dir)
    files = _render(chosen, paths, options.jobs, reporter, output_dir, layouts)
    for path, content in index.items():  # the index with the documents, in the same transaction
        manifest.files[relative(output_dir, path)] = (bytes_digest(content), bytes_digest(content))
        if output_digest(output_dir, path) != bytes_digest(content):
            files[path] = content
    stale = _not_current(manifest, all_jobs, chosen, output_dir, checked, cycle)
    sources_changed = sorted(p for p in set(sources) | set(manifest.sources)
                             if sources.get(p) != manifest.sources.get(p)) if manifest.sources else []
    recorded = manifest.text()
    manifest.files.update({relative(output_dir, job.path): (job.fingerprint, bytes_digest(files[job.path])
                                                            if job.path in files else output_digest(output_dir, job.path))
                           for job in chosen if job.fingerprint != "-"})
    if last:
        manifest.sources, manifest.checked, manifest.stale = sources, sources_digest(sources), stale
    if manifest.text() != recorded:
        files[output_dir / MANIFEST] = manifest.text().encode("utf-8")
    if layouts.changed:
        files[output_dir / LAYOUTS] = layouts.text().encode("utf-8")
    transaction.write(files)
    _report(reporter, chosen, [p for p in files if p.name not in (MANIFEST, LAYOUTS)],
            sorted({s.stem for s in stale.values() if s.reason not in (Reason.NEW, Reason.NOT_RECORDED)}),
            sources_changed, documents, output_dir, jaar)
    return 0


def _not_current(manifest: Manifest, planned: list[Job], made: list[Job], output_dir: Path, checked: bool,
                 cycle: Cycle) -> dict[str, Stale]:
    """Every output file that is not current after this build, with its document and why: those
    `planned` and not `made`, and, where only the selection was composed (`checked`), those the
    manifest knew were not current and those edited or deleted by hand since."""
    stale = dict(manifest.stale) if checked else {}
    if checked:
        owners = _documents_by_file(cycle, output_dir)
        stale |= {path: Stale(owners[path], Reason.MISSING if not (output_dir / path).exists() else Reason.EDITED)
                  for path in manifest.intact(output_dir, manifest.files) if path in owners}
    stale |= {relative(output_dir, job.path): Stale(job.document.stem, job.reason) for job in planned}
    for job in made:
        stale.pop(relative(output_dir, job.path), None)
    return stale


def _documents_by_file(cycle: Cycle, output_dir: Path) -> dict[str, str]:
    """Every file a document of the year can have in output/, by its path: the document's stem."""
    slugs = [d.slug for d in cycle.data.deelnemers] + [TWENTE]
    keys = [OutputKey(kind.key, cycle.data.jaar, slug, fmt) for kind in TYPES for slug in slugs for fmt in ALL_FORMATS]
    return {relative(output_dir, key.path(output_dir)): key.stem for key in keys}


def _with_appendices(cycle: Cycle, documents: dict[str, dict[str, Document]], selection: Selection,
                     output_dir: Path, root: Path) -> list[Job]:
    """--document-appendix: the selected documents with their change appendix, always rendered
    (the appendix is not part of the fingerprinted document)."""
    jobs = []
    for kind in selection.kinds:
        previous = cycle.data.documenten[kind.key].vorige_versie
        for slug, document in documents[kind.key].items():
            if selection.slugs is None or slug in selection.slugs:
                extended = with_change_appendix(root, document, output_dir, cycle.data.jaar, previous)
                for fmt in selection.formats:
                    jobs.append(Job(extended, fmt, extended.key(fmt).path(output_dir), "-", Reason.APPENDIX))
    return jobs


def _render(jobs: list[Job], paths: ProjectPaths, workers: int, reporter: Reporter, output_dir: Path,
            layouts: LayoutCache) -> dict[Path, bytes]:
    """Render the jobs, grouped per document; returns the files whose bytes changed. A DOCX
    without its PDF takes the heading pages of an earlier layout of the same PDF (`layouts`)."""
    per_document: dict[str, list[Job]] = {}
    for job in jobs:
        per_document.setdefault(job.document.stem, []).append(job)
    work = [Work(document.stem, document.tree, tuple(j.fmt for j in group),
                 layouts.get(document.stem, group[0].layout) if group[0].layout else None)
            for group in per_document.values() for document in [group[0].document]]
    if work:
        reporter.say(f"{len(work)} document(en) maken, {min(workers, len(work))} tegelijk ...")

    def progress(done: int, stem: str, elapsed: float) -> None:
        formats = ", ".join(j.fmt for j in per_document[stem])
        reporter.say(f"[{done:>2}/{len(work)}] {stem:<36} {formats:<22} {seconds(elapsed):>8}   "
                     f"(totaal {reporter.elapsed()})")

    rendered = render_all(work, paths, workers, progress)
    files = {}
    for job in jobs:
        content, pages = rendered[job.document.stem]
        if pages is not None and job.layout:
            layouts.put(job.document.stem, job.layout, pages)
        if output_digest(output_dir, job.path) != bytes_digest(content[job.fmt]):
            files[job.path] = content[job.fmt]
    return files


def _report(reporter: Reporter, chosen: list[Job], written: Iterable[Path], stale: list[str], sources: list[str],
            documents: dict[str, dict[str, Document]], output_dir: Path, jaar: int) -> None:
    """What was made and why, and the other documents that are not current (`stale`, by stem)."""
    total = sum(len(per_slug) for per_slug in documents.values())
    made = sorted({j.document.stem: j for j in chosen}.values(), key=lambda j: j.document.stem)
    if not chosen:
        reporter.say(f"Alles wat u vroeg was al bij ({total} documenten bekeken, {reporter.elapsed()}).")
    else:
        if sources:
            shown = ", ".join(sources[:8]) + (f" en nog {len(sources) - 8}" if len(sources) > 8 else "")
            reporter.say(f"Gewijzigde bronnen: {shown}.")
        reporter.say(f"Opnieuw gemaakt: {len(made)} document(en):")
        for job in made:
            formats = ", ".join(j.fmt for j in chosen if j.document.stem == job.document.stem)
            reporter.say(f"  {job.document.stem} ({formats}): {job.reason}")
        if len(chosen) <= 8:
            for path in sorted(written):
                reporter.say(f"geschreven: {display_path(path)}")
        reporter.say(f"Klaar in {reporter.elapsed()}. De bestanden staan in {display_path(output_dir / str(jaar))}/.")
    if stale:
        reporter.say(f"Let op: {len(stale)} ander(e) document(en) zijn niet meer bij: "
                     f"{', '.join(stale[:10])}"
                     + (f" en nog {len(stale) - 10}" if len(stale) > 10 else "")
                     + ". Werk alles bij met: python build.py")


def check(jobs: list[Job], paths: ProjectPaths, workers: int, reporter: Reporter, output_dir: Path,
          also: dict[Path, bytes] | None = None) -> int:
    """--check: render what the fingerprints do not vouch for and compare bytes (and the files in
    `also`, made already: the index of the HTML documents); write nothing."""
    stale = [path for path, content in (also or {}).items() if output_digest(output_dir, path) != bytes_digest(content)]
    if jobs:
        reporter.say(f"{len(jobs)} bestand(en) zonder geldige vingerafdruk: opnieuw maken en vergelijken ...")
        files = _render(jobs, paths, workers, reporter, output_dir, LayoutCache.read(output_dir))
        stale += [job.path for job in jobs if job.path in files]
    if not stale:
        reporter.say(f"output/ is bij: alle bestanden zijn precies wat de bronnen opleveren ({reporter.elapsed()}).")
        return 0
    print(f"output/ is niet bij: {len(stale)} bestand(en) wijken af van wat de bronnen opleveren. Maak ze opnieuw "
          "(python build.py) en commit ze:", file=sys.stderr)
    for path in stale:
        print(f"  {'ontbreekt' if not path.is_file() else 'verouderd'}: {display_path(path)}", file=sys.stderr)
    return 3

"""Benchmark: uvpgen's builds side by side with the anchors the issues name, as ratios.

Not a test (timing tests are flaky): run it by hand on a quiet machine and copy the table into
the README.
    .venv/bin/python tools/benchmark.py [--repeat 3]
It works in a temporary copy of the project (with the committed, current output/), so the
repository is not touched. Anchors: raw WeasyPrint (its command line, on uvpgen's own HTML,
PDF/UA-1) and pandoc (from PyPI's pypandoc_binary, `pip install -e '.[benchmark]'`) on the same
canonical Markdown, each measured in turns with uvpgen. Every figure is the median of --repeat
runs of a whole process; memory is the peak resident size of the largest process of the run
(the build or one of its workers). The runs cache compiled Python modules, as Python does by
default (a PYTHONDONTWRITEBYTECODE in the environment is left out), so uvpgen's own modules are
compiled once, like the installed libraries it is compared with.

The live preview is measured as a writer sees it: `uvpgen preview --gemeente enschede` open in
headless Chromium (Debian's chromium and chromium-driver, with selenium), a sentence saved into a
content file, and the time until that sentence is in the page's DOM (a MutationObserver in the
page notes the moment), next to a full `--format pdf` build of the same document. Without
Chromium it measures until the server's state (/_uvpgen/stand) has the new text, and says so.
"""

from __future__ import annotations

import argparse
import ctypes
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))

import headless  # noqa: E402 - the browser the tests use

UVP = Path("output/2025/enschede/uvp-2025-enschede")


def measure(command: list[str], cwd: Path) -> None:
    """Child mode: run `command` once and print its seconds and the peak memory of the largest of
    all its processes. This process becomes the subreaper of the command's process tree, so the
    processes the command leaves to exit after it (multiprocessing's forkserver, whose children
    the workers are) are waited for here and their peaks counted too."""
    ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER (Linux)
    start = time.perf_counter()
    environment = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}  # Python's default
    with tempfile.TemporaryFile() as errors:  # not a pipe: the forkserver, which inherits it, exits later
        run = subprocess.run(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=errors, env=environment)
        seconds = time.perf_counter() - start
        if run.returncode != 0:
            errors.seek(0)
            sys.exit(f"{' '.join(command)}: exitcode {run.returncode}\n{errors.read().decode(errors='replace')[-3000:]}")
    while True:
        try:
            os.wait()
        except ChildProcessError:
            break
    print(seconds, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)


def _once(command: list[str], cwd: Path) -> tuple[float, float]:
    result = subprocess.run([sys.executable, __file__, "--measure", str(cwd), *command], capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(result.stderr)
    seconds, memory = map(float, result.stdout.split())
    return seconds, memory


def _summary(runs: list[tuple[float, float]]) -> tuple[float, float]:
    return statistics.median(s for s, _ in runs), max(m for _, m in runs)


def timed(command: list[str], cwd: Path, repeat: int, before=None) -> tuple[float, float]:
    """Median seconds and peak MiB over `repeat` runs, each in a fresh measuring process."""
    runs = []
    for _ in range(repeat):
        if before:
            before()
        runs.append(_once(command, cwd))
    return _summary(runs)


def side_by_side(anchor: list[str], ours: list[str], cwd: Path, repeat: int) -> tuple[tuple[float, float], ...]:
    """`timed` for an anchor and uvpgen, run in turns, so that a machine that gets busier or
    quieter during the benchmark weighs on both alike."""
    runs: tuple[list, list] = ([], [])
    for _ in range(repeat):
        for measured, command in zip(runs, (anchor, ours)):
            measured.append(_once(command, cwd))
    return tuple(_summary(measured) for measured in runs)


def project_copy(folder: Path) -> Path:
    for name in ("data", "content", "templates", "src", "output"):
        shutil.copytree(ROOT / name, folder / name)
    shutil.copy(ROOT / "build.py", folder / "build.py")
    return folder


def uvpgen_html(project: Path) -> Path:
    """uvpgen's own HTML of the Enschede UVP as uvpgen hands it to WeasyPrint (with the house
    font's @font-face rules), next to the stylesheet and fonts it links, for WeasyPrint's CLI."""
    from uvpgen.build import compose_cycle
    from uvpgen.documents import Cycle, ProjectPaths
    from uvpgen.render.html import to_html
    from uvpgen.render.style import house_style

    cycle = Cycle(ProjectPaths(project), 2025)
    document = compose_cycle(cycle)["uvp"]["enschede"]
    html = to_html(document.tree, house_style(project / "templates").css(lambda name: f"fonts/{name}"))
    path = project / "templates" / "uvp-2025-enschede.html"
    path.write_text(html, encoding="utf-8")
    return path


def _stand(url: str) -> dict:
    with urllib.request.urlopen(url + "_uvpgen/stand", timeout=10) as answer:
        return json.load(answer)


# Notes the wall-clock moment the marker text is first in the page's main text.
OBSERVE = """
window.gezien = null;
const tekst = document.getElementById('tekst');
new MutationObserver(() => {
  if (window.gezien === null && tekst.textContent.includes(arguments[0])) {
    window.gezien = performance.timeOrigin + performance.now();
  }
}).observe(tekst, {childList: true, subtree: true, characterData: true});
"""


def preview_refresh(project: Path, repeat: int) -> tuple[list[float], str]:
    """Seconds from saving a sentence into content/2025/uvp/vergunningen.md to that sentence in the
    DOM of the open preview of Enschede's UVP, `repeat` times; and how it was measured."""
    process = subprocess.Popen([sys.executable, "build.py", "preview", "--gemeente", "enschede", "--geen-browser"],
                               cwd=project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    browser = None
    try:
        first = process.stdout.readline()
        url = first[first.index("http://"):].strip()
        threading.Thread(target=lambda: [None for _ in process.stdout], daemon=True).start()  # drain the log
        headless.poll(lambda: "klopt" in _stand(url)["status"], 60)
        browser = None if headless.missing(axe=False) else headless.chromium(Path(tempfile.mkdtemp(dir=project)))
        if browser is not None:
            browser.get(url)
        content = project / "content/2025/uvp/vergunningen.md"
        original = content.read_text(encoding="utf-8")
        times = []
        for run in range(repeat):
            marker = f"Meting {run} van de voorbeeldpagina."
            if browser is not None:
                browser.execute_script(OBSERVE, marker)
            saved = time.time()
            content.write_text(original.replace("De capaciteit die", f"{marker} De capaciteit die", 1), encoding="utf-8")
            if browser is not None:
                at = headless.poll(lambda: browser.execute_script("return window.gezien"), 60) / 1000
            else:
                headless.poll(lambda: marker in _stand(url)["tekst"], 60)
                at = time.time()
            times.append(at - saved)
            headless.poll(lambda: "klopt" in _stand(url)["status"], 60)  # the check of the whole cycle after it is done
            time.sleep(0.5)
        content.write_text(original, encoding="utf-8")
        return times, "DOM in Chromium" if browser is not None else "zonder Chromium: tot in /_uvpgen/stand"
    finally:
        if browser is not None:
            browser.quit()
        process.terminate()  # SIGTERM: SIGINT is ignored when the benchmark itself runs in the background
        process.wait(timeout=15)


def main() -> None:
    if sys.argv[1:2] == ["--measure"]:
        return measure(sys.argv[3:], Path(sys.argv[2]))
    cli = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    cli.add_argument("--repeat", type=int, default=3)
    cli.add_argument("--alleen", choices=("pdf", "docx"), help="alleen deze vergelijking met haar anker")
    args = cli.parse_args()
    repeat, only = args.repeat, args.alleen
    python = sys.executable
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"{platform.system()}; median of {repeat}")
    rows = []
    with tempfile.TemporaryDirectory() as temporary:
        project = project_copy(Path(temporary))
        build = [python, "build.py"]
        if only is None:
            full_uvp, memory = timed([*build, "--gemeente", "enschede", "--volledig", "--output", str(project / "bench")],
                                     project, repeat)
            rows.append(("één UVP, alles opnieuw (--volledig, 4 formaten)", full_uvp, memory, "", None))
            for label, args in (("niets veranderd: --gemeente enschede", ["--gemeente", "enschede"]),
                                ("niets veranderd: alles (python build.py)", []),
                                ("--check over alle 64 documenten, niets veranderd", ["--check"])):
                seconds, memory = timed([*build, *args], project, repeat)
                rows.append((label, seconds, memory, "× één UVP volledig", seconds / full_uvp))

            prognose = project / "data/2025/prognose/enschede.csv"
            original = prognose.read_text(encoding="utf-8")
            changed = iter(range(471, 471 + repeat))

            def change() -> None:
                prognose.write_text(original.replace("A1.35.03;470;", f"A1.35.03;{next(changed)};"), encoding="utf-8")
            seconds, memory = timed(build, project, repeat, before=change)
            result = subprocess.run([*build], cwd=project, capture_output=True, text=True)
            check = subprocess.run([*build, "--check"], cwd=project, capture_output=True, text=True)
            rows.append(("na één wijziging in prognose/enschede.csv: python build.py", seconds, memory,
                         "× één UVP volledig", seconds / full_uvp))
            print(f"  (daarna: --check exitcode {check.returncode}; {result.stdout.strip().splitlines()[-1]})")

        if only in (None, "pdf"):
            html = uvpgen_html(project)
            weasyprint = shutil.which("weasyprint", path=str(Path(python).parent))
            (raw_pdf, _), (our_pdf, memory) = side_by_side(
                [weasyprint, "--pdf-variant", "pdf/ua-1", "--pdf-tags", str(html), str(project / "bench.pdf")],
                [*build, "--gemeente", "enschede", "--format", "pdf", "--volledig", "--output", str(project / "bench")],
                project, repeat)
            rows.append(("WeasyPrint 70 CLI, uvpgen's HTML → PDF/UA-1 (anker)", raw_pdf, 0, "", None))
            rows.append(("uvpgen, UVP Enschede, alleen getagde PDF", our_pdf, memory, "× WeasyPrint", our_pdf / raw_pdf))
            refreshes, how = preview_refresh(project, max(repeat, 5))
            refresh = statistics.median(refreshes)
            rows.append((f"preview: opslaan → nieuwe tekst ({how})", refresh, 0, "× alleen getagde PDF",
                         refresh / our_pdf))
            print(f"  (preview, {len(refreshes)} keer opgeslagen: " + ", ".join(f"{t:.2f}" for t in refreshes)
                  .replace(".", ",") + " s)")
        if only in (None, "docx"):
            try:
                import pypandoc
                pandoc = pypandoc.get_pandoc_path()
            except (ImportError, OSError):
                pandoc = None
            ours = [*build, "--gemeente", "enschede", "--format", "docx", "--volledig", "--output", str(project / "bench")]
            if pandoc:
                (raw_docx, _), (our_docx, memory) = side_by_side(
                    [pandoc, str(project / f"{UVP}.md"), "-o", str(project / "bench.docx")], ours, project, repeat)
                rows.append(("pandoc, canonieke .md → .docx (anker)", raw_docx, 0, "", None))
            else:
                our_docx, memory = timed(ours, project, repeat)
            rows.append(("uvpgen, UVP Enschede, alleen DOCX", our_docx, memory, "× pandoc" if pandoc else "",
                         our_docx / raw_docx if pandoc else None))
    print(f"{'wat':<62} {'tijd':>8} {'piekgeheugen':>13}   verhouding")
    for label, seconds, memory, against, ratio in rows:
        shown = f"{ratio:.2f}".replace(".", ",") + f" {against}" if ratio is not None else ""
        print(f"{label:<62} {f'{seconds:.2f}'.replace('.', ','):>6} s {memory:>9.0f} MiB   {shown}")  # decimal comma in figures only


if __name__ == "__main__":
    main()

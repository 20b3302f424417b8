"""The live preview (`uvpgen preview`), started as a writer starts it and opened in Chromium: it
shows the document; a saved change appears in the open page by itself, and the reader keeps their
place; an input error appears in the page with file, line, field and value, and goes when the
file is fixed (also one elsewhere in the cycle, which would stop the build); axe-core finds no
WCAG 2.1 AA violation; it answers only to its own address, writes nothing, and Ctrl-C stops it."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from conftest import ROOT, build
from headless import axe_violations, csp_violations, poll
from uvpgen.cli import main
from uvpgen.documents import BY_KEY
from uvpgen.preview import PREVIEW_POLICY, Hub, Preview, State

START = f"import sys; sys.path.insert(0, {str(ROOT / 'src')!r}); from uvpgen.cli import main; sys.exit(main())"
PATIENCE = 15  # seconds: far above what a refresh takes (the benchmark measures that), for a busy CI machine


@dataclass
class Running:
    project: Path
    process: subprocess.Popen
    lines: list[str] = field(default_factory=list)
    url: str = ""

    def state(self) -> dict:
        with urllib.request.urlopen(self.url + "_uvpgen/stand", timeout=5) as answer:
            return json.load(answer)


def until(condition, what: str, timeout: float = PATIENCE):
    """Poll `condition` until it gives something true; its value."""
    try:
        return poll(condition, timeout, every=0.05)
    except TimeoutError:
        pytest.fail(f"na {timeout} s nog niet: {what}")


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    """`uvpgen preview --gemeente enschede` on a writable copy of the sources."""
    project = tmp_path_factory.mktemp("voorbeeld")
    for name in ("data", "content", "templates"):
        subprocess.run(["cp", "-r", str(ROOT / name), str(project / name)], check=True)
    process = subprocess.Popen([sys.executable, "-c", START, "preview", "--gemeente", "enschede", "--geen-browser"],
                               cwd=project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    running = Running(project, process)
    threading.Thread(target=lambda: running.lines.extend(iter(process.stdout.readline, "")), daemon=True).start()
    first = until(lambda: running.lines[:1], "het adres van het voorbeeld")[0]
    running.url = first[first.index("http://"):].strip()
    until(lambda: running.state()["tekstversie"] >= 1, "het document samengesteld")
    yield running
    if process.poll() is None:
        process.kill()
        process.wait()


def edit(project: Path, path: str, old: str, new: str) -> str:
    """Save a changed file, as an editor does; the original text, to put back."""
    target = project / path
    text = target.read_text(encoding="utf-8")
    assert old in text
    target.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text


def alert(browser) -> str:
    return browser.execute_script("return document.getElementById('voorbeeld-fout').innerText")


def test_the_page_shows_the_document(preview, browser):
    assert preview.url.startswith("http://127.0.0.1:")
    browser.get(preview.url)
    assert browser.title == "Voorbeeld: Uitvoeringsprogramma VTHA 2025 gemeente Enschede"
    headings = browser.execute_script("return [...document.querySelectorAll('main h1')].map(h => h.textContent)")
    assert headings[:2] == ["1 Inleiding", "2 Terugblik en ontwikkelingen"]
    captions = browser.execute_script("return [...document.querySelectorAll('main table > caption')]"
                                      ".map(c => c.textContent)")
    assert captions[0].startswith("Tabel 1 ") and len(captions) > 10
    links = browser.execute_script("return [...document.querySelectorAll('nav.inhoud a')].map(a => a.hash)")
    assert "#h-4-1-programma-vergunningen" in links
    assert axe_violations(browser) == []


def test_a_saved_change_appears_in_place(preview, browser):
    browser.get(preview.url)
    heading = "h-4-1-programma-vergunningen"
    browser.execute_script(f"window.dezelfde = true; document.getElementById('{heading}').scrollIntoView();"
                           "window.scrollBy(0, -120);")
    where = f"return document.getElementById('{heading}').getBoundingClientRect().top"
    before = browser.execute_script(where)
    original = edit(preview.project, "content/2025/uvp/vergunningen.md", "De capaciteit die",
                    "Een zin die de schrijver net toevoegde. De capaciteit die")
    try:
        until(lambda: browser.execute_script(
            "return document.getElementById('tekst').textContent.includes('Een zin die de schrijver net toevoegde')"),
            "de gewijzigde zin in de pagina")
        assert browser.execute_script("return window.dezelfde === true"), "the page was loaded again"
        assert abs(browser.execute_script(where) - before) < 2, "the reader lost their place"
        assert browser.execute_script("return document.querySelector('.voorbeeld-gewijzigd').textContent"
                                      ".startsWith('Een zin die de schrijver')")
    finally:
        (preview.project / "content/2025/uvp/vergunningen.md").write_text(original, encoding="utf-8")
    until(lambda: not browser.execute_script(
        "return document.getElementById('tekst').textContent.includes('Een zin die de schrijver')"), "de oude tekst")
    assert csp_violations(browser) == []  # its script, font, pictures and event stream are all the policy allows


def test_the_page_is_served_with_its_content_security_policy(preview):
    with urllib.request.urlopen(preview.url, timeout=5) as answer:
        assert answer.headers["Content-Security-Policy"] == PREVIEW_POLICY + "; frame-ancestors 'none'"
        assert f'content="{PREVIEW_POLICY}"' in answer.read().decode("utf-8")


def test_an_input_error_shows_in_the_page_until_it_is_fixed(preview, browser):
    browser.get(preview.url)
    assert alert(browser) == ""
    # A {{ }} typo in a text: the page keeps the last version that worked, with the error above it.
    original = edit(preview.project, "content/2025/uvp/vergunningen.md", "De capaciteit die",
                    "De {{ deelnemer.nam }} capaciteit die")
    try:
        shown = until(lambda: alert(browser), "de fout in de pagina")
        assert "Fout in de invoer" in shown and "onbekende verwijzing 'deelnemer.nam'" in shown
        assert "content/2025/uvp/vergunningen.md" in shown and "Regel" in shown
        assert browser.execute_script("return document.getElementById('voorbeeld-fout').getAttribute('role')") == "alert"
        assert browser.execute_script("return document.querySelector('main h1').textContent") == "1 Inleiding"
        assert axe_violations(browser, within=".voorbeeld") == []  # the text below it was checked already
    finally:
        (preview.project / "content/2025/uvp/vergunningen.md").write_text(original, encoding="utf-8")
    until(lambda: alert(browser) == "", "de fout weg na het herstel")

    # A bad row in a CSV file in data/: file, row, field and value.
    original = edit(preview.project, "data/2025/prognose/enschede.csv", "A1.35.03;470;", "A1.35.99;470;")
    try:
        shown = until(lambda: alert(browser), "de fout in de CSV in de pagina")
        assert "data/2025/prognose/enschede.csv" in shown and "Rij" in shown and "code" in shown
        assert "'A1.35.99'" in shown
    finally:
        (preview.project / "data/2025/prognose/enschede.csv").write_text(original, encoding="utf-8")
    until(lambda: alert(browser) == "", "de fout weg na het herstel van de CSV")

    # An error in another deelnemer's text: this document is fine, but the build would stop.
    original = edit(preview.project, "content/2025/borne/uvp/handhaving-toelichting.md", "Daarnaast voert",
                    "{{ onbekend }} Daarnaast voert")
    try:
        shown = until(lambda: alert(browser), "de fout elders in de cyclus")
        assert "de bouw zou stoppen" in shown and "content/2025/borne/uvp/handhaving-toelichting.md" in shown
    finally:
        (preview.project / "content/2025/borne/uvp/handhaving-toelichting.md").write_text(original, encoding="utf-8")
    until(lambda: alert(browser) == "", "de fout elders weg na het herstel")


def test_it_answers_only_its_own_address_and_writes_nothing(preview):
    request = urllib.request.Request(preview.url, headers={"Host": "voorbeeld.example:80"})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=5)
    assert refused.value.code == 403
    with pytest.raises(urllib.error.HTTPError) as missing:
        urllib.request.urlopen(preview.url + "_uvpgen/lettertype/..%2F..%2Fdata%2Fdeelnemers.yaml", timeout=5)
    assert missing.value.code == 404
    assert not (preview.project / "output").exists()


def test_a_build_runs_beside_it(preview):
    """Issue 25: the preview holds no lock on output/ and writes nothing there, so a build of the
    same project runs while it runs, and it keeps answering meanwhile."""
    output, building, answers = preview.project / "output", threading.Event(), []

    def ask() -> None:  # the build runs in this process's main thread (it sets signal handlers)
        while not building.wait(0.1):
            answers.append(preview.state()["tekstversie"])
    asking = threading.Thread(target=ask)
    asking.start()
    try:
        assert build(preview.project, output, "--gemeente", "enschede", "--format", "md") == 0
        assert (output / "2025/enschede/uvp-2025-enschede.md").is_file()
    finally:
        building.set()
        asking.join()
        shutil.rmtree(output, ignore_errors=True)  # the tests after this one check that the preview writes nothing
    assert len(answers) > 1 and min(answers) >= 1


def test_a_mistyped_gemeente_stops_the_command(capsys):
    assert main(["preview", "--gemeente", "enschde", "--geen-browser"], root=ROOT) == 2
    captured = capsys.readouterr()
    assert "onbekende deelnemer 'enschde'. Bedoelde u 'enschede'?" in captured.err
    assert "http://" not in captured.out


def test_a_picture_saved_again_gets_a_new_address(tmp_path):
    picture = tmp_path / "content/afbeeldingen/kaart.svg"
    picture.parent.mkdir(parents=True)
    picture.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>')
    preview = Preview(tmp_path, 2025, BY_KEY["uvp"], "enschede", Hub(State(version=0, text=0)))
    before = preview._picture("afbeeldingen/kaart.svg")
    assert before.startswith("/_uvpgen/afbeelding/afbeeldingen/kaart.svg?v=")
    os.utime(picture, ns=(1, 1))
    assert preview._picture("afbeeldingen/kaart.svg") not in (before, "/_uvpgen/afbeelding/afbeeldingen/kaart.svg?v=0")


def test_ctrl_c_stops_it_cleanly(preview):
    preview.process.send_signal(signal.SIGINT)
    assert preview.process.wait(timeout=10) == 0
    until(lambda: any("Voorbeeld gestopt." in line for line in preview.lines), "de laatste regel")
    assert not any("Traceback" in line for line in preview.lines), "".join(preview.lines)
    assert not (preview.project / "output").exists()

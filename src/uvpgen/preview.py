"""Live preview: `uvpgen preview --gemeente enschede` shows one document as a web page that
follows its sources as they are saved.

A local server (127.0.0.1 only; the standard library's ThreadingHTTPServer) serves the screen
variant of the document's HTML (uvpgen.render.html) with a small script that listens for
Server-Sent Events. A watcher thread polls the modification times under content/, data/ and
templates/ every 200 ms. After a save it composes the one document again (loading data/ again
only when something in data/ changed) and pushes the new table of contents and text to every
open page, which patches them in place and keeps the reader at the heading they were reading.
Then it checks the whole cycle as every build does (compose_cycle: all documents of the year,
checked together), so a writer also sees what would stop `python build.py`.

An input error (a `{{ }}` typo, a bad CSV row) is shown in the page (role="alert") with its file,
line, field and value, above the last version that worked; the save that fixes it brings the
document back. The preview reads the sources and never writes a file.
"""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import hashlib
import html
import json
import os
import sys
import threading
import time
import traceback
import webbrowser
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from .document import Meta
from .documents import TWENTE, Cycle, Document, DocumentType, ProjectPaths
from .errors import ConsistencyError, InputError, shown
from .limits import MAX_SOURCE_BYTES, read_bytes

WATCHED = ("content", "data", "templates")
POLL = 0.2  # seconds between two looks at the modification times
HOST = "127.0.0.1"
PREFIX = "/_uvpgen/"


# --- what changed -----------------------------------------------------------------------------

def scan(root: Path) -> dict[str, tuple[int, int, int]]:
    """Every source file under the watched folders with its modification time, size and inode (an
    editor that saves by renaming a new file over the old one changes the inode)."""
    found = {}
    for folder in WATCHED:
        for path in (root / folder).rglob("*"):
            if path.name.startswith((".", "~$")):  # hidden files, Excel's lock files
                continue
            try:
                stat = path.stat()
            except OSError:  # removed while we looked
                continue
            if path.is_file():
                found[path.relative_to(root).as_posix()] = (stat.st_mtime_ns, stat.st_size, stat.st_ino)
    return found


def changed(before: dict[str, tuple], after: dict[str, tuple]) -> list[str]:
    return sorted(path for path in set(before) | set(after) if before.get(path) != after.get(path))


# --- the state the pages show -------------------------------------------------------------------

@dataclass(frozen=True)
class State:
    """What every open page shows now. `text` is the version of the document's text (title, table
    of contents, body, stylesheet): a page replaces its text only when that changed."""
    version: int
    text: int
    title: str = ""
    toc: str = "<ol></ol>"
    body: str = ""
    css: str = ""
    error: str = ""  # the alert: an input error (the text is the last that worked) or a cycle error
    notes: str = ""  # warnings about this document's text
    status: str = ""

    def json(self) -> str:
        return json.dumps({"versie": self.version, "tekstversie": self.text, "titel": self.title,
                           "inhoud": self.toc, "tekst": self.body, "stijl": self.css, "fout": self.error,
                           "meldingen": self.notes, "status": self.status}, ensure_ascii=False)


class Hub:
    """The latest state, and the pages (event streams) waiting for a newer one."""

    def __init__(self, state: State):
        self._state = state
        self._changed = threading.Condition()
        self.closed = False

    @property
    def state(self) -> State:
        return self._state

    def publish(self, **changes) -> State:
        with self._changed:
            self._state = dataclasses.replace(self._state, **changes, version=self._state.version + 1,
                                              text=self._state.text + ("body" in changes))
            self._changed.notify_all()
            return self._state

    def wait(self, seen: int, timeout: float) -> State | None:
        """The state once it is newer than version `seen` (None after `timeout`, or when closed)."""
        with self._changed:
            self._changed.wait_for(lambda: self.closed or self._state.version != seen, timeout)
            return None if self.closed or self._state.version == seen else self._state

    def close(self) -> None:
        with self._changed:
            self.closed = True
            self._changed.notify_all()


# --- the document, composed again after each change ---------------------------------------------

class _Superseded(Exception):
    """A newer save arrived while the whole cycle was being checked: check again after it."""


@dataclass
class Preview:
    """Composes the chosen document whenever its sources change and publishes it to the hub."""
    root: Path
    jaar: int | None
    kind: DocumentType
    slug: str
    hub: Hub
    say: Callable[[str], None] = lambda text: print(text, flush=True)
    cycle: Cycle | None = None
    snapshot: dict[str, tuple] = field(default_factory=dict)
    last: Document | None = None  # the last version that worked
    page_meta: Meta | None = None
    cycle_error: str = ""  # the error the last check of the whole cycle found
    stop: threading.Event = field(default_factory=threading.Event)

    @property
    def paths(self) -> ProjectPaths:
        return ProjectPaths(self.root)

    def follow(self) -> None:
        """Until `stop`: compose, publish, check the cycle; then wait for the next save."""
        self.snapshot = scan(self.root)
        self.refresh([])
        while not self.stop.is_set():
            if self.stop.wait(POLL):
                break
            now = scan(self.root)
            paths = changed(self.snapshot, now)
            if paths:
                self.snapshot = now
                self.refresh(paths)

    def refresh(self, paths: list[str]) -> None:
        """Compose the document again (and the data, when data/ changed), show it, then check
        the whole cycle. `paths`: what changed ([] at the start)."""
        started = time.perf_counter()
        if self.cycle is None or any(p.startswith("data/") for p in paths):
            self.cycle = None  # data/ changed: load it again; the same data serves text changes
        what = ", ".join(paths[:3]) + (f" en nog {len(paths) - 3}" if len(paths) > 3 else "")
        try:
            self._compose()
        except Exception as err:  # noqa: BLE001 - every error is shown in the page
            self.hub.publish(error=error_panel(err, self.root, self.last is not None),
                             status=_status("fout in de invoer" if isinstance(err, InputError) else "interne fout"))
            self.say(f"{_clock()} fout: {err}" + (f" (na {what})" if what else ""))
            if not isinstance(err, (InputError, ConsistencyError)):
                traceback.print_exc()
            return
        self.say(f"{_clock()} bijgewerkt{f' na {what}' if what else ''} in {_seconds(time.perf_counter() - started)}")
        self._check_cycle()

    def _compose(self) -> Document:
        from .render.checks import check_text
        from .render.html import Screen, screen_parts, stylesheet

        if self.cycle is None:
            self.cycle = Cycle(self.paths, self.jaar or self.paths.latest_year())
        cycle = self.cycle
        if self.slug != TWENTE:
            cycle.data.deelnemer(self.slug)
        if not cycle.available(self.kind):
            raise InputError(f"nog geen gegevens voor {self.kind.label}", path=self.paths.data / str(cycle.data.jaar) /
                             (self.kind.needs or ""), expected="de exports van die periode in data/<jaar>/realisatie/")
        document = cycle.documents(self.kind, [self.slug])[self.slug]
        check_text(document.tree, self.paths.templates)
        parts = screen_parts(document.tree, Screen(picture=self._picture,
                                                   svg=lambda chart: _chart_svg(chart, self.paths.templates)))
        css = stylesheet(self.paths.templates, lambda name: PREFIX + "lettertype/" + quote(name))
        self.last = document
        meta = document.meta
        self.page_meta = dataclasses.replace(meta, title=f"Voorbeeld: {meta.title}")
        # An error elsewhere in the cycle stays in view until the check after this save has run.
        self.hub.publish(title=self.page_meta.title, toc=parts.toc, body=parts.body, css=css, error=self.cycle_error,
                         notes=notes_panel(document.warnings),
                         status=_status("bijgewerkt; de hele cyclus wordt gecontroleerd"))
        return document

    def _picture(self, src: str) -> str:
        """A content picture's address on this server; it changes when the file does, so the
        browser shows a picture saved again."""
        from .document import asset_path

        picture = asset_path(self.paths.content, src)
        version = picture.stat().st_mtime_ns if picture is not None else 0
        return f"{PREFIX}afbeelding/{quote(src)}?v={version}"

    def _check_cycle(self) -> None:
        """Every document of the year, checked together (as `python build.py` does), interrupted
        by a newer save."""
        from .build import compose_cycle

        def superseded() -> None:
            if self.stop.is_set() or changed(self.snapshot, scan(self.root)):
                raise _Superseded

        try:
            compose_cycle(self.cycle, between=superseded)
        except _Superseded:
            return
        except Exception as err:  # noqa: BLE001 - shown in the page, as the build would stop on it
            if changed(self.snapshot, scan(self.root)):
                return  # it read a file saved after this document was composed: it runs again after that
            self.cycle_error = error_panel(err, self.root, True, elsewhere=True)
            self.hub.publish(error=self.cycle_error, status=_status("bijgewerkt, maar de bouw zou stoppen"))
            self.say(f"{_clock()} de hele cyclus: {err}")
            return
        self.cycle_error = ""
        self.hub.publish(error="", status=_status("bijgewerkt; de hele cyclus klopt"))


@lru_cache(maxsize=64)
def _chart_svg(chart, templates_dir: Path) -> bytes:
    """Charts are drawn once per figure data: a text change does not draw them again."""
    from .render.charts import svg
    from .render.style import house_style

    return svg(chart, house_style(templates_dir))


def _clock() -> str:
    return dt.datetime.now().strftime("%H:%M:%S")


def _seconds(value: float) -> str:
    return f"{value:.1f} s".replace(".", ",")


def _status(text: str) -> str:
    return f"{_clock()}: {text}"


def _where(path: Path | None, root: Path) -> str | None:
    if path is None:
        return None
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


def error_panel(err: BaseException, root: Path, have_text: bool, elsewhere: bool = False) -> str:
    """An error as the page shows it: what happened, then file, line or row, field, value and
    what was expected, each on its own line; then what the writer can do."""
    if isinstance(err, InputError):
        heading = ("De tekst hieronder is bijgewerkt, maar de bouw zou stoppen op een fout elders in de cyclus"
                   if elsewhere else "Fout in de invoer")
        rows = [("Bestand", _where(err.path, root)), ("Regel", err.line), ("Rij", err.row), ("Veld", err.field),
                ("Waarde", shown(err.value) if err.value is not None else None), ("Verwacht", err.expected)]
        message = err.message
        advice = "Verbeter het bestand en sla het op: deze pagina werkt zichzelf dan bij."
    else:
        heading = "Interne fout in uvpgen"
        rows = []
        message = str(err) or type(err).__name__
        advice = ("Dit is geen fout in uw tekst of gegevens. Meld het, met de melding in het venster waarin het "
                  "voorbeeld draait, aan de beheerders van uvpgen.")
    if not elsewhere:
        advice += (" Hieronder staat de laatste versie die wel lukte." if have_text
                   else " Zodra het document lukt, verschijnt het hier.")
    details = "".join(f"<dt>{name}</dt><dd>{html.escape(str(value))}</dd>" for name, value in rows if value is not None)
    return (f'<div class="voorbeeld-fout" tabindex="0"><h2>{html.escape(heading)}</h2>\n<p>{html.escape(message)}</p>\n'
            + (f'<dl>{details}</dl>\n' if details else "") + f"<p>{html.escape(advice)}</p></div>")


def notes_panel(warnings: tuple[str, ...]) -> str:
    if not warnings:
        return ""
    items = "".join(f"<li>{html.escape(w)}</li>" for w in warnings)
    return (f'<div class="voorbeeld-meldingen" tabindex="0"><h2>Let op bij deze tekst</h2>\n<ul>{items}</ul>\n'
            "<p>De bouw gaat wel door; in het document staat deze tekst niet.</p></div>")


# --- the page -------------------------------------------------------------------------------------

PREVIEW_CSS = """<style id="voorbeeld-stijl">
.voorbeeld { position: sticky; top: 0; z-index: 5; background: #fff; border-bottom: 1px solid #9aa9b8;
             font-size: 0.9rem; }
.voorbeeld-status { margin: 0; padding: 0.3rem 1.5rem; color: #1a1a1a; background: #f6f8fa; }
.voorbeeld-fout, .voorbeeld-meldingen { margin: 0.5rem 1.5rem; padding: 0.6rem 1rem; max-height: 35vh; overflow: auto; }
.voorbeeld-fout { border-left: 6px solid #8a1c00; background: #fff4f0; }
.voorbeeld-meldingen { border-left: 6px solid #00457c; background: #e8eef4; }
.voorbeeld-fout h2 { color: #8a1c00; font-size: 1.05rem; margin: 0 0 0.3rem; }
.voorbeeld-meldingen h2 { color: #00457c; font-size: 1.05rem; margin: 0 0 0.3rem; }
.voorbeeld-fout p, .voorbeeld-meldingen p { margin: 0.3rem 0; }
.voorbeeld-fout dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.1rem 1rem; margin: 0.3rem 0; }
.voorbeeld-fout dt { color: #1a1a1a; margin: 0; }
.voorbeeld-fout dd { margin: 0; font-weight: 700; overflow-wrap: anywhere; }
.voorbeeld-gewijzigd { background: #fff7cc; transition: background 2s; }
</style>
"""

# The page's script: listens for new states and patches title, style, table of contents and text
# in place, keeping the reader at the heading they were at; marks the blocks that changed.
PREVIEW_SCRIPT = """<script>
(function () {
  "use strict";
  var main = document.getElementById("tekst"), nav = document.querySelector("nav.inhoud");
  var alert = document.getElementById("voorbeeld-fout"), notes = document.getElementById("voorbeeld-meldingen");
  var status = document.getElementById("voorbeeld-status"), bar = document.querySelector(".voorbeeld");
  var shown = Number(bar.dataset.versie), text = Number(bar.dataset.tekstversie);
  function top() {  /* where the visible text begins: below the bar, which stays at the top */
    var bottom = Math.max(bar.getBoundingClientRect().bottom, 0);
    document.documentElement.style.setProperty("--boven", bar.offsetHeight + "px");
    return bottom;
  }
  function place(below) {  /* the last heading above a line `below` pixels into the visible text */
    var found = null, line = top() + below;
    main.querySelectorAll("h1[id], h2[id], h3[id]").forEach(function (h) {
      if (h.getBoundingClientRect().top <= line) { found = h; }
    });
    return found ? {id: found.id, top: found.getBoundingClientRect().top - top()} : null;
  }
  function current() {
    var at = place(window.innerHeight / 4), link = null;
    nav.querySelectorAll("a").forEach(function (a) {
      a.removeAttribute("aria-current");
      if (at && a.getAttribute("href") === "#" + at.id) { link = a; }
    });
    if (link) { link.setAttribute("aria-current", "location"); }
  }
  function apply(state) {
    if (state.versie === shown) { return; }
    shown = state.versie;
    var at = place(8), y = window.scrollY;
    if (state.tekstversie !== text) {
      text = state.tekstversie;
      var before = new Set(Array.prototype.map.call(main.children, function (e) { return e.outerHTML; }));
      document.title = state.titel;
      document.getElementById("huisstijl").textContent = state.stijl;
      nav.querySelector("ol").outerHTML = state.inhoud;
      main.innerHTML = state.tekst;
      Array.prototype.forEach.call(main.children, function (e) {
        if (!before.has(e.outerHTML)) {
          e.classList.add("voorbeeld-gewijzigd");
          setTimeout(function () { e.classList.remove("voorbeeld-gewijzigd"); }, 3000);
        }
      });
    }
    alert.innerHTML = state.fout;
    notes.innerHTML = state.meldingen;
    status.textContent = state.status;
    var again = at && document.getElementById(at.id);
    if (again) { window.scrollBy(0, again.getBoundingClientRect().top - top() - at.top); } else { window.scrollTo(0, y); }
    current();
  }
  var events = new EventSource("%sgebeurtenissen");
  events.onmessage = function (event) { apply(JSON.parse(event.data)); };
  events.onerror = function () {
    status.textContent = "Geen verbinding met uvpgen: het voorbeeld is gestopt. Start het opnieuw om verder te kijken.";
  };
  window.addEventListener("scroll", function () { window.requestAnimationFrame(current); }, {passive: true});
  current();
})();
</script>
""" % PREFIX
# The preview's Content-Security-Policy: the written page's, plus the font and pictures it serves
# itself, its own event stream, and this one script (by its hash, so no other script runs).
_SCRIPT_HASH = base64.b64encode(hashlib.sha256(
    PREVIEW_SCRIPT.removeprefix("<script>").removesuffix("</script>\n").encode("utf-8")).digest()).decode("ascii")
PREVIEW_POLICY = ("default-src 'none'; style-src 'unsafe-inline'; font-src 'self' data:; img-src 'self' data:; "
                  f"connect-src 'self'; script-src 'sha256-{_SCRIPT_HASH}'; base-uri 'none'; form-action 'none'")


def page(state: State, meta: Meta) -> str:
    from .render.html import ScreenParts, screen_page

    before = (f'<section class="voorbeeld" aria-label="Voorbeeld" data-versie="{state.version}" '
              f'data-tekstversie="{state.text}">\n'
              f'<p id="voorbeeld-status" class="voorbeeld-status" role="status">{html.escape(state.status)}</p>\n'
              f'<div id="voorbeeld-fout" role="alert">{state.error}</div>\n'
              f'<div id="voorbeeld-meldingen">{state.notes}</div>\n</section>\n')
    return screen_page(ScreenParts(state.toc, state.body), meta, state.css, head=PREVIEW_CSS, before=before,
                       after=PREVIEW_SCRIPT, policy=PREVIEW_POLICY)


# --- the server ----------------------------------------------------------------------------------

class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.0"

    def log_message(self, format, *args) -> None:  # noqa: A002 - the writer's terminal shows our lines only
        pass

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        server = self.server
        if self.headers.get("Host") not in server.hosts:  # another site's page, through DNS rebinding
            return self._send(403, b"", "text/plain")
        path = unquote(urlsplit(self.path).path)
        if path == "/":
            meta = server.preview.page_meta or Meta("Voorbeeld", "", "Omgevingsdienst Twente")
            return self._send(200, page(server.hub.state, meta).encode("utf-8"), "text/html; charset=utf-8")
        if path == PREFIX + "stand":
            return self._send(200, server.hub.state.json().encode("utf-8"), "application/json")
        if path == PREFIX + "gebeurtenissen":
            return self._events()
        try:  # read as a build reads them (limits.read_bytes): a link or a pipe is not served
            if path.startswith(PREFIX + "lettertype/"):
                font = server.paths.templates / "fonts" / path.removeprefix(PREFIX + "lettertype/")
                if font.parent == server.paths.templates / "fonts" and font.suffix == ".ttf" and font.is_file():
                    return self._send(200, read_bytes(font, MAX_SOURCE_BYTES), "font/ttf", cache=True)
            if path.startswith(PREFIX + "afbeelding/"):
                from .document import MAX_IMAGE_BYTES, asset_path
                from .render.html import mime_type

                picture = asset_path(server.paths.content, path.removeprefix(PREFIX + "afbeelding/"))
                if picture is not None:
                    return self._send(200, read_bytes(picture, MAX_IMAGE_BYTES),
                                      mime_type(picture) or "application/octet-stream")
        except InputError:
            pass
        return self._send(404, "Niet gevonden".encode(), "text/plain; charset=utf-8")

    def _send(self, code: int, body: bytes, kind: str, cache: bool = False) -> None:
        self.send_response(code)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=3600" if cache else "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Content-Security-Policy", PREVIEW_POLICY + "; frame-ancestors 'none'")
        self.end_headers()
        self.wfile.write(body)

    def _events(self) -> None:
        """Server-Sent Events: the current state at once, then every newer one."""
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        hub, seen = self.server.hub, -1
        try:
            self.wfile.write(b"retry: 1000\n\n")
            while not hub.closed:
                state = hub.wait(seen, timeout=15)
                if state is None:
                    self.wfile.write(b": wacht\n\n")  # keeps the connection open through idle minutes
                else:
                    seen = state.version
                    self.wfile.write(f"data: {state.json()}\n\n".encode("utf-8"))
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass  # the page was closed or reloaded


class _Server(ThreadingHTTPServer):
    daemon_threads = True  # event streams end with the server

    def __init__(self, port: int, preview: Preview, hub: Hub):
        super().__init__((HOST, port), _Handler)
        self.preview, self.hub, self.paths = preview, hub, preview.paths
        port = self.server_address[1]
        self.hosts = {f"{HOST}:{port}", f"localhost:{port}"}


def _can_open_browser() -> bool:
    """Only where a graphical browser will open: never a text browser in the writer's terminal."""
    return sys.platform in ("darwin", "win32") or bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def serve(root: Path, jaar: int | None, kind: DocumentType, slug: str, port: int, open_browser: bool) -> int:
    """Run the preview until Ctrl-C (or SIGTERM); returns the exit code."""
    hub = Hub(State(version=0, text=0, status=_status("bezig met samenstellen")))
    preview = Preview(root, jaar, kind, slug, hub)
    try:
        preview.cycle = Cycle(preview.paths, jaar or preview.paths.latest_year())
    except InputError:
        pass  # an error in data/: the page shows it, and the writer can fix it while the preview runs
    else:
        if slug != TWENTE:
            preview.cycle.data.deelnemer(slug)  # a mistyped --gemeente is the command's error
    try:
        server = _Server(port, preview, hub)
    except OSError as err:
        raise InputError(f"kan de voorbeeldserver niet starten: {err.strerror}", field="--port", value=port,
                         expected="een vrije poort, of laat --port weg (dan kiest uvpgen er zelf een)") from None
    url = f"http://{HOST}:{server.server_address[1]}/"
    watcher = threading.Thread(target=preview.follow, name="uvpgen-preview", daemon=True)
    who = "Twente" if slug == TWENTE else slug
    print(f"Voorbeeld van {kind.label} ({who}): {url}", flush=True)
    print("Open dit adres in uw browser. De pagina werkt zichzelf bij zodra u een bestand in content/, data/ of "
          "templates/ opslaat. Stoppen: Ctrl-C.", flush=True)
    watcher.start()
    if open_browser and _can_open_browser():
        threading.Thread(target=webbrowser.open, args=(url,), daemon=True).start()
    serving = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.2}, name="uvpgen-server",
                               daemon=True)
    serving.start()
    try:
        while serving.is_alive():
            serving.join(0.5)  # the main thread stays free for Ctrl-C and SIGTERM
    except KeyboardInterrupt:
        pass  # Ctrl-C is how a preview ends
    finally:
        preview.stop.set()
        hub.close()
        server.shutdown()
        server.server_close()
        watcher.join(5)
        print("Voorbeeld gestopt.", flush=True)
    return 0

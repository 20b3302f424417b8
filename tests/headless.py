"""A real browser for the browser tests and the benchmark: Debian's chromium, driven by selenium
through chromium-driver, started so that it reaches nothing outside this machine, with axe-core
(npm, installed by tools/setup.sh) to run inside the page."""

from __future__ import annotations

import json
import os
import time
from importlib.util import find_spec
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM, CHROMEDRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")
AXE = ROOT / ".venv" / "npm" / "node_modules" / "axe-core" / "axe.min.js"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def missing(axe: bool = True) -> list[str]:
    """What a browser test needs that this machine lacks (tools/setup.sh installs all of it)."""
    lacking = [str(path) for path in (CHROMIUM, CHROMEDRIVER, *([AXE] if axe else [])) if not path.is_file()]
    return lacking + (["selenium (PyPI)"] if find_spec("selenium") is None else [])


def chromium(profile: Path):
    """A headless Chromium with its profile in `profile`, that never fetches anything by itself."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    os.environ.setdefault("SE_OFFLINE", "true")  # Selenium Manager never downloads a driver or browser
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                     f"--user-data-dir={profile}", "--window-size=1300,900"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})  # for csp_violations
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.set_script_timeout(60)
    return driver


def axe_violations(driver, within: str | None = None) -> list[str]:
    """What axe-core finds against WCAG 2.1 level A and AA in the page the browser shows (or in
    the part of it that the CSS selector `within` names)."""
    driver.execute_script(AXE.read_text(encoding="utf-8"))
    context = "document" if within is None else json.dumps(within)
    return driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        f"axe.run({context}, {{runOnly: {{type: 'tag', values: {WCAG_AA!r}}}, resultTypes: ['violations']}})"
        ".then(r => done(r.violations.map(v => `${v.id}: ${v.help} (${v.nodes.length}x: `"
        "  + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ') + ')')))"
        ".catch(e => done(['axe: ' + e]));")


def csp_violations(driver) -> list[str]:
    """What the page's Content-Security-Policy blocked since the last call: Chromium reports each
    blocked resource, script or style on the console."""
    return [entry["message"] for entry in driver.get_log("browser") if "Content Security Policy" in entry["message"]]


def poll(condition, timeout: float, every: float = 0.02):
    """The first true value `condition()` gives within `timeout` seconds; TimeoutError if none."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(every)
    raise TimeoutError(f"na {timeout} s")

"""requirements.lock: the exact versions that built output/, which tools/setup.sh installs.

The fingerprints in output/manifest.txt name the versions of the libraries that shape the bytes
(fingerprints.RENDERERS); a fresh clone finds output/ current only if setup.sh installs exactly
those. These tests read the lock, pyproject.toml and the running environment; no network."""

from __future__ import annotations

import importlib.metadata
import re
import sys
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from uvpgen.fingerprints import RENDERERS  # noqa: E402

LOCK = ROOT / "requirements.lock"
PIN = re.compile(r"([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)")
HASH = re.compile(r"--hash=sha256:[0-9a-f]{64}")


def read_lock(text: str) -> dict[str, tuple[str, int]]:
    """Each requirement of a pip requirements file (as pip-compile writes it) by its canonical
    name: its exact version and how many sha256 hashes it carries. A line that is not `name==version`
    followed only by hashes fails: pip would not install it as pinned."""
    pins = {}
    for logical in re.sub(r"\\\n", " ", text).splitlines():
        line = re.sub(r"(^|\s)#.*", "", logical).strip()  # a comment, as pip reads one
        if not line:
            continue
        requirement, *options = line.split()
        match = PIN.fullmatch(requirement)
        assert match, f"requirements.lock: '{requirement}' is geen exacte versie (naam==versie)"
        assert all(HASH.fullmatch(option) for option in options), f"requirements.lock: onbekende optie in '{line}'"
        name = canonicalize_name(match[1])
        assert name not in pins, f"requirements.lock noemt {name} twee keer"
        pins[name] = (match[2], len(options))
    return pins


@pytest.fixture(scope="module")
def lock() -> dict[str, tuple[str, int]]:
    return read_lock(LOCK.read_text(encoding="utf-8"))


def declared() -> list[Requirement]:
    """The dependencies in pyproject.toml that the lock covers: the package's own and the test extra."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return [Requirement(r) for r in [*project["dependencies"], *project["optional-dependencies"]["test"]]]


def test_the_reader_takes_what_pip_compile_writes_and_refuses_what_pip_would_not_pin():
    text = ("#\n# header\n#\nJinja2==3.1.6 \\\n    --hash=sha256:" + "a" * 64 + " \\\n    --hash=sha256:" + "b" * 64
            + "\n    # via\n    #   uvpgen (pyproject.toml)\nresvg_py==0.5.0 \\\n    --hash=sha256:" + "c" * 64 + "\n")
    assert read_lock(text) == {"jinja2": ("3.1.6", 2), "resvg-py": ("0.5.0", 1)}
    with pytest.raises(AssertionError, match="geen exacte versie"):
        read_lock("matplotlib>=3.9\n")
    with pytest.raises(AssertionError, match="onbekende optie"):
        read_lock("matplotlib==3.11.2 --hash=md5:abc\n")


def test_every_entry_is_an_exact_version_with_hashes(lock):
    """`pip install --require-hashes` (setup.sh) refuses a requirement without a hash, so a line
    added by hand breaks the setup of every fresh machine."""
    assert lock, "requirements.lock is leeg"
    unhashed = [name for name, (_, hashes) in lock.items() if not hashes]
    assert not unhashed, f"pakketten zonder hash in requirements.lock: {', '.join(unhashed)}"


def test_every_dependency_in_pyproject_is_locked_at_a_version_it_allows(lock):
    """A dependency added to pyproject.toml, or a bound changed there, without updating the lock
    (`sh tools/update_lock.sh`) would leave setup.sh installing a version the project does not ask for,
    or none at all."""
    wrong = []
    for requirement in declared():
        name = canonicalize_name(requirement.name)
        if name not in lock:
            wrong.append(f"{requirement.name} ontbreekt")
        elif not requirement.specifier.contains(Version(lock[name][0]), prereleases=True):
            wrong.append(f"{requirement.name}=={lock[name][0]} past niet bij '{requirement}'")
    assert not wrong, "requirements.lock volgt pyproject.toml niet (draai sh tools/update_lock.sh): " + "; ".join(wrong)


def test_every_fingerprinted_library_is_locked(lock):
    """A library that a fingerprint names must have one version on every machine; a renderer
    library added to RENDERERS but not to pyproject.toml and the lock would differ per machine."""
    named = {canonicalize_name(p) for packages in RENDERERS.values() for p in packages}
    missing = sorted(named - lock.keys())
    assert not missing, f"bibliotheken in de vingerafdrukken zonder vaste versie in requirements.lock: {', '.join(missing)}"


def test_this_environment_has_the_locked_versions(lock):
    """output/ is built, and the tests read it back, with the locked versions: an environment with
    another version (a `pip install -U` by hand, or a lock updated without running setup.sh) would
    write other bytes and find documents stale. Not only the fingerprinted libraries: numpy, Pillow
    and lxml, say, shape charts and XML too."""
    fingerprinted = {canonicalize_name(p) for packages in RENDERERS.values() for p in packages}

    def installed(name: str) -> Version | None:
        try:
            return Version(importlib.metadata.version(name))
        except importlib.metadata.PackageNotFoundError:
            return None

    differ = [f"{name} {installed(name) or 'ontbreekt'} (vast: {version}"
              f"{', in de vingerafdrukken' if name in fingerprinted else ''})"
              for name, (version, _) in sorted(lock.items(), key=lambda item: (item[0] not in fingerprinted, item[0]))
              if installed(name) != Version(version)]
    assert not differ, "deze omgeving heeft andere versies dan requirements.lock (draai sh tools/setup.sh): " + "; ".join(differ)

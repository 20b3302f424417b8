"""What compose hands to render for one document: its metadata and its charts, and where the
pictures its text shows are.

Free of the libraries that loading and composing need (pydantic, PyYAML, Jinja): the worker
processes that render import only this module and the renderers (uvpgen.render).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Meta:
    """What a document says about itself: title bar, document properties, running header."""
    title: str
    running_title: str
    author: str
    subject: str
    keywords: str
    date: dt.date  # from document.yaml, never the build time


@dataclass(frozen=True)
class Chart:
    """A chart a document shows: the Markdown refers to it as ![alt](grafiek:<name>); the
    renderers draw it (render.charts) from these numbers."""
    name: str
    kind: str  # "staaf" (grouped bars) or "lijn" (lines; None where a series has no value)
    categories: tuple[str, ...]
    series: tuple[tuple[str, tuple[float | None, ...]], ...]
    y_label: str


ASSETS = "afbeeldingen"
IMAGE_TYPES = (".png", ".jpg", ".jpeg", ".svg")
MAX_IMAGE_BYTES = 5_000_000


def asset_path(content_dir: Path, src: str) -> Path | None:
    """The file a content image refers to (afbeeldingen/<name>), or None when it is not an
    existing, reasonably sized picture inside content/afbeeldingen/."""
    folder = (content_dir / ASSETS).resolve()
    if ":" in src or src.startswith(("/", "\\")):
        return None
    candidate = (content_dir / src).resolve()
    if (not candidate.is_relative_to(folder) or candidate.suffix.lower() not in IMAGE_TYPES
            or not candidate.is_file() or candidate.stat().st_size > MAX_IMAGE_BYTES):
        return None
    return candidate

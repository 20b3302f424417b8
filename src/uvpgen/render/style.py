"""The house style, read once from templates/huisstijl.toml: the font, its files in the project's
templates/fonts/, the colours and the type sizes. The CSS of the PDF and the web page start with
what `css` makes of it; the charts, the DOCX writer and tools/make_reference_docx.py (the Word
styles) take their font, colours and sizes from it."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..limits import MAX_SOURCE_BYTES, read_bytes

FILE = "huisstijl.toml"
# The faces of the house font: (key in huisstijl.toml, CSS font-weight, CSS font-style).
FACES = (("regular", 400, "normal"), ("bold", 700, "normal"), ("italic", 400, "italic"), ("bolditalic", 700, "italic"))


@dataclass(frozen=True, eq=False)  # one per templates folder (house_style): hashed by identity
class HouseStyle:
    family: str
    faces: dict[str, str]  # face key -> file name in fonts_dir
    colours: dict[str, str]  # name -> "#rrggbb"
    sizes: dict[str, float]  # name -> points
    fonts_dir: Path

    def font(self, face: str) -> Path:
        return self.fonts_dir / self.faces[face]

    def css(self, font_url: Callable[[str], str], display: bool = False) -> str:
        """@font-face rules for the house font (`font_url` gives the url() of each file) and the
        colours as custom properties (var(--blauw)). `display`: font-display for a browser."""
        swap = "font-display: swap; " if display else ""
        faces = "".join(f'@font-face {{ font-family: "{self.family}"; font-weight: {weight}; font-style: {style}; '
                        f'{swap}src: url("{font_url(self.faces[key])}"); }}\n' for key, weight, style in FACES)
        colours = " ".join(f"--{name}: {value};" for name, value in self.colours.items())
        return f"{faces}:root {{ {colours} }}\n"

    def word(self, colour: str) -> str:
        """A colour as Word writes it: 'blauw' -> '00457C'."""
        return self.colours[colour].removeprefix("#").upper()


@lru_cache(maxsize=4)
def house_style(templates_dir: Path) -> HouseStyle:
    found = tomllib.loads(read_bytes(templates_dir / FILE, MAX_SOURCE_BYTES).decode("utf-8"))
    font = found["lettertype"]
    return HouseStyle(font["familie"], {key: font[key] for key, _, _ in FACES}, dict(found["kleuren"]),
                      {name: float(value) for name, value in found["maten"].items()}, templates_dir / "fonts")

"""One house style, in one place: templates/huisstijl.toml.

The stylesheets of the PDF and the web page take their font faces and colours from it (they hold
no colour of their own), the Word template's styles agree with it, and every renderer reads the
fonts from the project's own templates/fonts/, not from wherever the package is installed.
"""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from conftest import ROOT
from uvpgen.render.style import house_style

TEMPLATES = ROOT / "templates"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.mark.parametrize("name", ["print.css", "screen.css"])
def test_the_stylesheets_hold_no_colour_or_font_face_of_their_own(name):
    css = (TEMPLATES / name).read_text(encoding="utf-8")
    assert re.findall(r"#[0-9a-fA-F]{3,6}\b", css) == []
    assert "@font-face" not in css
    used = set(re.findall(r"var\(--([a-z]+)\)", css))
    assert used <= set(house_style(TEMPLATES).colours), used - set(house_style(TEMPLATES).colours)


def test_the_house_css_has_every_face_and_colour():
    style = house_style(TEMPLATES)
    css = style.css(lambda name: f"fonts/{name}")
    assert css.count("@font-face") == 4
    for face in ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf", "NotoSans-Italic.ttf", "NotoSans-BoldItalic.ttf"):
        assert f'src: url("fonts/{face}")' in css
    assert "--blauw: #00457c;" in css and "--waarschuwing: #8a1c00;" in css


def styles(reference: Path) -> dict[str, etree._Element]:
    with zipfile.ZipFile(reference) as package:
        root = etree.fromstring(package.read("word/styles.xml"))
    return {style.find(f"{W}name").get(f"{W}val"): style for style in root.iter(f"{W}style")} | {"": root}


def test_the_word_styles_follow_the_house_style():
    style = house_style(TEMPLATES)
    found = styles(TEMPLATES / "reference.docx")
    fonts = found[""].find(f"{W}docDefaults").find(f".//{W}rFonts")
    assert fonts.get(f"{W}ascii") == fonts.get(f"{W}hAnsi") == style.family
    for name, size, colour in (("heading 1", "kop1", "blauw"), ("heading 2", "kop2", "blauw"),
                               ("Title", "titel", "blauw"), ("caption", "bijschrift", "grijs"),
                               ("Normal", "tekst", None), ("Tabeltekst", "tabel", None),
                               ("Tabeltekst klein", "tabel_klein", None), ("header", "koptekst", None)):
        run = found[name].find(f"{W}rPr")
        assert run.find(f"{W}sz").get(f"{W}val") == str(round(style.sizes[size] * 2)), name  # half-points
        if colour:
            assert run.find(f"{W}color").get(f"{W}val") == style.word(colour), name
    table = etree.tostring(found["UVP Tabel"]).decode()
    assert f'w:fill="{style.word("blauw")}"' in table and f'w:fill="{style.word("vlak")}"' in table


def test_the_fonts_come_from_the_projects_templates(tmp_path):
    """A project elsewhere (a copy, another year's folder) uses its own templates/fonts/."""
    shutil.copytree(TEMPLATES, tmp_path / "templates")
    style = house_style(tmp_path / "templates")
    assert style.fonts_dir == tmp_path / "templates" / "fonts"
    assert style.font("bold") == tmp_path / "templates" / "fonts" / "NotoSans-Bold.ttf"
    package = ROOT / "src" / "uvpgen"
    assert [path.name for path in package.rglob("*.py") if "parents[3]" in path.read_text(encoding="utf-8")] == []

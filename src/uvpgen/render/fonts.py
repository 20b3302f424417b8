"""The house font embedded in a DOCX (ECMA-376 Part 1 §17.8), so it looks the same on a PC without it.

Each face is subset to the characters the document shows plus a small base set (so that
a reader can still correct a word in the house font), obfuscated with a key derived from
its own bytes, and related from fontTable.xml. Everything is derived from the inputs: the
same document gives the same font parts, byte for byte.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from lxml import etree
import uharfbuzz as hb

from ..limits import MAX_SOURCE_BYTES, read_bytes
from .style import HouseStyle

# The faces Word knows (w:embedRegular ...) and the house style's key of each.
FACES = {"Regular": "regular", "Bold": "bold", "Italic": "italic", "BoldItalic": "bolditalic"}
BASE_CHARACTERS = frozenset(map(chr, [*range(0x20, 0x7F), *range(0xA0, 0x100)])) | frozenset("€–—‘’“”„…•·")
OBFUSCATED_FONT = "application/vnd.openxmlformats-officedocument.obfuscatedFont"
KEY_NAMESPACE = uuid.UUID("6f1d0b6e-6a2c-4c39-9a57-1a1f3c6d0f15")  # uvpgen's own, for uuid5 font keys


@lru_cache(maxsize=4)
def _advances(font_file: Path) -> tuple[dict[str, int], int, int]:
    """Advance width per character of a face, its fallback (.notdef) width and units per em."""
    face = hb.Face(hb.Blob(read_bytes(font_file, MAX_SOURCE_BYTES)))
    font = hb.Font(face)
    return {chr(code): font.get_glyph_h_advance(font.get_nominal_glyph(code)) for code in face.unicodes}, \
        font.get_glyph_h_advance(0), face.upem


@lru_cache(maxsize=8)
def text_width(style: HouseStyle, size_pt: float, bold: bool = False) -> Callable[[str], float]:
    """How wide a text is set in the house font, in mm (without kerning, which only narrows it).
    The measure remembers: a table measures the same words and numbers many times."""
    advances, fallback, units = _advances(style.font("bold" if bold else "regular"))

    @lru_cache(maxsize=8192)
    def width(text: str) -> float:
        return sum(advances.get(char, fallback) for char in text) / units * size_pt * 25.4 / 72
    return width


@lru_cache(maxsize=16)
def subset_font(path: Path, characters: frozenset[str]) -> bytes:
    """The face reduced to these characters' glyphs (and what they need), without hinting;
    the head table, with its timestamp, is kept. HarfBuzz's subsetter: it takes a few
    milliseconds where fontTools' takes half a second a face."""
    plan = hb.SubsetInput()
    plan.unicode_set.update(map(ord, characters))
    plan.flags = hb.SubsetFlags.NO_HINTING
    return hb.subset(hb.Face(hb.Blob(read_bytes(path, MAX_SOURCE_BYTES))), plan).blob.data


def obfuscate(font: bytes, key: uuid.UUID) -> bytes:
    """§17.8.1: the first 32 bytes XORed with the key's 16 bytes in reverse order (an odttf)."""
    reversed_key = key.bytes[::-1]
    head = bytes(byte ^ reversed_key[i % 16] for i, byte in enumerate(font[:32]))
    return head + font[32:]


def embed_fonts(document, characters: set[str], style: HouseStyle) -> None:
    """Embed the four faces of the house font, subset to `characters`, in a python-docx Document."""
    font_table = next(rel.target_part for rel in document.part.rels.values() if rel.reltype == RT.FONT_TABLE)
    fonts = etree.fromstring(font_table.blob)
    for entry in fonts.findall(qn("w:font")):
        if entry.get(qn("w:name")) == style.family:
            fonts.remove(entry)
    entry = parse_xml(f'<w:font {nsdecls("w")} w:name="{style.family}"><w:panose1 w:val="020B0502040504020204"/>'
                      '<w:charset w:val="00"/><w:family w:val="swiss"/><w:pitch w:val="variable"/></w:font>')
    wanted = frozenset(characters) | BASE_CHARACTERS
    for number, (face, key) in enumerate(FACES.items(), start=1):
        data = subset_font(style.font(key), wanted)
        key = uuid.uuid5(KEY_NAMESPACE, hashlib.sha256(data).hexdigest())
        part = Part(PackURI(f"/word/fonts/font{number}.odttf"), OBFUSCATED_FONT, obfuscate(data, key),
                    document.part.package)
        r_id = font_table.relate_to(part, RT.FONT)
        entry.append(parse_xml(f'<w:embed{face} {nsdecls("w", "r")} r:id="{r_id}" '
                               f'w:fontKey="{{{str(key).upper()}}}" w:subsetted="1"/>'))
    fonts.append(entry)
    font_table._blob = etree.tostring(fonts, xml_declaration=True, encoding="UTF-8", standalone=True)
    settings = document.settings.element
    zoom = settings.find(qn("w:zoom"))
    for name in ("w:saveSubsetFonts", "w:embedTrueTypeFonts"):  # schema order: right after w:zoom
        zoom.addnext(parse_xml(f'<{name} {nsdecls("w")}/>'))

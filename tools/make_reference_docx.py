"""Create templates/reference.docx: the Word house style the DOCX renderer writes onto.

The font, the colours and the main type sizes come from templates/huisstijl.toml, the one
place of the house style (tests/test_house_style.py checks that reference.docx agrees with
it); spacing follows templates/print.css, with line
heights as "at least" in points, so the DOCX paginates like the PDF whatever font a reader's
PC substitutes. Leftovers of python-docx's own template that would contradict these styles
(stylesWithEffects.xml, theme fonts, custom XML, a thumbnail, Word for Mac's app.xml) are
dropped. Run: python tools/make_reference_docx.py
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_LINE_SPACING
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt, RGBColor

from uvpgen.render.docx import add_border_or_shading
from uvpgen.render.style import house_style

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
TARGET = TEMPLATES / "reference.docx"
STYLE = house_style(TEMPLATES)
FONT = STYLE.family
BLUE, GREY, WARNING = (RGBColor.from_string(STYLE.word(name)) for name in ("blauw", "grijs", "waarschuwing"))
SIZE = STYLE.sizes
STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"

TABLE_STYLE = f"""
<w:style {nsdecls('w')} w:type="table" w:customStyle="1" w:styleId="UVPTabel">
  <w:name w:val="UVP Tabel"/>
  <w:basedOn w:val="TableNormal"/>
  <w:uiPriority w:val="59"/>
  <w:qFormat/>
  <w:pPr><w:spacing w:before="0" w:after="0" w:line="221" w:lineRule="atLeast"/></w:pPr>
  <w:rPr><w:sz w:val="{round(SIZE['tabel'] * 2)}"/><w:szCs w:val="{round(SIZE['tabel'] * 2)}"/></w:rPr>
  <w:tblPr>
    <w:tblBorders>
      <w:bottom w:val="single" w:sz="4" w:space="0" w:color="{STYLE.word('lijn')}"/>
      <w:insideH w:val="single" w:sz="4" w:space="0" w:color="{STYLE.word('lijn')}"/>
    </w:tblBorders>
    <w:tblCellMar>
      <w:top w:w="68" w:type="dxa"/><w:left w:w="102" w:type="dxa"/>
      <w:bottom w:w="68" w:type="dxa"/><w:right w:w="102" w:type="dxa"/>
    </w:tblCellMar>
  </w:tblPr>
  <w:tblStylePr w:type="firstRow">
    <w:rPr><w:b/><w:bCs/><w:color w:val="{STYLE.word('wit')}"/></w:rPr>
    <w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="{STYLE.word('blauw')}"/><w:vAlign w:val="bottom"/></w:tcPr>
  </w:tblStylePr>
  <w:tblStylePr w:type="lastRow">
    <w:rPr><w:b/><w:bCs/></w:rPr>
    <w:tcPr>
      <w:tcBorders><w:top w:val="single" w:sz="8" w:space="0" w:color="{STYLE.word('blauw')}"/></w:tcBorders>
      <w:shd w:val="clear" w:color="auto" w:fill="{STYLE.word('vlak')}"/>
    </w:tcPr>
  </w:tblStylePr>
</w:style>
"""

APP_XML = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
           '<Application>uvpgen</Application><DocSecurity>0</DocSecurity></Properties>')


def paragraph_style(doc, name: str, base: str = "Normal", *, size: float | None = None, bold: bool = False,
                    color: RGBColor | None = None, before: float = 0, after: float = 0, line: float | None = None,
                    left: float = 0, hanging: float = 0, keep_next: bool = False, page_break: bool = False):
    """A paragraph style; spacing in millimetres as in print.css, `line` the minimum line height in points."""
    styles = doc.styles
    style = styles[name] if name in [s.name for s in styles] else styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = styles[base] if name != base else None
    font = style.font
    font.name = FONT
    if size:
        font.size = Pt(size)
    font.bold, font.italic = bold or None, None
    if color is not None:
        font.color.rgb = color
    fmt = style.paragraph_format
    fmt.space_before, fmt.space_after = Mm(before), Mm(after)
    if line:
        fmt.line_spacing, fmt.line_spacing_rule = Pt(line), WD_LINE_SPACING.AT_LEAST
    fmt.left_indent = Mm(left) if left else None
    fmt.first_line_indent = Mm(-hanging) if hanging else None
    fmt.keep_with_next = keep_next or None
    fmt.page_break_before = page_break or None
    ppr = style.element.get_or_add_pPr()
    for leftover in ppr.findall(qn("w:contextualSpacing")) + ppr.findall(qn("w:pBdr")):
        ppr.remove(leftover)
    style.quick_style = True
    return style


def character_style(doc, name: str, color: RGBColor, underline: bool = False):
    style = doc.styles.add_style(name, WD_STYLE_TYPE.CHARACTER)
    style.font.color.rgb = color
    style.font.underline = underline or None
    return style


def _house_font_everywhere(doc) -> None:
    """Every style in the house font: theme fonts (Calibri, Cambria) would override it in Word."""
    rpr = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for child in list(rpr):
        if child.tag in (qn("w:rFonts"), qn("w:lang")):
            rpr.remove(child)
    # Schema order of w:rPr: rFonts first, lang near the end (after sz).
    rpr.insert(0, parse_xml(f'<w:rFonts {nsdecls("w")} w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" '
                            f'w:cs="{FONT}"/>'))
    rpr.append(parse_xml(f'<w:lang {nsdecls("w")} w:val="nl-NL" w:eastAsia="nl-NL" w:bidi="ar-SA"/>'))
    for fonts in doc.styles.element.iter(qn("w:rFonts")):
        for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(theme), None)
    theme = next(rel.target_part for rel in doc.part.rels.values() if rel.reltype == RT.THEME)
    theme._blob = re.sub(rb'(<a:(?:major|minor)Font>\s*<a:latin typeface=")[^"]*', rb"\g<1>" + FONT.encode(),
                         theme.blob)


def _drop_leftovers(doc) -> None:
    """Parts of python-docx's template (made in Word for Mac, 2013) that are not ours."""
    for rels, kinds in ((doc.part.rels, (STYLES_WITH_EFFECTS, RT.CUSTOM_XML)),
                        (doc.part.package.rels, (RT.THUMBNAIL,))):
        for r_id in [r_id for r_id, rel in rels.items() if rel.reltype in kinds]:
            del rels[r_id]
    app = next(rel.target_part for rel in doc.part.package.rels.values() if rel.reltype == RT.EXTENDED_PROPERTIES)
    app._blob = APP_XML.encode()
    settings = doc.settings.element
    for leftover in ("w:rsids", "w:savePreviewPicture", "w:proofState"):
        for element in settings.findall(qn(leftover)):
            settings.remove(element)
    for element in settings.findall("{http://schemas.microsoft.com/office/word/2010/wordml}docId"):
        settings.remove(element)
    for style in doc.styles.element.iter(qn("w:rsid")):
        style.getparent().remove(style)
    for element in doc.element.body.iter(qn("w:sectPr")):
        for attribute in ("w:rsidR", "w:rsidRPr", "w:rsidSect"):
            element.attrib.pop(qn(attribute), None)


def main() -> None:
    doc = Document()
    _house_font_everywhere(doc)
    ppr_default = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:pPrDefault")).find(qn("w:pPr"))
    ppr_default.find(qn("w:spacing")).attrib.update({qn("w:after"): "0", qn("w:line"): "240"})

    paragraph_style(doc, "Normal", size=SIZE["tekst"], after=2.5, line=13.8)
    paragraph_style(doc, "Title", size=SIZE["titel"], bold=True, color=BLUE, before=40, after=4, line=29.9)
    paragraph_style(doc, "Subtitle", size=SIZE["ondertitel"], color=BLUE, after=10, line=26.1)
    paragraph_style(doc, "Voorblad", size=12, after=4, line=17.4)
    paragraph_style(doc, "Voorblad meta", size=10, before=8, after=4, line=14.5)
    paragraph_style(doc, "Colofon", size=8.5, after=2, line=12.3)
    paragraph_style(doc, "Colofon waarschuwing", "Colofon", size=8.5, bold=True, color=WARNING)
    paragraph_style(doc, "Heading 1", size=SIZE["kop1"], bold=True, color=BLUE, after=5, line=21.3, keep_next=True,
                    page_break=True)
    paragraph_style(doc, "Heading 2", size=SIZE["kop2"], bold=True, color=BLUE, before=7, after=2.5, line=15.6,
                    keep_next=True)
    paragraph_style(doc, "Heading 3", size=SIZE["kop3"], bold=True, color=BLUE, before=5, after=1.5, line=13.1,
                    keep_next=True)
    paragraph_style(doc, "TOC Heading", size=18, bold=True, color=BLUE, after=6, line=22.5)
    paragraph_style(doc, "toc 1", size=9, bold=True, before=1.8, line=12.2)
    paragraph_style(doc, "toc 2", size=9, line=12.2, left=8)
    paragraph_style(doc, "Caption", size=SIZE["bijschrift"], bold=True, color=GREY, before=4, after=1.5, line=12.3,
                    keep_next=True)
    paragraph_style(doc, "List Bullet", after=1, left=6, hanging=5)
    paragraph_style(doc, "List Bullet 2", after=1, left=12, hanging=5)
    paragraph_style(doc, "List Number", after=1, left=6, hanging=5)
    paragraph_style(doc, "Quote", left=6, color=GREY).paragraph_format.right_indent = Mm(6)
    paragraph_style(doc, "Code", size=8.5, after=2.5, line=12.3, left=2)
    paragraph_style(doc, "Tabeltekst", size=SIZE["tabel"], line=11.1)
    paragraph_style(doc, "Tabeltekst klein", size=SIZE["tabel_klein"], line=9.8)
    paragraph_style(doc, "Figuur", after=4)
    paragraph_style(doc, "Definitieterm", size=SIZE["tekst"], bold=True, color=BLUE, before=2, line=13.8, keep_next=True)
    paragraph_style(doc, "Definitie", after=2.5, left=6)
    paragraph_style(doc, "Header", size=SIZE["koptekst"], line=11.6)
    paragraph_style(doc, "Footer", size=SIZE["koptekst"], line=11.6)
    character_style(doc, "Hyperlink", BLUE, underline=True)
    add_border_or_shading(doc.styles["Code"].element.get_or_add_pPr(),
                          parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="{STYLE.word("zebra")}"/>'))
    add_border_or_shading(doc.styles["Quote"].element.get_or_add_pPr(),
                          parse_xml(f'<w:pBdr {nsdecls("w")}><w:left w:val="single" w:sz="8" w:space="8" '
                                    f'w:color="{STYLE.word("lijn")}"/></w:pBdr>'))
    # Word numbers "List Bullet"/"List Number" through numbering.xml; the renderer writes the
    # bullet or number as text, so remove that numbering to keep one source of truth.
    for name in ("List Bullet", "List Bullet 2", "List Number"):
        ppr = doc.styles[name].element.get_or_add_pPr()
        for num in ppr.findall(qn("w:numPr")):
            ppr.remove(num)
    doc.styles.element.append(parse_xml(TABLE_STYLE))

    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    # 10 mm more text height than the PDF's page (24 and 22 mm): the DOCX starts a page where the
    # PDF does (render.docx, top_level), and Word or LibreOffice, setting the text a little wider
    # than WeasyPrint, must still fit each PDF page on one of its own.
    section.top_margin, section.bottom_margin = Mm(20), Mm(14)
    section.left_margin, section.right_margin = Mm(22), Mm(20)
    section.header_distance = section.footer_distance = Mm(10)

    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    _drop_leftovers(doc)
    props = doc.core_properties
    props.title, props.author, props.language, props.comments = "Huisstijl OD Twente (uvpgen)", \
        "Omgevingsdienst Twente", "nl-NL", ""
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else TARGET
    doc.save(target)
    print(f"wrote {target}")


if __name__ == "__main__":
    main()

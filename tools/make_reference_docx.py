"""Create templates/reference.docx: the Word house style the DOCX renderer writes onto.

The communication department may restyle templates/reference.docx in Word (fonts, colours,
spacing of the styles below); this script only makes the first version and documents
which styles the renderer uses. Run: python tools/make_reference_docx.py
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_LINE_SPACING
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt, RGBColor

FONT = "Noto Sans"
BLUE = RGBColor(0x00, 0x45, 0x7C)
TARGET = Path(__file__).resolve().parent.parent / "templates" / "reference.docx"

TABLE_STYLE = f"""
<w:style {nsdecls('w')} w:type="table" w:customStyle="1" w:styleId="UVPTabel">
  <w:name w:val="UVP Tabel"/>
  <w:basedOn w:val="TableNormal"/>
  <w:uiPriority w:val="59"/>
  <w:qFormat/>
  <w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>
  <w:rPr><w:sz w:val="16"/><w:szCs w:val="16"/></w:rPr>
  <w:tblPr>
    <w:tblBorders>
      <w:bottom w:val="single" w:sz="4" w:space="0" w:color="9AA9B8"/>
      <w:insideH w:val="single" w:sz="4" w:space="0" w:color="9AA9B8"/>
    </w:tblBorders>
    <w:tblCellMar>
      <w:top w:w="45" w:type="dxa"/><w:left w:w="85" w:type="dxa"/>
      <w:bottom w:w="45" w:type="dxa"/><w:right w:w="85" w:type="dxa"/>
    </w:tblCellMar>
  </w:tblPr>
  <w:tblStylePr w:type="firstRow">
    <w:rPr><w:b/><w:bCs/><w:color w:val="FFFFFF"/></w:rPr>
    <w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="00457C"/></w:tcPr>
  </w:tblStylePr>
  <w:tblStylePr w:type="lastRow">
    <w:rPr><w:b/><w:bCs/></w:rPr>
    <w:tcPr>
      <w:tcBorders><w:top w:val="single" w:sz="8" w:space="0" w:color="00457C"/></w:tcBorders>
      <w:shd w:val="clear" w:color="auto" w:fill="E8EEF4"/>
    </w:tcPr>
  </w:tblStylePr>
</w:style>
"""


def paragraph_style(doc, name: str, base: str = "Normal", *, size: float | None = None, bold: bool = False,
                    italic: bool = False, color: RGBColor | None = None, before: float = 0, after: float = 4,
                    left: float = 0, hanging: float = 0, keep_next: bool = False, page_break: bool = False):
    styles = doc.styles
    style = styles[name] if name in [s.name for s in styles] else styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = styles[base] if name != base else None
    font = style.font
    font.name = FONT
    if size:
        font.size = Pt(size)
    font.bold, font.italic = bold or None, italic or None
    if color is not None:
        font.color.rgb = color
    fmt = style.paragraph_format
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    fmt.left_indent = Mm(left) if left else None
    fmt.first_line_indent = Mm(-hanging) if hanging else None
    fmt.keep_with_next = keep_next or None
    fmt.page_break_before = page_break or None
    style.quick_style = True
    return style


def main() -> None:
    doc = Document()
    # Document defaults: font, Dutch language, A4.
    rpr = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for child in list(rpr):
        if child.tag in (qn("w:rFonts"), qn("w:lang")):
            rpr.remove(child)
    rpr.append(parse_xml(f'<w:rFonts {nsdecls("w")} w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" w:cs="{FONT}"/>'))
    rpr.append(parse_xml(f'<w:lang {nsdecls("w")} w:val="nl-NL" w:eastAsia="nl-NL" w:bidi="ar-SA"/>'))

    normal = paragraph_style(doc, "Normal", size=9.5, after=5)
    normal.paragraph_format.line_spacing_rule = WD_LINE_SPACING.MULTIPLE
    normal.paragraph_format.line_spacing = 1.15
    paragraph_style(doc, "Title", size=26, bold=True, color=BLUE, after=10)
    paragraph_style(doc, "Subtitle", size=18, color=BLUE, after=30)
    paragraph_style(doc, "Voorblad", size=12, after=8)
    paragraph_style(doc, "Voorblad meta", size=10, before=24, after=6)
    paragraph_style(doc, "Colofon", size=8.5, after=4)
    paragraph_style(doc, "Colofon waarschuwing", "Colofon", size=8.5, bold=True, color=RGBColor(0x8A, 0x1C, 0x00))
    paragraph_style(doc, "Heading 1", size=17, bold=True, color=BLUE, after=12, keep_next=True, page_break=True)
    paragraph_style(doc, "Heading 2", size=12.5, bold=True, color=BLUE, before=16, after=6, keep_next=True)
    paragraph_style(doc, "Heading 3", size=10.5, bold=True, color=BLUE, before=10, after=3, keep_next=True)
    paragraph_style(doc, "TOC Heading", size=18, bold=True, color=BLUE, after=14)
    paragraph_style(doc, "toc 1", size=9.5, bold=True, before=5, after=1)
    paragraph_style(doc, "toc 2", size=9.5, after=1, left=8)
    paragraph_style(doc, "Caption", size=8.5, bold=True, color=RGBColor(0x33, 0x33, 0x33), before=8, after=3,
                    keep_next=True)
    paragraph_style(doc, "List Bullet", after=2, left=6, hanging=4)
    paragraph_style(doc, "List Bullet 2", after=2, left=12, hanging=4)
    paragraph_style(doc, "List Number", after=2, left=6, hanging=6)
    paragraph_style(doc, "Tabeltekst", size=8, after=0)
    paragraph_style(doc, "Tabeltekst klein", size=7, after=0)
    paragraph_style(doc, "Figuur", after=8, keep_next=False)
    paragraph_style(doc, "Definitieterm", size=9.5, bold=True, color=BLUE, before=5, after=1, keep_next=True)
    paragraph_style(doc, "Definitie", after=3, left=6)
    paragraph_style(doc, "Header", size=8, after=0)
    paragraph_style(doc, "Footer", size=8, after=0)
    # Word numbers "List Bullet"/"List Number" through numbering.xml; the renderer writes the
    # bullet or number as text, so remove that numbering to keep one source of truth.
    for name in ("List Bullet", "List Bullet 2", "List Number"):
        ppr = doc.styles[name].element.get_or_add_pPr()
        for num in ppr.findall(qn("w:numPr")):
            ppr.remove(num)

    doc.styles.element.append(parse_xml(TABLE_STYLE))

    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(24), Mm(22)
    section.left_margin, section.right_margin = Mm(22), Mm(20)
    section.header_distance = section.footer_distance = Mm(10)

    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    doc.core_properties.title = "Huisstijl OD Twente (uvpgen)"
    doc.core_properties.author = "Omgevingsdienst Twente"
    doc.core_properties.language = "nl-NL"
    doc.save(TARGET)
    print(f"wrote {TARGET}")


if __name__ == "__main__":
    main()

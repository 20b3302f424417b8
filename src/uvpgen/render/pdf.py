"""Render stage, PDF: the document -> HTML + print CSS (templates/print.css) -> WeasyPrint.

WeasyPrint may only read the project's own assets (fonts, CSS): the URL fetcher refuses
everything else, so a build never touches the network or files outside templates/. What
WeasyPrint would leave out with no more than a log message (a picture it cannot load, a
character no shipped font has) stops the build instead: the PDF shows all the text says.
"""

from __future__ import annotations

import logging
import mimetypes
import re
import shutil
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from urllib.parse import urlparse
from urllib.request import url2pathname

from ..document import GENERATED, MAX_COLUMNS, MAX_IMAGE_BYTES, Chart, Document, TableBlock, asset_path, plain
from ..errors import InputError
from ..limits import MAX_SOURCE_BYTES, read_bytes
from . import PageLayout
from .charts import svg
from .checks import check_picture, error_at
from .html import to_html
from .style import house_style


def _asset_fetcher(templates_dir: Path, content_dir: Path, charts: tuple[Chart, ...]):
    """Allow only files inside templates/ (CSS, fonts), pictures from content/afbeeldingen/
    (afbeelding:<path>) and the document's own charts (grafiek:<name>, drawn here as SVG);
    refuse URLs, data: and paths outside, also through a linked folder (paths.open_file)."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    by_name = {chart.name: chart for chart in charts}

    class AssetFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("grafiek:") and url.removeprefix("grafiek:") in by_name:
                return URLFetcherResponse(url, body=svg(by_name[url.removeprefix("grafiek:")], house_style(templates_dir)),
                                          headers={"Content-Type": "image/svg+xml"})
            if url.startswith("afbeelding:"):
                path = asset_path(content_dir, url.removeprefix("afbeelding:"))
                if path is not None:
                    content = read_bytes(path, MAX_IMAGE_BYTES)
                    check_picture(path, content)
                    return URLFetcherResponse(url, body=content)
            if url.startswith("file:"):
                path = Path(url2pathname(urlparse(url).path))
                if path.is_relative_to(templates_dir):
                    return URLFetcherResponse(url, body=read_bytes(path, MAX_SOURCE_BYTES),
                                              headers={"Content-Type": mimetypes.guess_type(path.name)[0] or ""})
            raise InputError("verwijzing naar een bestand of adres buiten de projectbestanden geweigerd",
                             value=url, expected="alleen bestanden in templates/")

    return AssetFetcher(allowed_protocols={"file", "grafiek", "afbeelding"}, fail_on_errors=True)


@contextmanager
def _warnings_as_errors(content_dir: Path):
    """WeasyPrint logs what it leaves out (a picture it cannot load or draw, an unusable CSS
    rule or font) and carries on; here the first such record stops the build after the step."""
    records: list[logging.LogRecord] = []
    handler = logging.Handler(logging.WARNING)
    handler.emit = records.append
    logger = logging.getLogger("weasyprint")  # and its child weasyprint.progress
    logger.addHandler(handler)
    try:
        yield
    finally:
        logger.removeHandler(handler)
    if records:
        message = records[0].getMessage()
        picture = re.search(r"afbeelding:([^\s'\"]+)", message)  # a content picture's URL, quoted or not
        if picture:
            raise InputError("afbeelding kan niet in de PDF worden opgenomen", path=content_dir / picture.group(1),
                             value=message, expected="een afbeelding zonder verwijzingen naar andere bestanden of "
                                                     "adressen, die WeasyPrint kan tekenen")
        raise InputError("de PDF zou onvolledig worden", value=message,
                         expected="stijlen, lettertypen en afbeeldingen die WeasyPrint kan gebruiken")


VARIANTS = {"pdf": "pdf/ua-1", "archief": "pdf/a-2b"}


def layout_pdf(document: Document, templates_dir: Path, content_dir: Path):
    """The document laid out in pages by WeasyPrint (a weasyprint.Document). Call `release` when
    done with it. What it could not lay out or show was refused before (render.checks)."""
    import weasyprint  # imported here: it costs half a second and only PDF builds need it
    from weasyprint.text.fonts import FontConfiguration

    house = house_style(templates_dir).css(lambda name: f"fonts/{name}")
    html = weasyprint.HTML(string=to_html(document, house), base_url=str(templates_dir) + "/",
                           url_fetcher=_asset_fetcher(templates_dir, content_dir, document.charts))
    fonts = FontConfiguration()
    try:
        with _input_errors(), _warnings_as_errors(content_dir):
            laid_out = html.render(font_config=fonts)
    except BaseException:
        _remove_font_folder(fonts)
        raise
    laid_out.uvpgen_fonts = fonts
    try:
        check_width(laid_out, document)
    except InputError:
        release(laid_out)
        raise
    return laid_out


def write_pdf(laid_out, content_dir: Path, variants: tuple[str, ...] = ("pdf",)) -> dict[str, bytes]:
    """A laid-out document written as each variant: "pdf" is tagged PDF/UA-1 (for screen readers
    and publication), "archief" tagged PDF/A-2b that also declares PDF/UA-1 (for the archive)."""
    with _input_errors(), _warnings_as_errors(content_dir):
        return {name: laid_out.write_pdf(pdf_variant=VARIANTS[name], pdf_tags=True, finisher=partial(_finish, name))
                for name in variants}


def release(laid_out) -> None:
    """Remove WeasyPrint's temporary copy of the @font-face files: it does so only when the font
    configuration is garbage-collected, which a worker process of --alle never does."""
    _remove_font_folder(laid_out.uvpgen_fonts)


def _remove_font_folder(fonts) -> None:
    if fonts._folder:
        shutil.rmtree(fonts._folder, ignore_errors=True)


@contextmanager
def _input_errors():
    """A refused asset is the writer's input error, not WeasyPrint's."""
    from weasyprint.urls import FatalURLFetchingError

    try:
        yield
    except FatalURLFetchingError as err:
        if isinstance(err.__cause__, InputError):
            raise err.__cause__ from None
        raise


def page_layout(laid_out) -> PageLayout:
    """The page of each heading (by anchor, 1-based) and where the pages begin, from a laid-out
    WeasyPrint document."""
    return PageLayout({anchor: number for number, page in enumerate(laid_out.pages, start=1)
                       for anchor in page.anchors if anchor.startswith("h-")}, page_starts(laid_out))


PX_PER_MM = 96 / 25.4  # WeasyPrint measures in CSS pixels
MARGIN_OF_ERROR = 0.5  # pixels past the right margin that rounding may cause


def check_width(laid_out, document: Document) -> None:
    """Refuse a layout with a block that runs past the right margin: WeasyPrint draws it there and
    the page cuts it off (a table of 40 columns lost 28 of them, without a word). Long words
    break and pictures are scaled to fit; what remains is a table whose columns need more room,
    in words and numbers that do not break, than the page has."""
    block = None  # the block the boxes belong to: only its first element is marked (data-blok)
    for page in laid_out.pages:
        right = page._page_box.content_box_x() + page._page_box.width
        for child in _top_level(page):
            if child.element is not None and child.element.get("data-blok") is not None:
                block = document.blocks[int(child.element.get("data-blok"))]
            over = max(box.position_x + box.margin_width() for box in child.descendants()) - right
            if over > MARGIN_OF_ERROR:
                table = isinstance(block, TableBlock)
                text = " | ".join(plain(cell.inlines) for cell in block.header) if table else ""
                raise error_at(f"{'tabel' if table else 'blok'} is {over / PX_PER_MM:.0f} mm breder dan de pagina en "
                               "zou in de PDF worden afgesneden", getattr(block, "source", GENERATED), text, 0,
                               f"een tabel die op de pagina past: hoogstens {MAX_COLUMNS} kolommen, en minder of "
                               "smallere kolommen naarmate hun woorden en getallen langer zijn")


def _top_level(page) -> list:
    """The boxes of the top-level blocks on a page: the children of the print HTML's <body>."""
    body = next((box for box in page._page_box.descendants() if getattr(box, "element_tag", None) == "body"), None)
    return body.children if body is not None else []


def page_starts(laid_out) -> frozenset[tuple[int, ...]]:
    """The top-level blocks, (block,), and items of top-level lists, (block, item), that open a
    page, unless they are the rest of one begun on the page before. The DOCX breaks its pages
    there (render.docx). Read from the print HTML's marks (data-blok, data-item: render.html) on
    the first box of each page."""
    starts, seen = set(), set()
    for page in laid_out.pages:
        children = _top_level(page)
        first = children[0] if children else None
        block = first.element.get("data-blok") if first is not None and first.element is not None else None
        if block is not None and id(first.element) not in seen:
            starts.add((int(block),))
        elif block is not None and first.children:
            inner = first.children[0]
            item = inner.element.get("data-item") if inner.element is not None else None
            if item is not None and id(inner.element) not in seen:
                starts.add((int(block), int(item)))
        # What this page shows of the blocks and of their items (only these two levels are asked after).
        seen |= {id(box.element) for child in children for box in (child, *getattr(child, "children", ()))
                 if getattr(box, "element", None) is not None}
    return frozenset(starts)


def _finish(variant: str, document, pdf) -> None:
    """write_pdf's finisher: complete the tagging on WeasyPrint's PDF objects before they are
    written (nothing is parsed again), and let the archival PDF/A declare PDF/UA-1 too."""
    _complete_tags(pdf)
    if variant == "archief":
        metadata = pdf.objects[_number(pdf.catalog["Metadata"])]
        metadata.stream[0] = metadata.stream[0].replace(b"</rdf:RDF>", _PDFUA_XMP + b"</rdf:RDF>", 1)


def _number(reference: bytes) -> int:
    """The object number of a pydyf reference, b'12 0 R' -> 12."""
    return int(reference.split()[0])


def _complete_tags(pdf) -> None:
    """What WeasyPrint 70's tagging lacks for PDF/UA-1: header cells get /Scope; the /ID it
    gives them gets the /IDTree ISO 32000-1 §14.7.2 requires; and the running header and page
    numbers, marked as content of structure elements it leaves out of the tree, become
    pagination artifacts (§14.8.2.2), with their entries in the parent tree removed."""
    import pydyf

    objects = pdf.objects
    root = objects[_number(pdf.catalog["StructTreeRoot"])]
    in_tree, ids, pending = set(), [], list(root["K"])
    while pending:
        element = objects[_number(pending.pop())]
        in_tree.add(element.number)
        if element.get("S") == "/TH":
            element["A"]["Scope"] = "/Column"  # Markdown tables have one header row and no row headers
        if "ID" in element:
            ids.append((element["ID"].string, element["ID"], element.reference))
        pending += [kid for kid in element.get("K", ()) if isinstance(kid, bytes)]  # not the MCIDs
    root["IDTree"] = pydyf.Dictionary({"Names": pydyf.Array([item for _, *pair in sorted(ids) for item in pair])})

    page_numbers = pdf.pages["Kids"][::3]
    nums = objects[_number(root["ParentTree"])]["Nums"]
    for page, parents in zip(nums[::2], nums[1::2]):
        if not isinstance(parents, pydyf.Array):
            continue  # an annotation's entry
        outside = {mcid for mcid, parent in enumerate(parents) if _number(parent) not in in_tree}
        content = objects[_number(objects[page_numbers[page]]["Contents"])].stream
        for position, item in enumerate(content):
            if isinstance(item, pydyf.Dictionary) and item.get("MCID") in outside:
                content[position - 1:position + 1] = ["/Artifact", pydyf.Dictionary({"Type": "/Pagination"})]
                parents[item["MCID"]] = "null"
        if any(parents[mcid] != "null" for mcid in outside):
            raise RuntimeError(f"page {page + 1}: marked content outside the structure tree not found")
    for element in objects:  # the elements left out of the tree: nothing refers to them any more
        if isinstance(element, pydyf.Dictionary) and element.get("Type") == "/StructElem" \
                and element.number not in in_tree:
            element.clear()


# The PDF/UA identification and, as PDF/A requires for a schema it does not predefine, its
# description (ISO 14289-1 §5, ISO 19005-2 §6.6.2.3).
_PDFUA_XMP = b"""<rdf:Description rdf:about="" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/" pdfuaid:part="1"/>
<rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" \
xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
<pdfaSchema:schema>PDF/UA identification schema</pdfaSchema:schema>
<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
<pdfaProperty:name>part</pdfaProperty:name>
<pdfaProperty:valueType>Integer</pdfaProperty:valueType>
<pdfaProperty:category>internal</pdfaProperty:category>
<pdfaProperty:description>Part of ISO 14289 the file conforms to</pdfaProperty:description>
</rdf:li></rdf:Seq></pdfaSchema:property>
</rdf:li></rdf:Bag></pdfaExtension:schemas>
</rdf:Description>
"""

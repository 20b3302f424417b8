"""Render stage, PDF: canonical Markdown -> HTML + print CSS (templates/print.css) -> WeasyPrint.

WeasyPrint may only read the project's own assets (fonts, CSS): the URL fetcher refuses
everything else, so a build never touches the network or files outside templates/. What
WeasyPrint would leave out with no more than a log message (a picture it cannot load, a
character no shipped font has) stops the build instead: the PDF shows all the text says.
"""

from __future__ import annotations

import logging
import re
import shutil
import unicodedata
from contextlib import contextmanager
from functools import lru_cache, partial
from pathlib import Path
from urllib.parse import urlparse
from urllib.request import url2pathname

from ..composed import ASSETS, Chart, asset_path
from ..errors import InputError
from .charts import svg
from .html import PageMeta, to_html


def _asset_fetcher(templates_dir: Path, content_dir: Path, charts: tuple[Chart, ...]):
    """Allow only files inside templates/ (CSS, fonts), pictures from content/afbeeldingen/
    (afbeelding:<path>) and the document's own charts (grafiek:<name>, drawn here as SVG);
    refuse URLs, data: and paths outside."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    roots = (templates_dir.resolve(), (content_dir / ASSETS).resolve())
    by_name = {chart.name: chart for chart in charts}

    class AssetFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("grafiek:") and url.removeprefix("grafiek:") in by_name:
                return URLFetcherResponse(url, body=svg(by_name[url.removeprefix("grafiek:")]),
                                          headers={"Content-Type": "image/svg+xml"})
            if url.startswith("afbeelding:"):
                path = asset_path(content_dir, url.removeprefix("afbeelding:"))
                if path is not None:
                    _check_picture(path)
                    return URLFetcherResponse(url, body=path.read_bytes())
            if url.startswith("file:"):
                path = Path(url2pathname(urlparse(url).path)).resolve()
                if any(path.is_relative_to(root) for root in roots):
                    return super().fetch(url, headers)
            raise InputError("verwijzing naar een bestand of adres buiten de projectbestanden geweigerd",
                             value=url, expected="alleen bestanden in templates/")

    return AssetFetcher(allowed_protocols={"file", "grafiek", "afbeelding"}, fail_on_errors=True)


MAX_PICTURE_PIXELS = 25_000_000


def _check_picture(path: Path) -> None:
    """Refuse a raster picture WeasyPrint could not decode in reasonable time and memory (a
    small PNG file can hold 400 megapixels). Pillow reads only the header here."""
    if path.suffix.lower() == ".svg":
        return
    from PIL import Image, UnidentifiedImageError

    limit, Image.MAX_IMAGE_PIXELS = Image.MAX_IMAGE_PIXELS, None  # our own, lower limit follows
    try:
        with Image.open(path) as picture:
            width, height = picture.size
    except (UnidentifiedImageError, OSError):
        raise InputError("afbeelding is onleesbaar", path=path, expected="een geldig PNG- of JPEG-bestand") from None
    finally:
        Image.MAX_IMAGE_PIXELS = limit
    if width * height > MAX_PICTURE_PIXELS:
        raise InputError("afbeelding is te groot", path=path, value=f"{width} × {height} pixels",
                         expected=f"hoogstens {MAX_PICTURE_PIXELS // 1_000_000} megapixel; verklein de afbeelding")


@lru_cache(maxsize=4)
def _printable(fonts_dir: Path) -> frozenset[str]:
    """Every character the shipped fonts (templates/fonts/*.ttf) can show."""
    from fontTools.ttLib import TTFont

    return frozenset(chr(code) for path in sorted(fonts_dir.glob("*.ttf"))
                     for code in TTFont(path, lazy=True)["cmap"].getBestCmap())


def _refuse_unprintable(markdown_text: str, fonts_dir: Path, content_dir: Path) -> None:
    """A character no shipped font has would print as an empty box, or in whatever font the
    machine happens to have: refuse it."""
    missing = {c for c in set(markdown_text) - _printable(fonts_dir)
               if unicodedata.category(c) not in ("Cc", "Cf") and not "\ufe00" <= c <= "\ufe0f"}  # invisible
    if missing:
        first = min(missing, key=markdown_text.index)
        name = unicodedata.name(first, "")
        raise _input_error(f"teken {first!r} (U+{ord(first):04X}{' ' + name if name else ''}) staat niet in het "
                           "lettertype van de PDF", first, markdown_text, content_dir,
                           "tekens die het lettertype Noto Sans kent; laat het teken weg of schrijf het uit")


MAX_BLOCK = 50_000  # characters in one paragraph or table; WeasyPrint lays out some 60 000 a second


def _refuse_huge_blocks(markdown_text: str, content_dir: Path) -> None:
    """A runaway paragraph (5 MB pasted into a text) would keep WeasyPrint busy for minutes."""
    block = max(markdown_text.split("\n\n"), key=len).strip()
    if len(block) > MAX_BLOCK:
        raise _input_error(f"alinea of tabel van {len(block)} tekens", block.splitlines()[0][:60], markdown_text,
                           content_dir, f"hoogstens {MAX_BLOCK} tekens; verdeel de tekst met lege regels in alinea's")


def check_text(markdown_text: str, templates_dir: Path, content_dir: Path) -> None:
    """What every rendering in the house font refuses (the PDF before layout, the web page and the
    preview alike): blocks too long to lay out, characters no shipped font has."""
    _refuse_huge_blocks(markdown_text, content_dir)
    _refuse_unprintable(markdown_text, templates_dir / "fonts", content_dir)


def _input_error(message: str, snippet: str, markdown_text: str, content_dir: Path, expected: str) -> InputError:
    """An error about text in the document, naming the first content file and line that holds
    `snippet`, or else showing the text around it (it came from the data or a template)."""
    for path in sorted(content_dir.rglob("*.md")):
        for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), start=1):
            if snippet in line:
                return InputError(message, path=path, line=number, expected=expected)
    at = markdown_text.index(snippet)
    before, after = (re.sub(r"\s+", " ", part) for part in (markdown_text[max(0, at - 120):at], markdown_text[at:at + 120]))
    return InputError(message, value=(before[-35:] + after[:35]).strip(), expected=expected)  # fits in a message


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


def layout_pdf(markdown_text: str, meta: PageMeta, templates_dir: Path, content_dir: Path,
               charts: tuple[Chart, ...] = ()):
    """The document laid out in pages by WeasyPrint (a weasyprint.Document), after refusing what
    it could not lay out or show: blocks too long to lay out, characters no shipped font has.
    Call `release` when done with it."""
    import weasyprint  # imported here: it costs half a second and only PDF builds need it
    from weasyprint.text.fonts import FontConfiguration

    check_text(markdown_text, templates_dir, content_dir)
    document = weasyprint.HTML(string=to_html(markdown_text, meta), base_url=str(templates_dir.resolve()) + "/",
                               url_fetcher=_asset_fetcher(templates_dir, content_dir, charts))
    fonts = FontConfiguration()
    try:
        with _input_errors(), _warnings_as_errors(content_dir):
            laid_out = document.render(font_config=fonts)
    except BaseException:
        _remove_font_folder(fonts)
        raise
    laid_out.uvpgen_fonts = fonts
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


def heading_pages(laid_out) -> dict[str, int]:
    """Heading anchor -> the 1-based page the heading is on, from a laid-out WeasyPrint document."""
    return {anchor: number for number, page in enumerate(laid_out.pages, start=1)
            for anchor in page.anchors if anchor.startswith("h-")}


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

"""Compose stage: Jinja templates + figures + content -> one canonical Markdown document.

The Markdown written here is the single source of both renderings and is stored next to
them, so a git diff of it shows exactly which words and figures changed.

Headings are numbered here (not in Word or CSS), so the PDF, the DOCX and the diff agree.
The narrative comes from content/ (uvpgen.content).
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import re
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
import jinja2.bccache
from markdown_it import MarkdownIt

from . import claims as claims_check, formatting, requirements, tables
from .claims import ILLUSTRATIVE, Claims, Elsewhere, Site, template_line
from .content import ContentRenderer, ContentSource, Explanation
from .data import NVT, PROGRAMMES, Bron, Deelnemer, DocumentMeta, JaarverslagData, Vaststelling, YearData
from .document import Block, Cell, Chart, Figure, Heading, Image, Source, TableBlock, Text, plain
from .errors import InputError
from .figures import JaarverslagFigures, MonitoringFigures, Trend, TwenteFigures, UvpFigures
from .limits import MAX_SOURCE_BYTES, MAX_TEMPLATE_BYTES, read_bytes
from .markdown import REFERENCE, build_blocks, check_blocks, marked, part_id, placeholder
from .names import TWENTE
from .paths import make_folders
from .requirements import Place
from .tables import Table

# --- numbering and references -------------------------------------------------------------

@dataclass(frozen=True)
class Target:
    """A part of a document a reference can point to, as the reference prints it."""
    noun: str  # "hoofdstuk", "paragraaf", "Bijlage", "Tabel", "Figuur"
    number: str
    title: str

    def label(self, role: str) -> str:
        """As the role asks: ref 'Bijlage 2', ref-titel 'Bijlage 2 (Energie en duurzaamheid)',
        ref-nummer '2' (where the text names the kind of part itself: "Vergunningen (4.1)")."""
        if role == "ref-nummer":
            return self.number
        return f"{self.noun} {self.number}" + (f" ({self.title})" if role == "ref-titel" else "")


@dataclass
class Numbering:
    """Chapter, section, appendix, table and figure numbers, handed out in document order, and
    the nodes compose builds for them (`parts`, by placeholder key: the templates' text holds a
    placeholder where each goes); the tables printed (by id); every part a reference can point
    to (`targets`, by id: a heading's key or title, "tabel-<table id>", "figuur-<chart>"); and
    where each table, keyed section and marked element landed (`places`, for the legal
    completeness check: "tabel:<id>", "sectie:<key>", "element:<name>")."""
    chapter: int = 0
    section: int = 0
    appendix: int = 0
    table: int = 0
    figure: int = 0
    parts: dict[str, Block | Source] = field(default_factory=dict)
    tables: dict[str, Table] = field(default_factory=dict)
    where: str = "Voorblad"  # the section the text being composed belongs to
    places: dict[str, Place] = field(default_factory=dict)
    targets: dict[str, Target] = field(default_factory=dict)
    ambiguous: set[str] = field(default_factory=set)  # ids two parts of this document share
    illustrative: frozenset[str] = frozenset()  # the tables and figures (Bron.delen) that rest on illustrative data
    placed: dict[str, Site] = field(default_factory=dict)  # table id -> the template and line that placed it

    def kop1(self, title: str, key: str | None = None) -> str:
        self.chapter, self.section = self.chapter + 1, 0
        return self._heading(1, str(self.chapter), Target("hoofdstuk", str(self.chapter), title), key)

    def kop2(self, title: str, key: str | None = None) -> str:
        self.section += 1
        number = f"{self.chapter}.{self.section}"
        return self._heading(2, number, Target("paragraaf", number, title), key)

    def bijlage(self, title: str, key: str | None = None) -> str:
        self.appendix += 1
        return self._heading(1, f"Bijlage {self.appendix}", Target("Bijlage", str(self.appendix), title), key)

    def _heading(self, level: int, number: str, target: Target, key: str | None) -> str:
        self.where = number
        if key:
            self.places[f"sectie:{key}"] = Place(number, None, len(self.places))
        target_id = key or part_id(target.title)
        self._target(target_id, target)
        return self._part(Heading(level, number, (Text(target.title),), target_id))

    def source(self, text: str, source: Source) -> str:
        """A writer's text, marked with the file it came from (for ContentRenderer)."""
        key = f"deel {len(self.parts)}"
        self.parts[key] = source
        return marked(text, key)

    def _part(self, node: Block) -> str:
        key = f"deel {len(self.parts)}"
        self.parts[key] = node
        return placeholder(key)

    def _target(self, target_id: str, target: Target) -> None:
        if target_id in self.targets:
            self.ambiguous.add(target_id)
        self.targets[target_id] = target

    def plaats(self, name: str, where: str | None = None) -> str:
        """Mark an element as present here (or in a part without a number, such as the colophon)."""
        self.places[f"element:{name}"] = Place(where or self.where, None, len(self.places))
        return ""

    def tabel(self, table: Table) -> str:
        """A table printed with its number; remembered by its id (unique in the document), and
        where the template placed it (for the claims check)."""
        self.placed[table.id] = template_line()
        if table.caption is None:
            self.places[f"tabel:{table.id}"] = Place(self.where, None, len(self.places))
            return self.place_table(table, None)
        self.table += 1
        self.places[f"tabel:{table.id}"] = Place(self.where, self.table, len(self.places))
        return self.place_table(table, self.table)

    def reserve(self, title: str, key: str) -> tuple[str, int]:
        """An appendix heading and a table number, handed out now for a table built later."""
        heading = self.bijlage(title, key)
        self.table += 1
        return heading, self.table

    def place_table(self, table: Table, number: int | None) -> str:
        if table.id in self.tables:
            raise ValueError(f"tabel-id {table.id!r} komt twee keer voor in één document")
        self.tables[table.id] = table
        if table.caption is None:
            return self._part(table.block(number))
        self._target(f"tabel-{table.id}", Target("Tabel", str(number), table.caption))
        return self._part(dataclasses.replace(table, caption=self._marked(table.caption, table.id)).block(number))

    def figuur(self, title: str, chart: Chart, alt: str) -> str:
        """A chart with its numbered caption."""
        self.figure += 1
        figure_id = f"figuur-{chart.name}"
        self._target(figure_id, Target("Figuur", str(self.figure), title))
        return self._part(Figure(self.figure, (Text(self._marked(title, figure_id)),),
                                 Image(f"grafiek:{chart.name}", (Text(alt),), chart.name), figure_id))

    def _marked(self, caption: str, part: str) -> str:
        """A caption with the mark of a table or figure that rests on illustrative data: visible
        where the reader meets it, in every format."""
        return caption + ILLUSTRATIVE if part in self.illustrative else caption

    def illustrative_parts(self, parts: tuple[str, ...]) -> list[str]:
        """References to the parts of this document among `parts` (Bron.delen), in document order."""
        order = {target_id: index for index, target_id in enumerate(self.targets)}
        found = [target for part in parts
                 if (target := part if part.startswith("figuur-") else f"tabel-{part}") in order
                 and target not in self.ambiguous]
        return [f"{{ref}}`{target}`" for target in sorted(set(found), key=order.__getitem__)]

    def resolve(self, text: str, document: str, where_typed: Callable[[str], tuple[Path | None, int | None]]) -> str:
        """The text, and the cells of the tables placed in it, with every reference replaced by
        the number (and title) of the part it names in this document. A reference to a part this
        document does not have, or has twice, is an input error in the file where the reference
        was typed."""
        def resolved(cell: Cell) -> Cell:
            return Cell(tuple(Text(self._resolve(inline.text, document, where_typed)) if isinstance(inline, Text)
                              else inline for inline in cell.inlines))

        for key, node in self.parts.items():
            if isinstance(node, TableBlock) and any(REFERENCE.search(plain(cell.inlines))
                                                    for row in node.rows for cell in row.cells):
                rows = tuple(dataclasses.replace(row, cells=tuple(map(resolved, row.cells))) for row in node.rows)
                self.parts[key] = dataclasses.replace(node, rows=rows)
        return self._resolve(text, document, where_typed)

    def _resolve(self, text: str, document: str, where_typed: Callable[[str], tuple[Path | None, int | None]]) -> str:
        def replace(match: re.Match[str]) -> str:
            target_id = match.group(2).strip()
            target = self.targets.get(target_id)
            if target is None or target_id in self.ambiguous:
                path, line = where_typed(match.group(0))
                problem = "komt meer dan eens voor in" if target is not None else "staat niet in"
                raise InputError(f"verwijzing naar '{target_id}': dat onderdeel {problem} {document}", path=path,
                                 line=line, value=match.group(0),
                                 expected="het id van een hoofdstuk, paragraaf, bijlage, tabel of figuur van dit "
                                          "document, zoals " + ", ".join(self._examples()))
            return target.label(match.group(1))
        return REFERENCE.sub(replace, text)

    def _examples(self) -> list[str]:
        ids = [target_id for target_id, target in self.targets.items()
               if target_id not in self.ambiguous and target.noun in ("hoofdstuk", "Bijlage")]
        return ids[:20] + (["..."] if len(ids) > 20 else [])


# --- filters ------------------------------------------------------------------------------

def hours(value: int | str) -> str:
    return NVT if value == NVT else formatting.quantity(value)


def uncapitalised(text: str) -> str:
    """'Aandeel Twentse projecten' -> 'aandeel Twentse projecten': a label inside a sentence."""
    return text[:1].lower() + text[1:]


def indent(text: str, width: int = 4) -> str:
    """Indent continuation lines, for block text inside a definition list item."""
    return str(text).strip().replace("\n", "\n" + " " * width).replace("\n" + " " * width + "\n", "\n\n")


class _TemplateLoader(jinja2.BaseLoader):
    """templates/<name>, read as every input is (limits.read_bytes): no link on its way, no '..',
    at most MAX_TEMPLATE_BYTES (a template of 50 MB took a minute and 6,7 GB to compile)."""

    def __init__(self, folder: Path):
        self.folder = folder

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        path = self.folder.joinpath(*jinja2.loaders.split_template_path(template))
        if not os.path.lexists(path):
            raise jinja2.TemplateNotFound(template)
        try:
            source = read_bytes(path, MAX_TEMPLATE_BYTES).decode("utf-8")
        except UnicodeDecodeError:
            raise InputError("sjabloon is geen UTF-8", path=path, expected="UTF-8-tekst") from None
        changed = os.lstat(path).st_mtime_ns
        return source, str(path), lambda: os.path.lexists(path) and os.lstat(path).st_mtime_ns == changed


class _CompiledTemplates(jinja2.FileSystemBytecodeCache):
    """Jinja's compiled templates, kept between builds in a folder of the project that git ignores
    (compiling them took most of the time of composing one document). Each is checked against
    its template's text on use, and the folder is named after this module and Jinja's version,
    which decide how a template compiles; a folder that cannot be written means compiling again.
    Read and written like the project's other files: a link on the way is refused, and a file
    there that is not a regular one (a pipe) is not read."""

    def __init__(self, project: Path):
        super().__init__(str(project / CACHE / _compiler()))
        self.project = project

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        path = Path(self._get_cache_filename(bucket))
        if os.path.lexists(path):
            bucket.bytecode_from_string(read_bytes(path, MAX_SOURCE_BYTES))

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            make_folders(Path(self.directory), self.project)
            super().dump_bytecode(bucket)
        except OSError:
            pass


CACHE = ".uvpgen-cache"  # in the project folder, beside templates/; not in git


def _compiler() -> str:
    """jinja-<hash of Jinja's version and this module>: the folder of templates compiled alike."""
    return "jinja-" + hashlib.sha256(jinja2.__version__.encode() + Path(__file__).read_bytes()).hexdigest()[:16]


@lru_cache(maxsize=4)
def template_environment(templates_dir: Path) -> jinja2.Environment:
    """One environment per templates folder and process, so each template is compiled once (and,
    through `_CompiledTemplates` in <project>/.uvpgen-cache/, once until it changes)."""
    env = jinja2.Environment(loader=_TemplateLoader(templates_dir), undefined=jinja2.StrictUndefined,
                             bytecode_cache=_CompiledTemplates(templates_dir.parent),
                             extensions=["jinja2.ext.do"],
                             autoescape=False, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters.update(getal=formatting.number, aantal=formatting.quantity, procent=formatting.percentage,
                       euro=formatting.euro, euro2=formatting.euro_cents, exact=formatting.exact, datum=formatting.date, verschil=formatting.signed, uren=hours, inspringen=indent,
                       klein=uncapitalised, opsomming=dutch_list)
    return env




# --- documents ----------------------------------------------------------------------------

REGION = "de veertien Twentse gemeenten en de provincie Overijssel"


@dataclass(frozen=True)
class Composed:
    """A document's blocks (uvpgen.document), its charts and tables (by id), and what the writer
    should hear about."""
    blocks: tuple[Block, ...]
    warnings: tuple[str, ...]
    charts: tuple[Chart, ...]
    tables: dict[str, Table]
    elsewhere: tuple[Elsewhere, ...] = ()  # what its sentences say about other documents of the cycle


def content_variables(naam: str, aanduiding: str, jaar: int, totals: dict[str, Any], **extra: Any) -> dict[str, Any]:
    """The figures writers may reference in content, e.g. {{ totaal.toezicht }} -> '8.972'."""
    return {
        "deelnemer": {"naam": naam, "aanduiding": aanduiding},
        "jaar": jaar, "vorig_jaar": jaar - 1, "volgend_jaar": jaar + 1,
        "totaal": {name: formatting.quantity(totals[name]) for name in PROGRAMMES},
        **extra,
    }




def colophon_lines(bronnen: tuple[Bron, ...]) -> list[tuple[str, tuple[str, ...]]]:
    """The illustrative sources as the colophon lists them, one line per kind of source ('de
    prognose, de verdeelsleutel en de lokale projecten van Almelo, Borne en Hengelo'), each with
    the tables and figures that rest on them."""
    by_kind: dict[str, tuple[list[str], list[str]]] = {}
    for bron in sorted(bronnen):
        names, parts = by_kind.setdefault(bron.wat, ([], []))
        names.extend([bron.van] if bron.van else [])
        parts.extend(bron.delen)
    return [(f"{wat} van {dutch_list(names)}" if names else wat, tuple(dict.fromkeys(parts)))
            for wat, (names, parts) in by_kind.items()]


class _Colophon:
    """The colophon's list of illustrative sources, each line with the tables and figures of this
    document that rest on it: compose knows those once the whole document is composed, so the
    template gets lines with a placeholder, filled in afterwards."""

    def __init__(self, bronnen: tuple[Bron, ...]):
        self.groups = colophon_lines(bronnen)
        self.token = f"\x00colofon-{id(self)}-"

    def lines(self) -> list[str]:
        return [f"{line}{self.token}{index}\x00" for index, (line, _) in enumerate(self.groups)]

    def fill(self, text: str, numbering: Numbering) -> str:
        for index, (_, parts) in enumerate(self.groups):
            shown = numbering.illustrative_parts(parts)
            text = text.replace(f"{self.token}{index}\x00", f" ({dutch_list(shown)})" if shown else "")
        return text


def dutch_list(items: list[str]) -> str:
    return ", ".join(items[:-1]) + " en " + items[-1] if len(items) > 1 else "".join(items)


DOCUMENT_KINDS = {"uvp": "uitvoeringsprogramma", "monitoring": "monitoringsrapportage", "jaarverslag": "jaarverslag"}


class _Appendix:
    """The appendix "Verantwoording wettelijke vereisten": a template calls it where the
    appendix goes (before the begrippenlijst) and gets a placeholder; the appendix heading and
    its table number are handed out there, and its rows filled in once the whole document is
    composed and every place is known. Without a call it goes at the end."""
    TITLE = "Verantwoording wettelijke vereisten"

    def __init__(self, numbering: Numbering):
        self.numbering, self.token, self.heading, self.number = numbering, "", "", 0

    def __call__(self) -> str:
        if self.token:
            raise ValueError("de verantwoording van de wettelijke vereisten staat twee keer in het sjabloon")
        self.heading, self.number = self.numbering.reserve(self.TITLE, "verantwoording")
        self.token = f"\x00verantwoording-{id(self)}\x00"
        return self.token


class Explained:
    """A document's deviations (signals, products far from plan) with the writer's explanations.

    An explanation is printed only next to the deviation it names; one naming a deviation the
    figures do not show (any more) is not printed, and the build warns about it."""

    def __init__(self, found: dict[str, Explanation]):
        self.found = found
        self.asked: dict[str, str] = {}  # lower case -> as the document names it

    def __call__(self, key: str) -> str | None:
        self.asked[key.lower()] = key
        explanation = self.found.get(key.lower())
        return explanation.text if explanation else None

    def stale(self) -> tuple[str, ...]:
        names = list(self.asked.values())
        shown = ", ".join(names[:12]) + (f" en nog {len(names) - 12}" if len(names) > 12 else "") or "geen"
        return tuple(f"{e.path}, regel {e.line}: toelichting bij '{e.key}', maar dat is in dit document geen "
                     f"afwijking (meer); de toelichting wordt niet afgedrukt. Afwijkingen in dit document: {shown}"
                     for key, e in sorted(self.found.items()) if key not in self.asked)


@dataclass(frozen=True)
class Adoption:
    """How far a document got, as its cover and colophon say it: a concept (and who will adopt
    it), or adopted by a body on a date and sent to the council and the province."""
    vaststelling: Vaststelling
    orgaan: str  # who adopts a document of this type for this deelnemer (or Twente)
    raad: str  # the representative body it goes to: "de gemeenteraad", "Provinciale Staten"
    provincie: str | None  # the province as interbestuurlijk toezichthouder; None for the province itself

    @property
    def concept(self) -> bool:
        """Not (really) adopted: a concept, or an adoption the data marks as illustrative."""
        return not self.vaststelling.vastgesteld

    @property
    def status(self) -> str:
        return "concept" if self.concept else "vastgesteld"

    @property
    def compleet(self) -> bool:
        """Adopted and sent to everyone it must go to; a concept says who will adopt it."""
        v = self.vaststelling
        return self.concept or (v.raad is not None and (self.provincie is None or v.provincie is not None))


def adoption(meta: DocumentMeta, data: YearData, deelnemer: Deelnemer | None) -> Adoption:
    slug = deelnemer.slug if deelnemer else TWENTE
    soort = deelnemer.soort if deelnemer else TWENTE
    province = next((d for d in data.deelnemers if d.soort == "provincie"), None)
    raad = {"gemeente": "de gemeenteraad", "provincie": "Provinciale Staten",
            "twente": "de gemeenteraden en Provinciale Staten"}[soort]
    return Adoption(meta.adoption(slug), meta.orgaan.get(soort, "het bevoegd gezag"), raad,
                    f"de {province.aanduiding}" if province and soort != "provincie" else None)


def _template_failure(err: BaseException) -> InputError | None:
    """A template that fails while it is rendered (a name it is not given, a macro that calls itself
    without end, an expression such as 1/0) as an input error at the template's line, which Jinja
    puts in the traceback; None for an error raised in uvpgen's own code, which stays internal."""
    frames = [(frame.f_code.co_filename, line) for frame, line in traceback.walk_tb(err.__traceback__)]
    in_templates = [(name, line) for name, line in frames if name.endswith(".j2")]
    if not in_templates:
        return None
    path, line = in_templates[-1]
    if isinstance(err, jinja2.UndefinedError):
        return InputError(f"onbekende naam in sjabloon: {err.message}", path=Path(path), line=line,
                          expected="een naam of eigenschap die het sjabloon krijgt (README, 'Wie wat bewerkt')")
    if isinstance(err, RecursionError):
        return InputError("sjabloon roept zichzelf zonder einde aan", path=Path(path), line=line,
                          expected="een macro of include die niet (via een andere) zichzelf aanroept")
    if frames[-1][0].endswith(".j2"):  # raised by the template's own expression, not by code it called
        return InputError(f"fout in sjabloon: {err}", path=Path(path), line=line,
                          expected="een uitdrukking die een waarde geeft")
    return None


class Composer:
    """Composes the documents of one year: one Jinja environment, one Markdown parser."""

    def __init__(self, data: YearData, templates_dir: Path, content_dir: Path, document_yaml: Path, parser: MarkdownIt):
        self.data, self.templates_dir, self.content_dir, self.parser = data, templates_dir, content_dir, parser
        self.document_yaml = document_yaml  # named by the warnings about adoption
        self.env = template_environment(templates_dir)

    def _compose(self, template_name: str, document: str, kind: str, deelnemer: Deelnemer | None,
                 variables: dict[str, Any], context: dict[str, Any], bronnen: tuple[Bron, ...],
                 charts: tuple[Chart, ...] = (), alts: dict[str, str] | None = None, explanations: str | None = None,
                 also_valid: frozenset[str] = frozenset(), measured: frozenset[str] | None = None) -> Composed:
        """`document` names the content folder and the requirements (uvp, monitoring, jaarverslag),
        `kind` the block of document.yaml (uvp, monitoring-voorjaar, ...); `measured` the indicators
        a jaarverslag measured."""
        slug = deelnemer.slug if deelnemer else TWENTE
        aanduiding = deelnemer.aanduiding if deelnemer else "regio Twente"
        meta = self.data.documenten[kind]
        adopted = adoption(meta, self.data, deelnemer)
        if adopted.vaststelling.illustratief:
            bronnen = tuple(sorted(set(bronnen) | {Bron("de vaststelling van dit document en de datums van toezending")}))
        numbering = Numbering(illustrative=frozenset(part for bron in bronnen for part in bron.delen))
        claims = Claims(parts=1 if deelnemer else len(self.data.deelnemers), illustrative=numbering.illustrative)
        colophon = _Colophon(bronnen)
        content = ContentRenderer(ContentSource(self.content_dir, self.data.jaar, document, slug), variables, self.parser,
                                  numbering.source)
        explained = Explained(content.explanations(explanations) if explanations else {})
        appendix = _Appendix(numbering)
        by_name = {chart.name: chart for chart in charts}
        try:
            text = self.env.get_template(template_name).render(
                data=self.data, jaar=self.data.jaar, tekst=content.section, kop1=numbering.kop1, kop2=numbering.kop2,
                bijlage=numbering.bijlage, tabel=numbering.tabel, t=tables,
                figuur=lambda title, name: numbering.figuur(title, by_name[name], (alts or {})[name]),
                plaats=numbering.plaats, verantwoording=appendix, toelichting=explained,
                grafieken=set(by_name), ondertitel=_capitalised(aanduiding),
                voor_wie=f"de {aanduiding}" if deelnemer else REGION, bronnen=colophon.lines(),
                wie=aanduiding, vaststelling=adopted, bewering=claims, **context)
            if not appendix.token:
                text = text.rstrip() + "\n\n" + appendix() + "\n"
            substance = requirements.Substance(
                tuple(i for doel in self.data.doelen for i in doel.indicatoren), measured, numbering.illustrative,
                adopted.concept, adopted.vaststelling.illustratief)
            judged = requirements.judge(self.data.vereisten.documenten.get(document, []), numbering.places,
                                        deelnemer is None, substance)
            text = colophon.fill(text.replace(appendix.token, self._appendix(appendix, judged, document, claims)), numbering)
        except jinja2.TemplateSyntaxError as err:
            raise InputError(f"fout in sjabloon: {err.message}", path=Path(err.filename or template_name),
                             line=err.lineno) from None
        except InputError:
            raise
        except Exception as err:  # noqa: BLE001 - a template's own mistake is an input error; any other is ours
            failure = _template_failure(err)
            if failure is None:
                raise
            raise failure from None
        title = f"{meta.titel} {self.data.jaar} {aanduiding}"
        text = numbering.resolve(text, f"het document '{title}'",
                                 lambda reference: content.typed.get(reference) or self._typed_in_sources(reference))
        claims_check.check(claims, numbering.tables, numbering.placed, self.data.capaciteit.uurtarief, title)
        warnings = requirements.verdict(judged, adopted.status, title,
                                        self.document_yaml,
                                        f"{kind}.vaststelling.{slug}.status")
        blocks = build_blocks(text, numbering.parts, Source(f"templates/{template_name}"))
        try:
            check_blocks(blocks, charts, self.content_dir)
        except InputError as err:
            raise self._in_data(err) from None
        return Composed(blocks, content.unused_overrides(also_valid) + explained.stale() + warnings, charts,
                        numbering.tables, tuple(claims.elsewhere))

    def _in_data(self, err: InputError) -> InputError:
        """An error in text a template shows, at the line of data/ (or of a template) where the
        refused value was typed, when it can be found there."""
        if err.path is None or err.path.parts[0] != "templates" or not isinstance(err.value, str):
            return err
        path, line = self._typed_in_sources(err.value)
        return InputError(err.message, path=path, line=line, value=err.value, expected=err.expected) if path else err

    def _typed_in_sources(self, reference: str) -> tuple[Path | None, int | None]:
        """The template or data file (and line) where a reference that did not come from content/
        was typed: for the message about a reference that does not resolve."""
        data_dir = self.document_yaml.parent.parent
        for path in [*sorted(self.templates_dir.glob("*.j2")), *sorted(data_dir.rglob("*.yaml"))]:
            try:  # read as the sources are: never a pipe or a link, never more than a source may hold
                text = read_bytes(path, MAX_SOURCE_BYTES).decode("utf-8", errors="replace")
            except InputError:
                continue
            for number, line in enumerate(text.splitlines(), start=1):
                if reference in line:
                    return path, number
        return None, None

    def _appendix(self, appendix: _Appendix, judged: list[requirements.Judged], document: str, claims: Claims) -> str:
        rows = [(item.vereiste.id, item.vereiste.vereiste, item.vereiste.grondslag, ", ".join(item.sections) or "–",
                 ", ".join(str(n) for n in item.tables), item.printed) for item in judged]
        table = tables.verantwoording("Wettelijke vereisten en het oordeel over dit document", rows)
        count = {oordeel: sum(1 for item in judged if item.oordeel is oordeel) for oordeel in requirements.Oordeel}
        return self.env.get_template("_verantwoording.md.j2").render(
            kop=appendix.heading, tabel=appendix.numbering.place_table(table, appendix.number),
            soort=DOCUMENT_KINDS[document], aantal=len(judged), voldaan=count[requirements.Oordeel.VOLDAAN],
            deels=count[requirements.Oordeel.DEELS], niet=count[requirements.Oordeel.NIET],
            ongecontroleerd=sum(1 for item in judged if not item.vereiste.gecontroleerd), oordeel=requirements.Oordeel,
            bewering=claims).strip()

    def uvp(self, figures: UvpFigures) -> Composed:
        """The canonical Markdown of one deelnemer's uitvoeringsprogramma."""
        deelnemer = figures.deelnemer
        variables = content_variables(deelnemer.naam, deelnemer.aanduiding, self.data.jaar, figures.capaciteit)
        context = {"deelnemer": deelnemer, "f": figures, "doc": self.data.documenten["uvp"],
                   "lokale_projecten": self.data.lokale_projecten.get(deelnemer.slug, [])}
        return self._compose("uvp.md.j2", "uvp", "uvp", deelnemer, variables, context, figures.bronnen)

    def twente_uvp(self, figures: TwenteFigures) -> Composed:
        """The canonical Markdown of the uniform Twentse UVP."""
        variables = content_variables("Twente", "regio Twente", self.data.jaar, figures.capaciteit)
        context = {"f": figures, "doc": self.data.documenten["uvp"]}
        return self._compose("twente.md.j2", "uvp", "uvp", None, variables, context, figures.bronnen)

    def monitoring(self, figures: MonitoringFigures, deelnemer: Deelnemer | None,
                   deelnemers: tuple[MonitoringFigures, ...]) -> Composed:
        """A monitoringsrapportage of one deelnemer, or (deelnemer None) of Twente with all `deelnemers`."""
        aanduiding = deelnemer.aanduiding if deelnemer else "regio Twente"
        variables = content_variables(figures.naam, aanduiding, self.data.jaar,
                                      {p: figures.totalen[p].gerealiseerd_uren for p in PROGRAMMES},
                                      periode=figures.periode, peildatum=formatting.date(figures.peildatum))
        charts, alts = monitoring_charts(figures, "Verwacht")
        context = {"f": figures, "doc": self.data.documenten[f"monitoring-{figures.periode}"], "deelnemers": deelnemers,
                   "regel": self.data.monitoring.signalering, "profielen": sorted(self.data.monitoring.seizoensprofielen)}
        template = "monitoring.md.j2" if deelnemer else "monitoring-twente.md.j2"
        return self._compose(template, "monitoring", f"monitoring-{figures.periode}", deelnemer, variables, context,
                             figures.bronnen, charts, alts,
                             explanations=f"toelichting-{figures.periode}",
                             also_valid=frozenset(f"{kind}-{p}" for p in self.data.monitoring.perioden
                                                  for kind in ("toelichting", "signalen")))

    def jaarverslag(self, figures: JaarverslagFigures, deelnemer: Deelnemer | None,
                    deelnemers: tuple[JaarverslagFigures, ...], extra: JaarverslagData) -> Composed:
        """The jaarverslag of one deelnemer, or (deelnemer None) of Twente with all `deelnemers`."""
        aanduiding = deelnemer.aanduiding if deelnemer else "regio Twente"
        measured = [m for _, m in figures.indicatoren]
        targets = sum(1 for m in measured if m.indicator.streefwaarde)
        variables = content_variables(figures.naam, aanduiding, self.data.jaar,
                                      {p: figures.jaar.totalen[p].gerealiseerd_uren for p in PROGRAMMES},
                                      indicatoren={"aantal": len(measured), "met_streefwaarde": targets,
                                                   "zonder_streefwaarde": len(measured) - targets,
                                                   "gemeten": sum(1 for m in measured if m.gemeten)})
        charts, alts = monitoring_charts(figures.jaar, "Gepland")
        compliance = [m for _, m in figures.indicatoren if m.waarde is not None and m.vorig_jaar is not None]
        if compliance:
            chart = Chart("naleefgedrag", "staaf", tuple(m.indicator.naam for m in compliance),
                          ((str(self.data.jaar - 1), tuple(float(m.vorig_jaar) for m in compliance)),
                           (str(self.data.jaar), tuple(float(m.waarde) for m in compliance))), "procent")
            charts += (chart,)
            alts[chart.name] = (f"Staafdiagram: indicatoren {self.data.jaar - 1} en {self.data.jaar}. " + "; ".join(
                f"{m.indicator.naam}: {formatting.percentage(m.vorig_jaar, 1)} in {self.data.jaar - 1}, "
                f"{formatting.percentage(m.waarde, 1)} in {self.data.jaar}" for m in compliance) + ".")
        if figures.trend:
            chart, alt = trend_chart(figures.trend)
            charts += (chart,)
            alts[chart.name] = alt
        context = {"f": figures, "doc": self.data.documenten["jaarverslag"], "deelnemers": deelnemers, "extra": extra,
                   "regel": extra.regels.afwijkingen}
        template = "jaarverslag.md.j2" if deelnemer else "jaarverslag-twente.md.j2"
        return self._compose(template, "jaarverslag", "jaarverslag", deelnemer, variables, context, figures.bronnen,
                             charts, alts, explanations="toelichting",
                             measured=frozenset(m.indicator.id for _, m in figures.indicatoren if m.gemeten))


MONTHS = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")


def monitoring_charts(figures: MonitoringFigures, expected: str) -> tuple[tuple[Chart, ...], dict[str, str]]:
    """The two charts of a report on realisation and their alt texts (which carry the numbers).
    `expected` names the planned series as the caption does: "Verwacht" by a peildatum during the
    year, "Gepland" for the whole year."""
    peildatum = formatting.date(figures.peildatum)
    totals = [figures.totalen[p] for p in PROGRAMMES]
    bars = Chart("realisatie-per-programma", "staaf", tuple(t.naam for t in totals),
                 ((expected, tuple(float(t.verwacht_uren) for t in totals)),
                  ("Gerealiseerd", tuple(float(t.gerealiseerd_uren) for t in totals))), "standaarduren")
    written = dict(figures.verloop.geschreven)
    line = Chart("uren-door-het-jaar", "lijn", MONTHS,
                 (("Verwacht (cumulatief)", tuple(float(v) for v in figures.verloop.verwacht)),
                  ("Geschreven", tuple(float(written[m]) if m in written else None for m in range(1, 13)))), "uren")
    alts = {
        bars.name: f"Staafdiagram: {expected.lower()}e en gerealiseerde standaarduren per programma tot en met "
                   f"{peildatum}. " + "; ".join(f"{t.naam}: {expected.lower()} {formatting.number(t.verwacht_uren)}, "
                                                 f"gerealiseerd {formatting.number(t.gerealiseerd_uren)}" for t in totals) + ".",
        line.name: f"Lijndiagram: verwachte uren door het jaar, oplopend tot "
                   f"{formatting.number(figures.verloop.verwacht[-1])} in december, en de geschreven uren: "
                   + "; ".join(f"{formatting.number(hours)} tot en met eind {MONTHS[month - 1]}"
                               for month, hours in figures.verloop.geschreven) + ".",
    }
    return (bars, line), alts


def trend_chart(trend: Trend) -> tuple[Chart, str]:
    """The jaarverslag's chart of the years side by side: the hours written per programme, a bar per year."""
    years = [y for y in trend.jaren if y.geschreven is not None]
    chart = Chart("verloop-over-de-jaren", "staaf", tuple(p.capitalize() for p in PROGRAMMES),
                  tuple((str(y.jaar), tuple(float(y.geschreven[p]) for p in PROGRAMMES)) for y in years), "uren")
    return chart, ("Staafdiagram: geschreven uren per programma, per jaar. " + "; ".join(
        f"{p.capitalize()}: " + ", ".join(f"{formatting.number(y.geschreven[p])} in {y.jaar}" for y in years)
        for p in PROGRAMMES) + ".")


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]

"""The document types of the policy cycle, in one registry, and the cycle that composes them.

Each type declares its key (the block in document.yaml and the first part of its file names),
how the command line selects it, which data it needs, and how its documents are composed. The
command line, --check, the stale check and the build derive everything from `TYPES`; a new type
(a begroting, a VTH-beleidsplan) is a new entry here plus its templates.

A `Cycle` loads one year's data once, computes the figures once, and composes every document
of every available type: the cross-document check (uvpgen.consistency) needs them all.

The stages a cycle needs are imported when a cycle is made, not with this module: the command
line and the quick "is output/ current?" check use the registry without them, and answer in a
fraction of a second.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from . import document as tree
from .errors import InputError
from .names import TWENTE

if TYPE_CHECKING:
    from . import exports, figures
    from .claims import Elsewhere
    from .compose import Composed
    from .data import DocumentMeta, JaarverslagData, YearData
    from .tables import Table



@dataclass(frozen=True)
class ProjectPaths:
    root: Path

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def templates(self) -> Path:
        return self.root / "templates"

    def document_yaml(self, jaar: int) -> Path:
        """The year's document data (titles, versions, adoption): what a message about them names."""
        return self.data / str(jaar) / "document.yaml"

    def years(self) -> list[int]:
        """The programme years in data/: each data/<jaar>/ with a document.yaml, oldest first."""
        years = sorted(int(p.parent.name) for p in self.data.glob("*/document.yaml")
                       if len(p.parent.name) == 4 and p.parent.name.isdigit())
        if not years:
            raise InputError("geen jaargang gevonden", path=self.data, expected="een map data/<jaar>/ met document.yaml")
        return years

    def latest_year(self) -> int:
        """The programme year the data is for by default: the newest."""
        return self.years()[-1]

    def can_make(self, kind: DocumentType, jaar: int) -> bool:
        """Whether the year has the data the type needs (a report: the exports of its period)."""
        return kind.needs is None or (self.data / str(jaar) / kind.needs).is_dir()


@dataclass(frozen=True)
class DocumentType:
    key: str  # "monitoring-voorjaar": its block in document.yaml, the first part of its file names
    document: str  # the value of --document
    periode: str | None  # the value of --periode
    reports: str | None  # the period of the exports it reports on; None: a programme, made before its year
    compose: Callable[[Cycle, Collection[str] | None], dict[str, Composed]]  # the documents of these slugs (None: all)

    @property
    def needs(self) -> str | None:
        """The folder under data/<jaar>/ without which the type cannot be made yet."""
        return f"realisatie/{self.reports}" if self.reports else None

    @property
    def label(self) -> str:
        return f"{self.document} {self.periode}" if self.periode else self.document


@dataclass(frozen=True)
class Document:
    """One composed document, ready to render: its tree is everything a worker process needs."""
    type: str  # DocumentType.key
    jaar: int
    slug: str
    tree: tree.Document
    tables: dict[str, Table]
    warnings: tuple[str, ...]
    elsewhere: tuple[Elsewhere, ...] = ()  # claims about other documents (uvpgen.claims.check_elsewhere)

    @property
    def stem(self) -> str:
        """uvp-2025-enschede: the document's name in output/, without its format."""
        return document_stem(self.type, self.jaar, self.slug)

    def key(self, fmt: str) -> OutputKey:
        return OutputKey(self.type, self.jaar, self.slug, fmt)

    @property
    def meta(self) -> tree.Meta:
        return self.tree.meta

    @property
    def charts(self) -> tuple[tree.Chart, ...]:
        return self.tree.charts

    @cached_property
    def pictures(self) -> tuple[str, ...]:
        """The content pictures the document shows (not its charts), by path under content/."""
        return tuple(sorted({node.src for node in tree.walk(self.tree.blocks)
                             if isinstance(node, tree.Image) and node.chart is None}))

    @cached_property
    def markdown(self) -> str:
        """The canonical text reviewers diff (output/<jaar>/<deelnemer>/<stem>.md)."""
        from .render.markdown import write_markdown

        return write_markdown(self.tree)


class Cycle:
    """One year of the policy cycle: data, figures and composed documents, each made once."""

    def __init__(self, paths: ProjectPaths, jaar: int):
        from .compose import Composer
        from .data import load_year
        from .markdown import parser

        self.paths = paths
        self.data: YearData = load_year(paths.data, jaar, {kind.key: kind.reports for kind in TYPES})
        self.composer = Composer(self.data, paths.templates, paths.content, paths.document_yaml(jaar), parser())
        self._monitoring: dict[tuple[str, tuple[str, ...]], figures.MonitoringFigures] = {}

    def available(self, kind: DocumentType) -> bool:
        return self.paths.can_make(kind, self.data.jaar)

    @cached_property
    def periods(self) -> dict[str, exports.PeriodRealisation]:
        """Every period with exports, checked together: a cumulative figure never goes down."""
        from . import exports

        loaded = {p: exports.load_period(self.paths.data, self.data, p)
                  for p in self.data.monitoring.perioden
                  if (self.paths.data / str(self.data.jaar) / "realisatie" / p).is_dir()}
        exports.check_cumulative(list(loaded.values()))
        return loaded

    def read_inputs(self) -> None:
        """Read the exports and the jaarverslag's data now, where the documents that need them can
        be made: an error in them stops the build before anything is composed, not after the UVPs."""
        if any(kind.needs and self.available(kind) for kind in TYPES):
            self.periods
        if any(kind.key == "jaarverslag" and self.available(kind) for kind in TYPES):
            self.jaarverslag_data

    def periods_up_to(self, periode: str) -> list[exports.PeriodRealisation]:
        from . import exports

        exports.period_date(self.paths.data, self.data, periode)  # a period monitoring.yaml knows
        order = list(self.periods)
        if periode not in order:
            raise InputError(f"geen exports voor {periode}", path=self.paths.data / str(self.data.jaar) / "realisatie" / periode,
                             expected="CSV- of XLSX-exports met de realisatie")
        return [self.periods[p] for p in order[:order.index(periode) + 1]]

    @cached_property
    def jaarverslag_data(self) -> JaarverslagData:
        from .data import load_jaarverslag

        return load_jaarverslag(self.paths.data, self.data)

    def monitoring(self, periode: str, slugs: list[str], naam: str) -> figures.MonitoringFigures:
        from . import figures

        key = (periode, tuple(slugs))
        if key not in self._monitoring:
            self._monitoring[key] = figures.monitoring_figures(self.data, slugs, naam, self.periods_up_to(periode))
        return self._monitoring[key]

    def jaarverslag(self, slugs: list[str], naam: str) -> figures.JaarverslagFigures:
        """The jaarverslag figures of `slugs` (one deelnemer, or all for Twente), with the signals of
        the last report before it."""
        from . import figures

        last_report = next((p for p in reversed(list(self.periods)) if p != "jaar"), None)
        najaar = self.monitoring(last_report, slugs, naam) if last_report else None
        return figures.jaarverslag_figures(self.data, self.jaarverslag_data, slugs, naam, self.periods_up_to("jaar"),
                                           najaar)

    @cached_property
    def previous(self) -> Cycle | None:
        """The year before, where its jaarverslag can be made: the UVP looks back on it."""
        jaar = self.data.jaar - 1
        if not (self.paths.data / str(jaar) / "document.yaml").is_file():
            return None
        before = Cycle(self.paths, jaar)
        return before if before.available(BY_KEY["jaarverslag"]) else None

    def looked_back(self, slugs: list[str], naam: str) -> list[figures.JaarverslagFigures]:
        """The jaarverslagen of the years before this one, back to the first year that has none,
        oldest first."""
        years, before = [], self.previous
        while before is not None:
            years.insert(0, before.jaarverslag(slugs, naam))
            before = before.previous
        return years

    def documents(self, kind: DocumentType, slugs: Collection[str] | None = None) -> dict[str, Document]:
        """The documents of a type, by slug (the deelnemers and "twente"; `slugs`: only these)."""
        doc = self.data.documenten[kind.key]
        names = {d.slug: d.aanduiding for d in self.data.deelnemers} | {TWENTE: "regio Twente"}
        return {slug: Document(
            type=kind.key, jaar=self.data.jaar, slug=slug,
            tree=tree.Document(tree.Meta(title=f"{doc.titel} {self.data.jaar} {names[slug]}",
                                         running_title=running_title(doc, self.data.jaar, slug, names[slug]),
                                         author=doc.organisatie, subject=doc.ondertitel, date=doc.datum,
                                         keywords=f"OD Twente; VTHA; {kind.label}; {self.data.jaar}"),
                               result.blocks, result.charts),
            tables=result.tables, warnings=result.warnings, elsewhere=result.elsewhere)
            for slug, result in kind.compose(self, slugs).items()}


def running_title(doc: DocumentMeta, jaar: int, slug: str, name: str) -> str:
    """The header of every page: a concept says so on every page, an adopted document does not."""
    title = f"{doc.titel} {jaar} · {name}"
    return f"Concept · {title}" if not doc.adoption(slug).vastgesteld else title


def _per_deelnemer_and_twente(cycle: Cycle, slugs: Collection[str] | None, figures_of: Callable,
                              compose_with: Callable) -> dict[str, Composed]:
    """A report for each deelnemer (figures of its own slug) and for Twente (figures of all
    slugs, plus every deelnemer's figures for the per-deelnemer sections)."""
    deelnemers = cycle.data.deelnemers
    wanted = set(slugs) if slugs is not None else {d.slug for d in deelnemers} | {TWENTE}
    own = {d.slug: figures_of([d.slug], d.kortenaam) for d in deelnemers if d.slug in wanted or TWENTE in wanted}
    composed = {d.slug: compose_with(own[d.slug], d, ()) for d in deelnemers if d.slug in wanted}
    if TWENTE in wanted:
        composed[TWENTE] = compose_with(figures_of([d.slug for d in deelnemers], "Twente"), None, tuple(own.values()))
    return composed


def compose_uvps(cycle: Cycle, slugs: Collection[str] | None) -> dict[str, Composed]:
    from . import figures

    twente = figures.twente_figures(cycle.data)

    def looking_back(uvp: figures.UvpFigures | figures.TwenteFigures, part: list[str], naam: str):
        previous = cycle.looked_back(part, naam)
        return figures.looking_back(uvp, previous) if previous else uvp
    composed = {uvp.deelnemer.slug: cycle.composer.uvp(looking_back(uvp, [uvp.deelnemer.slug], uvp.deelnemer.kortenaam))
                for uvp in twente.deelnemers if slugs is None or uvp.deelnemer.slug in slugs}
    if slugs is None or TWENTE in slugs:
        composed[TWENTE] = cycle.composer.twente_uvp(looking_back(twente, [d.slug for d in cycle.data.deelnemers], "Twente"))
    return composed


def _monitoring(periode: str) -> Callable[[Cycle, Collection[str] | None], dict[str, Composed]]:
    def compose(cycle: Cycle, slugs: Collection[str] | None) -> dict[str, Composed]:
        return _per_deelnemer_and_twente(
            cycle, slugs, lambda part, naam: cycle.monitoring(periode, part, naam),
            lambda f, deelnemer, own: cycle.composer.monitoring(f, deelnemer, own))
    return compose


def compose_jaarverslagen(cycle: Cycle, slugs: Collection[str] | None) -> dict[str, Composed]:
    from . import figures

    def figures_of(part: list[str], naam: str) -> figures.JaarverslagFigures:
        return figures.with_trend(cycle.jaarverslag(part, naam), cycle.looked_back(part, naam))

    return _per_deelnemer_and_twente(cycle, slugs, figures_of,
                                     lambda f, deelnemer, own: cycle.composer.jaarverslag(f, deelnemer, own,
                                                                                          cycle.jaarverslag_data))


TYPES = (
    DocumentType("uvp", "uvp", None, None, compose_uvps),
    DocumentType("monitoring-voorjaar", "monitoring", "voorjaar", "voorjaar", _monitoring("voorjaar")),
    DocumentType("monitoring-najaar", "monitoring", "najaar", "najaar", _monitoring("najaar")),
    DocumentType("jaarverslag", "jaarverslag", None, "jaar", compose_jaarverslagen),
)
BY_KEY = {kind.key: kind for kind in TYPES}


def select(document: str | None, periode: str | None) -> list[DocumentType]:
    """The types a --document/--periode choice names (all types without a choice)."""
    if document is None:
        if periode:
            raise InputError("--periode hoort bij --document monitoring", field="--periode", value=periode)
        return list(TYPES)
    chosen = [k for k in TYPES if k.document == document and (periode is None or k.periode == periode)]
    if any(k.periode for k in chosen) and periode is None:
        raise InputError(f"bij --document {document} hoort --periode", field="--periode",
                         expected=" of ".join(k.periode for k in chosen))
    if not chosen:
        raise InputError(f"--document {document} kent geen periode", field="--periode", value=periode)
    return chosen


def document_stem(kind_key: str, jaar: int, slug: str) -> str:
    """uvp-2025-enschede: a document's name in output/, without its format."""
    return f"{kind_key}-{jaar}-{slug}"


@dataclass(frozen=True)
class OutputKey:
    """One output file, by what it is: document type, year, deelnemer (or Twente) and format.
    Its path follows from it (DESIGN §6), never the other way round."""
    type: str  # DocumentType.key
    jaar: int
    slug: str
    fmt: str

    @property
    def stem(self) -> str:
        return document_stem(self.type, self.jaar, self.slug)

    def path(self, output_dir: Path) -> Path:
        """output/<jaar>/<slug>/<type>-<jaar>-<slug>.<fmt>; archief: …-archief.pdf."""
        name = f"{self.stem}-archief.pdf" if self.fmt == "archief" else f"{self.stem}.{self.fmt}"
        return output_dir / str(self.jaar) / self.slug / name

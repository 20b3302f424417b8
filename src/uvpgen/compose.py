"""Compose stage: Jinja templates + figures + content -> one canonical Markdown document.

The Markdown written here is the single source of both renderings and is stored next to
them, so a git diff of it shows exactly which words and figures changed.

Headings are numbered here (not in Word or CSS), so the PDF, the DOCX and the diff agree.
The narrative comes from content/ (uvpgen.content).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from markdown_it import MarkdownIt

from . import formatting
from .content import ContentRenderer, ContentSource
from .data import NVT, PROGRAMMES, Deelnemer, JaarverslagData, YearData
from .errors import InputError
from .figures import JaarverslagFigures, MonitoringFigures, TwenteFigures, UvpFigures

# --- numbering ----------------------------------------------------------------------------

@dataclass
class Numbering:
    """Chapter, section, appendix and table numbers, handed out in document order."""
    chapter: int = 0
    section: int = 0
    appendix: int = 0
    table: int = 0
    figure: int = 0

    def kop1(self, title: str) -> str:
        self.chapter, self.section = self.chapter + 1, 0
        return f"# {self.chapter} {title}"

    def kop2(self, title: str) -> str:
        self.section += 1
        return f"## {self.chapter}.{self.section} {title}"

    def bijlage(self, title: str) -> str:
        self.appendix += 1
        return f"# Bijlage {self.appendix} {title}"

    def tabel(self, title: str) -> str:
        self.table += 1
        return "{.bijschrift}\n" + f"Tabel {self.table} {title}"

    def figuur(self, title: str) -> str:
        self.figure += 1
        return "{.bijschrift}\n" + f"Figuur {self.figure} {title}"


# --- filters ------------------------------------------------------------------------------

def cell(text: Any) -> str:
    """Text safe inside a Markdown table cell: one line, pipes escaped."""
    return " ".join(str(text).split()).replace("|", "\\|")


def hours(value: int | str) -> str:
    return NVT if value == NVT else formatting.quantity(value)


def indent(text: str, width: int = 4) -> str:
    """Indent continuation lines, for block text inside a definition list item."""
    return str(text).strip().replace("\n", "\n" + " " * width).replace("\n" + " " * width + "\n", "\n\n")


@lru_cache(maxsize=4)
def template_environment(templates_dir: Path) -> jinja2.Environment:
    """One environment per templates folder and process, so each template is compiled once."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(templates_dir), undefined=jinja2.StrictUndefined,
                             autoescape=False, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters.update(getal=formatting.number, aantal=formatting.quantity, procent=formatting.percentage,
                       euro=formatting.euro, euro2=formatting.euro_cents, datum=formatting.date, verschil=formatting.signed, cel=cell, uren=hours, inspringen=indent)
    return env


# --- documents ----------------------------------------------------------------------------

TWENTE = "twente"  # the slug of the regional document (output/<jaar>/twente/, content/<jaar>/twente/)


@dataclass(frozen=True)
class Chart:
    """A chart a document shows: the Markdown refers to it as ![alt](grafiek:<name>); the
    renderers draw it (render.charts) from these numbers."""
    name: str
    kind: str  # "staaf" (grouped bars) or "lijn" (lines; None where a series has no value)
    categories: tuple[str, ...]
    series: tuple[tuple[str, tuple[float | None, ...]], ...]
    y_label: str


@dataclass(frozen=True)
class Composed:
    """A document's canonical Markdown, its charts, and what the writer should hear about."""
    markdown: str
    warnings: tuple[str, ...]
    charts: tuple[Chart, ...] = ()


def content_variables(naam: str, aanduiding: str, jaar: int, totals: dict[str, Any], **extra: Any) -> dict[str, Any]:
    """The figures writers may reference in content, e.g. {{ totaal.toezicht }} -> '8.972'."""
    return {
        "deelnemer": {"naam": naam, "aanduiding": aanduiding},
        "jaar": jaar, "vorig_jaar": jaar - 1, "volgend_jaar": jaar + 1,
        "totaal": {name: formatting.quantity(totals[name]) for name in PROGRAMMES},
        **extra,
    }


def _compose(template_name: str, slug: str, variables: dict[str, Any], context: dict[str, Any],
             data: YearData, templates_dir: Path, content_dir: Path, parser: MarkdownIt,
             document: str = "uvp", charts: tuple[Chart, ...] = (), alts: dict[str, str] | None = None,
             also_valid: frozenset[str] = frozenset()) -> Composed:
    source = ContentSource(content_dir, data.jaar, document, slug)
    content = ContentRenderer(source, variables, parser)
    numbering = Numbering()
    env = template_environment(templates_dir)
    try:
        text = env.get_template(template_name).render(
            data=data, jaar=data.jaar, tekst=content.section, kop1=numbering.kop1, kop2=numbering.kop2,
            bijlage=numbering.bijlage, tabel=numbering.tabel, figuur=numbering.figuur,
            grafiek=lambda name: f"![{(alts or {})[name]}](grafiek:{name})",
            grafieken={chart.name for chart in charts}, **context)
    except jinja2.TemplateSyntaxError as err:
        raise InputError(f"fout in sjabloon: {err.message}", path=Path(err.filename or template_name),
                         line=err.lineno) from None
    return Composed(_tidy(text), content.unused_overrides(also_valid), charts)


REGION = "de veertien Twentse gemeenten en de provincie Overijssel"


def _audience(data: YearData, deelnemer: Deelnemer | None) -> tuple[str, str, dict[str, Any]]:
    """Slug, aanduiding and the cover/colophon context of a document for one deelnemer, or
    (deelnemer None) for the whole region."""
    slug, aanduiding = (deelnemer.slug, deelnemer.aanduiding) if deelnemer else (TWENTE, "regio Twente")
    covered = [deelnemer] if deelnemer else data.deelnemers
    return slug, aanduiding, {
        "ondertitel": _capitalised(aanduiding), "voor_wie": f"de {aanduiding}" if deelnemer else REGION,
        "illustratieve_deelnemers": [d.kortenaam for d in covered if d.illustratief]}


def compose_uvp(data: YearData, figures: UvpFigures, templates_dir: Path, content_dir: Path,
                parser: MarkdownIt) -> Composed:
    """The canonical Markdown of one deelnemer's uitvoeringsprogramma."""
    deelnemer = figures.deelnemer
    slug, aanduiding, audience = _audience(data, deelnemer)
    variables = content_variables(deelnemer.naam, aanduiding, data.jaar, figures.capaciteit)
    context = {"deelnemer": deelnemer, "f": figures, "doc": data.documenten["uvp"], **audience,
               "lokale_projecten": data.lokale_projecten.get(slug, [])}
    return _compose("uvp.md.j2", slug, variables, context, data, templates_dir, content_dir, parser)


def compose_twente(data: YearData, figures: TwenteFigures, templates_dir: Path, content_dir: Path,
                   parser: MarkdownIt) -> Composed:
    """The canonical Markdown of the uniform Twentse UVP."""
    slug, aanduiding, audience = _audience(data, None)
    variables = content_variables("Twente", aanduiding, data.jaar, figures.capaciteit)
    context = {"f": figures, "doc": data.documenten["uvp"], **audience}
    return _compose("twente.md.j2", slug, variables, context, data, templates_dir, content_dir, parser)


MONTHS = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")


def monitoring_charts(figures: MonitoringFigures) -> tuple[tuple[Chart, ...], dict[str, str]]:
    """The two charts of a monitoringsrapportage and their alt texts (which carry the numbers)."""
    peildatum = formatting.date(figures.peildatum)
    totals = [figures.totalen[p] for p in PROGRAMMES]
    bars = Chart("realisatie-per-programma", "staaf", tuple(t.naam for t in totals),
                 (("Verwacht", tuple(float(t.verwacht_uren) for t in totals)),
                  ("Gerealiseerd", tuple(float(t.gerealiseerd_uren) for t in totals))), "standaarduren")
    realised = dict(figures.verloop.gerealiseerd)
    line = Chart("uren-door-het-jaar", "lijn", MONTHS,
                 (("Gepland (cumulatief)", tuple(float(v) for v in figures.verloop.gepland)),
                  ("Geschreven", tuple(float(realised[m]) if m in realised else None for m in range(1, 13)))),
                 "uren")
    alts = {
        bars.name: f"Staafdiagram: verwachte en gerealiseerde standaarduren per programma tot en met {peildatum}. "
                   + "; ".join(f"{t.naam}: verwacht {formatting.number(t.verwacht_uren)}, gerealiseerd "
                               f"{formatting.number(t.gerealiseerd_uren)}" for t in totals) + ".",
        line.name: f"Lijndiagram: geplande uren door het jaar, oplopend tot {formatting.number(figures.verloop.gepland[-1])} "
                   f"in december, en de geschreven uren: "
                   + "; ".join(f"{formatting.number(hours)} tot en met eind {MONTHS[month - 1]}"
                               for month, hours in figures.verloop.gerealiseerd) + ".",
    }
    return (bars, line), alts


def compose_monitoring(data: YearData, figures: MonitoringFigures, deelnemer: Deelnemer | None,
                       deelnemers: tuple[MonitoringFigures, ...], templates_dir: Path, content_dir: Path,
                       parser: MarkdownIt) -> Composed:
    """A monitoringsrapportage of one deelnemer, or (deelnemer None) of Twente with all `deelnemers`."""
    doc = data.documenten[f"monitoring-{figures.periode}"]
    slug, aanduiding, audience = _audience(data, deelnemer)
    variables = content_variables(figures.naam, aanduiding, data.jaar,
                                  {p: figures.totalen[p].gerealiseerd_uren for p in PROGRAMMES},
                                  periode=figures.periode, peildatum=formatting.date(figures.peildatum))
    charts, alts = monitoring_charts(figures)
    context = {"f": figures, "doc": doc, "deelnemers": deelnemers, "regel": data.monitoring.signalering,
               "profielen": sorted(data.monitoring.seizoensprofielen), **audience}
    template = "monitoring.md.j2" if deelnemer else "monitoring-twente.md.j2"
    return _compose(template, slug, variables, context, data, templates_dir, content_dir, parser,
                    document="monitoring", charts=charts, alts=alts,
                    also_valid=frozenset(f"signalen-{p}" for p in data.monitoring.perioden))


def compose_jaarverslag(data: YearData, figures: JaarverslagFigures, deelnemer: Deelnemer | None,
                        deelnemers: tuple[JaarverslagFigures, ...], extra: JaarverslagData, templates_dir: Path,
                        content_dir: Path, parser: MarkdownIt) -> Composed:
    """The jaarverslag of one deelnemer, or (deelnemer None) of Twente with all `deelnemers`."""
    slug, aanduiding, audience = _audience(data, deelnemer)
    variables = content_variables(figures.naam, aanduiding, data.jaar,
                                  {p: figures.jaar.totalen[p].gerealiseerd_uren for p in PROGRAMMES})
    charts, alts = monitoring_charts(figures.jaar)
    compliance = [i for i in figures.indicatoren if "naleefgedrag" in i.naam and i.vorig_jaar is not None
                  and i.waarde is not None]
    if compliance:
        chart = Chart("naleefgedrag", "staaf", tuple(i.naam for i in compliance),
                      ((str(data.jaar - 1), tuple(float(i.vorig_jaar) for i in compliance)),
                       (str(data.jaar), tuple(float(i.waarde) for i in compliance))), "procent")
        charts += (chart,)
        alts[chart.name] = (f"Staafdiagram: indicatoren {data.jaar - 1} en {data.jaar}. " + "; ".join(
            f"{i.naam}: {formatting.percentage(i.vorig_jaar, 1)} in {data.jaar - 1}, "
            f"{formatting.percentage(i.waarde, 1)} in {data.jaar}" for i in compliance) + ".")
    context = {"f": figures, "doc": data.documenten["jaarverslag"], "deelnemers": deelnemers, "extra": extra,
               "regel": extra.regels.afwijkingen, **audience}
    template = "jaarverslag.md.j2" if deelnemer else "jaarverslag-twente.md.j2"
    return _compose(template, slug, variables, context, data, templates_dir, content_dir, parser,
                    document="jaarverslag", charts=charts, alts=alts)


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _tidy(text: str) -> str:
    """At most one blank line in a row and one newline at the end: a stable text to diff."""
    lines, blank = [], False
    for line in text.splitlines():
        line = line.rstrip()
        if not line and blank:
            continue
        blank = not line
        lines.append(line)
    return "\n".join(lines).strip() + "\n"

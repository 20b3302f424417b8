"""Every sentence whose words depend on the data, composed on both sides of its condition.

Each test changes the loaded data of 2025 as little as it takes to flip one condition in a
template (with or without local projects, one or many, ahead of or behind schedule, a target
met or not, a shortage or room in the capacity balance, a signal or none) and composes the
document's canonical Markdown through the real templates; it asserts the exact sentence, or its
decisive clause, on each side. The expected words are written out here; the numbers in them
follow from the data the test sets, worked out in a comment beside them.

The year is loaded once per module from a copy of data/, content/ and templates/ (the content
copy gets explanations for the opposite direction of two deviations the committed content
explains, so a heading can be seen to flip); a test replaces parts of the loaded data with
`model_copy(update=...)` / `dataclasses.replace` and composes one document, which takes a few
hundredths of a second, instead of building the whole cycle.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
import shutil
from dataclasses import replace
from decimal import ROUND_HALF_UP, Decimal as D
from fractions import Fraction

import pytest
from conftest import ROOT, printed_number, printed_table, table_markdown

from uvpgen import figures
from uvpgen.compose import Composed, Composer, Explained, colophon_lines, dutch_list
from uvpgen.content import Explanation
from uvpgen.data import (Ambitieonderwerp, Ambitieonderwerpen, Besparing, Bron, Doel, Energiecontroles, Focuspunt,
                         Formule, Indicator, KcMeting, Ketenpartner, LokaalProject, PrognoseRegel,
                         Rechtsbescherming, Streefwaarde, StreefwaardePlan, Termijn, TWENTE, Vaststelling, Werkvoorraad,
                         WerkvoorraadRegel, WerkvoorraadResultaat, YearData)
from uvpgen.documents import BY_KEY, Cycle, Document, ProjectPaths
from uvpgen.exports import PeriodRealisation, Realised
from uvpgen import document as tree
from uvpgen.markdown import parser
from uvpgen.render.markdown import write_markdown

JAAR = 2025
NBSP = "\u00a0"  # between € and the amount

# Explanations of the opposite direction of two deviations the committed content explains
# (toezicht behind in the voorjaar report, lower than planned in the jaarverslag of Enschede).
EXTRA_EXPLANATIONS = {
    "enschede/monitoring/toelichting-voorjaar.md": "### toezicht voor\n\nToezicht loopt voor.\n",
    "enschede/jaarverslag/toelichting.md": "### toezicht hoger\n\nToezicht deed meer dan gepland.\n",
}


@pytest.fixture(scope="module")
def cycle(tmp_path_factory) -> Cycle:
    root = tmp_path_factory.mktemp("bronnen")
    for name in ("data", "content", "templates"):
        shutil.copytree(ROOT / name, root / name)
    for path, text in EXTRA_EXPLANATIONS.items():
        target = root / "content" / str(JAAR) / path
        target.write_text(target.read_text(encoding="utf-8").rstrip() + "\n\n" + text, encoding="utf-8")
    loaded = Cycle(ProjectPaths(root), JAAR)
    loaded.periods, loaded.jaarverslag_data  # read the exports and the year's accountability once
    return loaded


def compose(cycle: Cycle, kind: str, slug: str, *, data: YearData | None = None, extra=None,
            periods: dict[str, PeriodRealisation] | None = None) -> Document | Composed:
    """One document of the cycle, composed through the templates of the module's copy, with the
    loaded year data, the jaarverslag's data or the exports by period replaced where given."""
    if data is None and extra is None and periods is None:
        return _unchanged(cycle, kind, slug)
    if kind == "uvp" and slug != TWENTE:
        # what the cycle does for one UVP, without the figures of all the other deelnemers
        data = data if data is not None else cycle.data
        return _composer(cycle, data).uvp(figures.uvp_figures(data, slug))
    variant = copy.copy(cycle)
    variant._monitoring = {}  # figures computed from other data do not carry over
    if data is not None:
        variant.data = data
        variant.composer = _composer(cycle, data)
    if extra is not None:
        variant.jaarverslag_data = extra  # a cached_property: the instance attribute takes its place
    if periods is not None:
        variant.periods = periods
    return variant.documents(BY_KEY[kind], [slug])[slug]


def _composer(cycle: Cycle, data: YearData) -> Composer:
    return Composer(data, cycle.paths.templates, cycle.paths.content, cycle.paths.document_yaml(JAAR), parser())


_COMPOSED: dict[tuple[Cycle, str, str], Document] = {}


def _unchanged(cycle: Cycle, kind: str, slug: str) -> Document:
    """A document of the unchanged data, composed once per module (several tests read the same one)."""
    key = (cycle, kind, slug)
    if key not in _COMPOSED:
        _COMPOSED[key] = cycle.documents(BY_KEY[kind], [slug])[slug]
    return _COMPOSED[key]


def text(cycle: Cycle, kind: str, slug: str, **changes) -> str:
    return markdown_of(compose(cycle, kind, slug, **changes))


def markdown_of(composed: Document | Composed) -> str:
    """The canonical text of a document of the cycle, or of one composed on its own."""
    if isinstance(composed, Document):
        return composed.markdown
    return write_markdown(tree.Document(tree.Meta("t", "r", "a"), composed.blocks, composed.charts))


# --- reading the Markdown -------------------------------------------------------------------

def line(markdown: str, start: str) -> str:
    """The one line (a paragraph: the templates write one per line) that starts with `start`."""
    found = [x for x in markdown.splitlines() if x.startswith(start)]
    assert len(found) == 1, f"{len(found)} regels beginnen met {start!r}"
    return found[0]


def section(markdown: str, title: str, *within: str) -> str:
    """The text under the one heading named `title` (without its number), up to the next heading
    of the same or a higher level; with `within`, the heading of that name inside it, and so on
    ("Handhaving" is a programme and a section on decisions)."""
    if within:
        return section(section(markdown, title), *within)
    lines = markdown.splitlines()
    heads = [(i, len(m.group(1))) for i, x in enumerate(lines)
             if (m := re.match(r"(#+) (?:Bijlage \d+ |[\d.]+ )?(.*)$", x)) and m.group(2) == title]
    assert len(heads) == 1, f"{len(heads)} koppen {title!r}"
    start, level = heads[0]
    body = []
    for x in lines[start + 1:]:
        m = re.match(r"(#+) ", x)
        if m and len(m.group(1)) <= level:
            break
        body.append(x)
    return "\n".join(body)


def nl(n: int | D) -> str:
    """A whole number as the documents print it: 1.234."""
    return f"{int(n):,}".replace(",", ".")


# --- changing the loaded data ---------------------------------------------------------------

def edit(model, **changes):
    """A copy of a (frozen) model with whole fields replaced; not validated: the values are the test's."""
    return model.model_copy(update=changes)


def with_prognose(data: YearData, slug: str, counts: dict[str, int | None]) -> YearData:
    """The deelnemer's prognose with these products set (None: removed)."""
    rows = {r.code: r for r in data.prognoses[slug]}
    for code, aantal in counts.items():
        if aantal is None:
            rows.pop(code, None)
        else:
            rows[code] = PrognoseRegel(code=code, aantal=aantal)
    return edit(data, prognoses={**data.prognoses, slug: [rows[c] for c in sorted(rows)]})


def with_meting(extra, slug: str, **changes):
    """The jaarverslag's data with fields of one deelnemer's measurements replaced."""
    return edit(extra, metingen={**extra.metingen, slug: edit(extra.metingen[slug], **changes)})


def with_verantwoording(extra, **changes):
    return edit(extra, verantwoording=edit(extra.verantwoording, **changes))


def with_realised(period: PeriodRealisation, slug: str, counts: dict[str, int | None]) -> PeriodRealisation:
    """The period with the deelnemer's finished count of these products set (None: removed), 10
    hours written per product finished."""
    rows = {(r.deelnemer, r.code): r for r in period.producten}
    for code, aantal in counts.items():
        if aantal is None:
            rows.pop((slug, code), None)
        else:
            rows[(slug, code)] = Realised(slug, code, aantal, D(10 * aantal), "test")
    return replace(period, producten=tuple(rows.values()))


def on_plan(data: YearData, period: PeriodRealisation, slug: str, factor: Fraction = Fraction(1),
            programmes: set[str] | None = None) -> PeriodRealisation:
    """The period with each planned product of the deelnemer (of these programmes) finished as
    expected by the peildatum, times `factor` (rounded half up), with aantal x kental hours;
    unplanned products of those programmes are gone."""
    def touched(code: str) -> bool:
        return programmes is None or data.producten[code].programma in programmes
    rows = [r for r in period.producten if r.deelnemer != slug or not touched(r.code)]
    for regel in data.prognoses[slug]:
        if touched(regel.code):
            share = regel.aantal * data.monitoring.fraction(regel.code, period.peildatum) * factor
            aantal = int(share + Fraction(1, 2))
            rows.append(Realised(slug, regel.code, aantal, aantal * data.producten[regel.code].kentallen[JAAR], "test"))
    return replace(period, producten=tuple(rows))


def periods_with(cycle: Cycle, **changed: PeriodRealisation) -> dict[str, PeriodRealisation]:
    return {**cycle.periods, **changed}


PLAN = StreefwaardePlan(door="het algemeen bestuur", uiterlijk=dt.date(2025, 7, 1))
TARGET = Streefwaarde(maximaal=D(25), vastgesteld=dt.date(2025, 6, 12), door="het algemeen bestuur")


def indicator(id: str, naam: str, *, teller: str | None = "HC", noemer: str = "PC", streefwaarde=None, plan=None,
              soort: str = "output") -> Indicator:
    """An indicator measured as teller / noemer (teller None: qualitative)."""
    return Indicator(id=id, naam=naam, soort=soort, definitie=f"{naam}, gemeten",
                     formule=Formule(teller=teller, noemer=noemer) if teller else None,
                     streefwaarde=streefwaarde, streefwaarde_gepland=plan)


def goals(*indicators: Indicator, doelen: tuple[str, ...] = ("Het naleefgedrag is hoog",),
          onderwerp: str = "Naleefgedrag") -> list[Doel]:
    return [Doel(thema="Regulier werk", ambitie="Risico's zijn beheerst", onderwerp=onderwerp, doelen=list(doelen),
                 indicatoren=list(indicators), activiteiten="Controles.")]


def with_goals(data: YearData, *indicators: Indicator, **kwargs) -> YearData:
    return edit(data, doelen=goals(*indicators, **kwargs))


def kc_meting(peildatum: dt.date, fte: dict[str, str] | None = None, deskundig: dict[str, int] | None = None) -> KcMeting:
    """A measurement of the kwaliteitscriteria in which every taakveld of kwaliteitscriteria.yaml
    has exactly its kritieke massa and every member of staff is deskundig, except as given."""
    massa = {"vergunningen": "4.0", "toezicht": "6.0", "juridisch": "3.0", "bodem": "3.0", "asbest": "2.0",
             "externe-veiligheid": "2.0", "geluid": "2.0", "lucht": "1.5"}
    return KcMeting(peildatum=peildatum, kader="Kwaliteitscriteria 3.0 (toets)",
                    fte={k: D((fte or {}).get(k, v)) for k, v in massa.items()},
                    deskundig={k: (deskundig or {}).get(k, 100) for k in massa})


def with_kc(data: YearData, *metingen: KcMeting) -> YearData:
    return edit(data, kwaliteitscriteria=edit(data.kwaliteitscriteria, metingen=list(metingen)))


# ============================================================================================
# compose.py: lists, the colophon's sources, explanations that no longer apply
# ============================================================================================

@pytest.mark.parametrize("items, expected", [
    ([], ""),
    (["Almelo"], "Almelo"),
    (["Almelo", "Borne"], "Almelo en Borne"),
    (["Almelo", "Borne", "Hengelo"], "Almelo, Borne en Hengelo"),
])
def test_dutch_list_joins_the_last_two_with_en(items, expected):
    assert dutch_list(items) == expected


def test_colophon_names_each_kind_of_source_once_with_whose_it_is():
    bronnen = (Bron("de prognose", "Borne"), Bron("de prognose", "Almelo"), Bron("de kentallen van A1.01.00"),
               Bron("de beschikbare formatie per deelnemer"), Bron("de prognose", "Hengelo"))
    # sorted by kind, then by deelnemer; a kind without a deelnemer stands alone
    assert [line for line, _ in colophon_lines(bronnen)] == ["de beschikbare formatie per deelnemer",
                                                              "de kentallen van A1.01.00",
                                                              "de prognose van Almelo, Borne en Hengelo"]
    assert [line for line, _ in colophon_lines((Bron("de prognose", "Borne"),))] == ["de prognose van Borne"]


def explanation(key: str) -> Explanation:
    return Explanation(key, "Tekst.", "content/2025/enschede/jaarverslag/toelichting.md", 1)


def test_an_explanation_of_a_deviation_that_is_not_there_warns_and_names_the_deviations():
    explained = Explained({"toezicht lager": explanation("toezicht lager"), "advies hoger": explanation("advies hoger")})
    assert explained("Toezicht lager") == "Tekst."  # a deviation the document has: printed, no warning
    assert explained.stale() == (
        "content/2025/enschede/jaarverslag/toelichting.md, regel 1: toelichting bij 'advies hoger', maar dat is in "
        "dit document geen afwijking (meer); de toelichting wordt niet afgedrukt. Afwijkingen in dit document: "
        "Toezicht lager",)
    assert explained.stale()[0].count("geen afwijking") == 1

    nothing_asked = Explained({"advies hoger": explanation("advies hoger")})
    assert nothing_asked.stale()[0].endswith("Afwijkingen in dit document: geen")

    many = Explained({"advies hoger": explanation("advies hoger")})
    for n in range(14):
        many(f"A{n:02d} lager")
    assert many.stale()[0].endswith(", ".join(f"A{n:02d} lager" for n in range(12)) + " en nog 2")


# ============================================================================================
# _document.md.j2: cover and colophon, concept or adopted, sent or not
# ============================================================================================

def adopted(data: YearData, kind: str, slug: str, **vaststelling) -> YearData:
    doc = data.documenten[kind]
    doc = edit(doc, vaststelling={**doc.vaststelling, slug: Vaststelling(**vaststelling)})
    return edit(data, documenten={**data.documenten, kind: doc})


def test_a_concept_says_who_adopts_it_and_where_it_goes(cycle):
    # document.yaml: the monitoring reports are concepts (Borne's made so here); who adopts them
    # (orgaan): a gemeente's college, Gedeputeerde Staten, the algemeen bestuur for Twente.
    data = adopted(cycle.data, "monitoring-voorjaar", "borne", status="concept")
    doc = compose(cycle, "monitoring-voorjaar", "borne", data=data)
    gemeente = doc.markdown
    assert "Concept, ter vaststelling door het college van burgemeester en wethouders\n" in gemeente
    assert line(gemeente, "Status: ") == (
        "Status: concept. Dit document is nog niet vastgesteld. Na vaststelling door het college van burgemeester en "
        "wethouders gaat het ter kennisneming naar de gemeenteraad en naar de provincie Overijssel als "
        "interbestuurlijk toezichthouder.")
    assert "Vastgesteld door" not in gemeente
    assert doc.meta.running_title == "Concept · Monitoringsrapportage voorjaar 2025 · gemeente Borne"  # every page
    # the province is the toezichthouder itself: its report goes to Provinciale Staten only
    provincie = text(cycle, "monitoring-voorjaar", "overijssel")
    assert line(provincie, "Status: ") == (
        "Status: concept. Dit document is nog niet vastgesteld. Na vaststelling door Gedeputeerde Staten gaat het "
        "ter kennisneming naar Provinciale Staten.")
    twente = text(cycle, "monitoring-voorjaar", "twente")
    assert line(twente, "Status: ") == (
        "Status: concept. Dit document is nog niet vastgesteld. Na vaststelling door het algemeen bestuur van de "
        "Omgevingsdienst Twente gaat het ter kennisneming naar de gemeenteraden en Provinciale Staten en naar de "
        "provincie Overijssel als interbestuurlijk toezichthouder.")


def test_an_adopted_document_says_by_whom_when_and_where_it_was_sent(cycle):
    data = adopted(cycle.data, "monitoring-voorjaar", "borne", status="vastgesteld", datum=dt.date(2025, 6, 3),
                   door="het college van Borne", raad=dt.date(2025, 6, 10), provincie=dt.date(2025, 6, 11))
    doc = compose(cycle, "monitoring-voorjaar", "borne", data=data)
    markdown = doc.markdown
    assert doc.meta.running_title == "Monitoringsrapportage voorjaar 2025 · gemeente Borne"
    assert "Vastgesteld door het college van Borne op 3 juni 2025\n" in markdown
    assert "Concept, ter vaststelling" not in markdown
    assert line(markdown, "Status: ") == (
        "Status: vastgesteld door het college van Borne op 3 juni 2025. Ter kennisneming gezonden aan de "
        "gemeenteraad op 10 juni 2025; aan de provincie Overijssel als interbestuurlijk toezichthouder op 11 juni 2025.")


def test_an_adopted_document_not_sent_yet_says_so(cycle):
    data = adopted(cycle.data, "monitoring-voorjaar", "borne", status="vastgesteld", datum=dt.date(2025, 6, 3),
                   door="het college van Borne")
    assert line(text(cycle, "monitoring-voorjaar", "borne", data=data), "Status: ") == (
        "Status: vastgesteld door het college van Borne op 3 juni 2025. Nog niet gezonden aan de gemeenteraad; "
        "nog niet aan de provincie Overijssel als interbestuurlijk toezichthouder.")
    # sent to the council only
    data = adopted(cycle.data, "monitoring-voorjaar", "borne", status="vastgesteld", datum=dt.date(2025, 6, 3),
                   door="het college van Borne", raad=dt.date(2025, 6, 10))
    assert line(text(cycle, "monitoring-voorjaar", "borne", data=data), "Status: ") == (
        "Status: vastgesteld door het college van Borne op 3 juni 2025. Ter kennisneming gezonden aan de "
        "gemeenteraad op 10 juni 2025; nog niet aan de provincie Overijssel als interbestuurlijk toezichthouder.")
    # the province's own report has no toezichthouder to go to
    data = adopted(cycle.data, "monitoring-voorjaar", "overijssel", status="vastgesteld", datum=dt.date(2025, 6, 3),
                   door="Gedeputeerde Staten", raad=dt.date(2025, 6, 10))
    assert line(text(cycle, "monitoring-voorjaar", "overijssel", data=data), "Status: ") == (
        "Status: vastgesteld door Gedeputeerde Staten op 3 juni 2025. Ter kennisneming gezonden aan Provinciale "
        "Staten op 10 juni 2025.")


def nothing_illustrative(data: YearData) -> YearData:
    """The year's data with no source marked illustrative (the figures stay as they are)."""
    doelen = [edit(d, indicatoren=[edit(i, streefwaarde_gepland=edit(i.streefwaarde_gepland, illustratief=False))
                                   if i.streefwaarde_gepland else i for i in d.indicatoren]) for d in data.doelen]
    energie = edit(data.energie, tabellen=[edit(t, bijdragen=edit(t.bijdragen, illustratief=False)) if t.bijdragen else t
                                           for t in data.energie.tabellen])
    uvp = data.documenten["uvp"]
    uvp = edit(uvp, vaststelling={slug: edit(v, illustratief=False) for slug, v in uvp.vaststelling.items()})
    # A real adoption needs every article checked: as if a lawyer had checked the ones still open.
    vereisten = edit(data.vereisten, documenten={kind: [edit(v, gecontroleerd=v.gecontroleerd or ["ob-tekst"]) for v in items]
                                                 for kind, items in data.vereisten.documenten.items()})
    return edit(data, vereisten=vereisten, deelnemers=[edit(d, illustratief=False) for d in data.deelnemers],
                producten={code: edit(p, illustratief=False) for code, p in data.producten.items()},
                capaciteit=edit(data.capaciteit, illustratief=False),
                bedrijvenbestand=edit(data.bedrijvenbestand, illustratief=False),
                kwaliteitscriteria=edit(data.kwaliteitscriteria, illustratief=False),
                ambitieonderwerpen=edit(data.ambitieonderwerpen, illustratief=False), doelen=doelen, energie=energie,
                werkvoorraad={slug: edit(w, illustratief=False) for slug, w in data.werkvoorraad.items()},
                documenten={**data.documenten, "uvp": uvp})


def test_the_colophon_warns_only_when_a_source_is_illustrative(cycle):
    real = nothing_illustrative(cycle.data)
    markdown = text(cycle, "uvp", "enschede", data=real)
    assert "Let op:" not in markdown and "{.colofon-waarschuwing}" not in markdown

    one = edit(real, capaciteit=edit(real.capaciteit, illustratief=True))
    markdown = text(cycle, "uvp", "enschede", data=one)
    balance = re.search(r"^Tabel (\d+) Benodigde en beschikbare capaciteit .* \(illustratief\)$", markdown, re.M)
    assert ("Let op: deze gegevens in dit document zijn illustratief. Ze komen niet uit het zaaksysteem of uit een "
            f"vastgesteld programma:\n\n- de beschikbare formatie per deelnemer (Tabel {balance.group(1)})\n:::") in markdown
    # that table, and the two sentences that state its figures (the balance and the shortages)
    assert markdown.count("(illustratief)") == 3 and markdown.count(" (illustratief).") == 2


# ============================================================================================
# _monitoring.md.j2 and _jaarverslag.md.j2: the exports, illustrative or not
# ============================================================================================

EXPORTS_CLAUSE = "; in deze versie zijn dat illustratieve exports (zie het colofon)"


def real_exports(cycle: Cycle) -> dict[str, PeriodRealisation]:
    return {name: replace(p, illustratief=False) for name, p in cycle.periods.items()}


def test_the_monitoring_says_its_exports_are_illustrative_only_when_they_are(cycle):
    # Enschede's prognose and products are not illustrative: only the exports can be.
    data = nothing_illustrative(cycle.data)
    made_up = text(cycle, "monitoring-voorjaar", "enschede", data=data)
    assert ("Ze komen uit de exports van het zaaksysteem met de stand op die datum" + EXPORTS_CLAUSE + ".") in made_up
    real = text(cycle, "monitoring-voorjaar", "enschede", data=data, periods=real_exports(cycle))
    assert "Ze komen uit de exports van het zaaksysteem met de stand op die datum. *Verwacht*" in real
    assert EXPORTS_CLAUSE not in real


def test_real_exports_are_not_called_illustrative_because_the_prognose_is(cycle):
    data = nothing_illustrative(cycle.data)
    data = edit(data, deelnemers=[edit(d, illustratief=d.slug == "enschede") for d in data.deelnemers])
    markdown = text(cycle, "monitoring-voorjaar", "enschede", data=data, periods=real_exports(cycle))
    assert "- de prognose, de verdeelsleutel en de lokale projecten van Enschede" in markdown  # the colophon says so
    assert EXPORTS_CLAUSE not in markdown


def test_the_monitoring_names_the_products_with_a_seasonal_profile(cycle):
    start = "*Verwacht* is het deel van de jaarprognose dat op die datum gereed had moeten zijn: "
    # voorjaar: peildatum 30 april, 4 of 12 months = 33,3%
    monitoring = edit(cycle.data.monitoring, seizoensprofielen={})
    markdown = text(cycle, "monitoring-voorjaar", "enschede", data=edit(cycle.data, monitoring=monitoring))
    assert start + "pro rata 4 van de 12 maanden (33,3%). Producten tellen mee" in markdown
    profile = cycle.data.monitoring.seizoensprofielen["A1.35.03"]
    monitoring = edit(cycle.data.monitoring, seizoensprofielen={"A1.35.03": profile, "A2.09.10": profile})
    markdown = text(cycle, "monitoring-voorjaar", "enschede", data=edit(cycle.data, monitoring=monitoring))
    assert (start + "pro rata 4 van de 12 maanden (33,3%), behalve voor producten met een seizoensprofiel "
            "(A1.35.03, A2.09.10). Producten tellen mee") in markdown


# ============================================================================================
# _monitoring.md.j2: signals, their explanations, programmes without products, costs
# ============================================================================================

def voorjaar(cycle: Cycle, data: YearData, **counts: int | None) -> dict[str, PeriodRealisation]:
    """Enschede's voorjaar on plan, with these products (code with _ for .) finished instead."""
    period = on_plan(data, cycle.periods["voorjaar"], "enschede")
    period = with_realised(period, "enschede", {code.replace("_", "."): n for code, n in counts.items()})
    return periods_with(cycle, voorjaar=period)


def test_no_signal_when_everything_is_on_plan(cycle):
    # Every product finished exactly as expected by 30 april: no deviation beyond 10 procentpunt
    # (at most half a product of a prognose of at least 20: 2,5 procentpunt).
    doc = compose(cycle, "monitoring-voorjaar", "enschede", periods=voorjaar(cycle, cycle.data))
    signals = section(doc.markdown, "Signalen")
    assert "Geen programma wijkt meer dan 10 procentpunt af van de verwachting." in signals
    assert "Geen product wijkt meer dan 10 procentpunt af van de verwachting." in signals
    assert "signalen-programma" not in doc.tables and "signalen-product" not in doc.tables
    assert "Toelichting op de signalen" not in doc.markdown  # the explanations of Enschede name no signal here


@pytest.mark.parametrize("finished, direction", [(0, "achter op schema"), (200, "voor op schema")])
def test_a_product_and_its_programme_behind_or_ahead_of_schedule(cycle, finished, direction):
    # A2.02.05 (kental 11) with a prognose of 300: expected by 30 april 300 x 4/12 = 100,0. Finished
    # 0: (0 - 100) / 300 = -33,3 procentpunt, behind; finished 200: +33,3, ahead. Toezicht as a
    # programme (the rest on plan) is then 100 x 11 = 1.100 standard hours off out of about 8.000
    # planned: more than 10 procentpunt, in the same direction.
    data = with_prognose(cycle.data, "enschede", {"A2.02.05": 300})
    doc = compose(cycle, "monitoring-voorjaar", "enschede", data=data,
                  periods=voorjaar(cycle, data, A2_02_05=finished))
    sign = "-" if finished < 100 else "+"
    assert (f"| A2.02.05 | Periodieke controle standaard | 300 | 100,0 | {finished} | {sign}33,3 | {direction} |"
            in doc.markdown)
    assert doc.tables["signalen-programma"].cell("toezicht", "Signaal") == direction
    signals = section(doc.markdown, "Signalen")
    assert "Geen programma wijkt" not in signals and "Geen product wijkt" not in signals
    # the explanation that names the signal (content/2025/enschede/monitoring/toelichting-voorjaar.md,
    # plus "toezicht voor" in this module's copy) is printed under the signal's own words
    explained = section(doc.markdown, "Toelichting op de signalen")
    assert f"### Programma toezicht: {direction}\n" in explained
    other = "voor op schema" if direction == "achter op schema" else "achter op schema"
    assert f"### Programma toezicht: {other}" not in explained
    if finished == 0:  # only "A2.02.05 achter" is explained in the content
        assert "### A2.02.05 Periodieke controle standaard: achter op schema\n" in explained


def test_a_product_finished_without_a_prognose_is_a_signal(cycle):
    # A2.20.00 Controle ontgronding is not in Enschede's prognose; 3 finished.
    doc = compose(cycle, "monitoring-voorjaar", "enschede", periods=voorjaar(cycle, cycle.data, A2_20_00=3))
    assert doc.tables["signalen-product"].cell("A2.20.00", "Signaal") == "niet in de prognose"
    assert "Geen product wijkt" not in doc.markdown


@pytest.mark.parametrize("kind, title", [("monitoring-voorjaar", "Advies"), ("jaarverslag", "Advies")])
def test_a_programme_without_products(cycle, kind, title):
    sentence = "In dit programma zijn geen producten geraamd of afgerond."
    advies = [r.code for r in cycle.data.prognoses["enschede"] if r.code.startswith("A4.")]
    data = with_prognose(cycle.data, "enschede", dict.fromkeys(advies))
    periods = {name: replace(p, producten=tuple(r for r in p.producten
                                                 if not (r.deelnemer == "enschede" and r.code.startswith("A4."))))
               for name, p in cycle.periods.items()}
    without = section(text(cycle, kind, "enschede", data=data, periods=periods), title)
    assert sentence in without and "Tabel" not in without
    present = section(text(cycle, kind, "enschede"), title)
    assert sentence not in present and "Realisatie advies" in present


def costs_sentence(markdown: str) -> str | None:
    found = [x for x in section(markdown, "Kosten").splitlines() if x.startswith("Bij dit tempo")]
    return found[0] if found else None


def test_the_costs_by_year_end_more_or_less_than_planned(cycle):
    period = cycle.periods["voorjaar"]
    # Nothing written by 30 april: by year end the programme costs nothing, so it is the whole
    # planned amount (the total of the column "Gepland (kosten)") less than planned.
    idle = replace(period, producten=tuple(replace(r, uren=D(0)) if r.deelnemer == "enschede" else r
                                           for r in period.producten))
    doc = compose(cycle, "monitoring-voorjaar", "enschede", periods=periods_with(cycle, voorjaar=idle))
    planned = doc.tables["kosten"].cell("totaal", "Gepland (kosten)")
    assert costs_sentence(doc.markdown) == (f"Bij dit tempo kost het programma aan het eind van het jaar {planned} "
                                            "minder dan gepland (illustratief).")
    # Twice the expected work with its hours: by year end more than planned, by the table's difference.
    busy = on_plan(cycle.data, period, "enschede", factor=Fraction(2))
    doc = compose(cycle, "monitoring-voorjaar", "enschede", periods=periods_with(cycle, voorjaar=busy))
    difference = doc.tables["kosten"].cell("totaal", "Verschil (€)")
    assert difference.startswith(f"+€{NBSP}")
    assert costs_sentence(doc.markdown) == (f"Bij dit tempo kost het programma aan het eind van het jaar "
                                            f"{difference[1:]} meer dan gepland (illustratief).")


def test_no_costs_sentence_when_the_year_end_is_as_planned(cycle):
    # A report at 31 december (everything expected), each programme's planned hours written on its
    # first product: by year end each programme costs exactly what was planned.
    planned: dict[str, D] = {}
    first: dict[str, str] = {}
    for regel in cycle.data.prognoses["enschede"]:
        product = cycle.data.producten[regel.code]
        planned[product.programma] = planned.get(product.programma, D(0)) + regel.aantal * product.kentallen[JAAR]
        first.setdefault(product.programma, regel.code)
    assert all(hours == int(hours) for hours in planned.values())  # whole hours, so nothing rounds
    rows = [r for r in cycle.periods["voorjaar"].producten if r.deelnemer != "enschede"]
    rows += [Realised("enschede", code, 0, planned[programma], "test") for programma, code in first.items()]
    december = replace(cycle.periods["voorjaar"], peildatum=dt.date(2025, 12, 31), producten=tuple(rows))
    doc = compose(cycle, "monitoring-voorjaar", "enschede", periods=periods_with(cycle, voorjaar=december))
    assert doc.tables["kosten"].cell("totaal", "Verschil (€)") == f"€{NBSP}0"
    assert costs_sentence(doc.markdown) is None


@pytest.mark.parametrize("kind", ["monitoring-voorjaar", "jaarverslag"])
def test_only_twente_says_its_costs_are_the_sum_of_the_deelnemers(cycle, kind):
    clause = "afgerond op hele euro's per deelnemer;"  # the Twente amounts sum the deelnemers' rounded euros
    assert clause in text(cycle, kind, "twente")
    assert clause not in text(cycle, kind, "enschede")


# ============================================================================================
# uvp.md.j2 and its parts: programmes, local projects, backlog, shares, projects
# ============================================================================================

def test_uvp_programme_without_products(cycle):
    sentence = "In dit programma zijn voor dit jaar geen producten geraamd."
    advies = [r.code for r in cycle.data.prognoses["borne"] if r.code.startswith("A4.")]
    without = section(text(cycle, "uvp", "borne", data=with_prognose(cycle.data, "borne", dict.fromkeys(advies))),
                      "Programma Advies")
    assert sentence in without and "Prognose advies 2025" not in without
    # one advies product: A4.05.00 Advies bodem, 4
    one = with_prognose(cycle.data, "borne", {**dict.fromkeys(advies), "A4.05.00": 4})
    present = section(text(cycle, "uvp", "borne", data=one), "Programma Advies")
    assert sentence not in present and "Prognose advies 2025" in present and "| A4.05.00 | Advies bodem | 4 |" in present


def test_uvp_with_and_without_local_projects(cycle):
    sentence = "Voor de gemeente Enschede zijn voor 2025 geen lokale projecten afgesproken."
    lokaal = {k: v for k, v in cycle.data.lokale_projecten.items() if k != "enschede"}
    without = section(text(cycle, "uvp", "enschede", data=edit(cycle.data, lokale_projecten=lokaal)), "Lokale projecten")
    assert sentence in without and "Tabel" not in without
    project = LokaalProject(naam="Geluidskaart", opdracht="Geluidskaart actualiseren", capaciteit_uren=120)
    data = edit(cycle.data, lokale_projecten={**lokaal, "enschede": [project]})
    present = section(text(cycle, "uvp", "enschede", data=data), "Lokale projecten")
    assert sentence not in present and "| Geluidskaart | Geluidskaart actualiseren | 120 |" in present


def test_uvp_with_and_without_a_backlog(cycle):
    sentence = "Voor de gemeente Borne is geen werkvoorraad onder de PDC Wabo meer open."
    assert "borne" not in cycle.data.werkvoorraad
    assert sentence in section(text(cycle, "uvp", "borne"), "Werkvoorraad Wabo")
    backlog = Werkvoorraad(illustratief=False, regels=[WerkvoorraadRegel(product="Vergunning oud recht", aantal=7,
                                                                         kental=D("9.5"))])
    data = edit(cycle.data, werkvoorraad={**cycle.data.werkvoorraad, "borne": backlog})
    present = section(text(cycle, "uvp", "borne", data=data), "Werkvoorraad Wabo")
    assert sentence not in present and "| Vergunning oud recht | 7 | 9,5 | 66,5 |" in present  # 7 x 9,5


def shares(data: YearData, percentages: dict[str, str], project_hours: int) -> YearData:
    """A verdeelsleutel of only these deelnemers (the others 0%) and one Twents project of these hours."""
    deelnemers = [edit(d, verdeelsleutel={JAAR: D(percentages.get(d.slug, "0"))}) for d in data.deelnemers]
    return edit(data, deelnemers=deelnemers, projecten=[edit(data.projecten[0], capaciteit_uren=project_hours)])


def project_share(cycle: Cycle, data: YearData, slug: str) -> str:
    """The sentence on the deelnemer's share in the Twentse projecten."""
    found = [x for x in text(cycle, "uvp", slug, data=data).splitlines()
             if x.startswith("Op basis van de verdeelsleutel") and " in de Twentse projecten " in x]
    assert len(found) == 1
    return found[0]


def test_a_share_rounded_against_plain_rounding_says_which_way_and_why(cycle):
    why = ("afgerond op hele uren zodat de aandelen van alle deelnemers samen precies 1 uur zijn (de methode van de "
           "grootste resten) (illustratief).")
    # 1 hour, Almelo and Borne 50% each: exactly 0,5 each. Rounded down both get 0, the hour left
    # goes to the largest remainder, a tie broken by slug: Almelo 1 (as plain rounding of 0,5), Borne 0.
    data = shares(cycle.data, {"almelo": "50", "borne": "50"}, 1)
    assert project_share(cycle, data, "borne") == (
        "Op basis van de verdeelsleutel (50,00%) is het aandeel van de gemeente Borne in de Twentse projecten 0 uur. "
        "Precies is dat 1 uur × 50,00% = 0,5 uur; het aandeel is naar beneden " + why)
    assert project_share(cycle, data, "almelo") == (
        "Op basis van de verdeelsleutel (50,00%) is het aandeel van de gemeente Almelo in de Twentse projecten 1 uur. "
        "Precies is dat 1 uur × 50,00% = 0,5 uur, afgerond op hele uren (illustratief).")
    # 1 hour, Almelo 40%, Borne and Dinkelland 30%: 0,4, 0,3 and 0,3 all round to 0; the hour goes to
    # the largest remainder, Almelo: 1 where plain rounding gives 0.
    data = shares(cycle.data, {"almelo": "40", "borne": "30", "dinkelland": "30"}, 1)
    assert project_share(cycle, data, "almelo") == (
        "Op basis van de verdeelsleutel (40,00%) is het aandeel van de gemeente Almelo in de Twentse projecten 1 uur. "
        "Precies is dat 1 uur × 40,00% = 0,4 uur; het aandeel is naar boven " + why)


def test_service_financing(cycle):
    first = cycle.data.diensten[0]
    for financiering, expected in (("begroting", "Begroting"), ("verdeelsleutel", "Verdeelsleutel")):
        data = edit(cycle.data, diensten=[edit(first, financiering=financiering), *cycle.data.diensten[1:]])
        assert compose(cycle, "uvp", "borne", data=data).tables["diensten"].cell(str(first.nr), "Financiering") == expected


def test_project_appendix_financing_and_hours(cycle):
    first = cycle.data.projecten[0]
    own = edit(first, financiering="verdeelsleutel", financiering_toelichting=None, capaciteit_uren=1500)
    external = edit(first, financiering="extern", financiering_toelichting="SPUK", capaciteit_uren="n.v.t.")
    for project, hours, financing in ((own, "1.500 uur", "Verdeelsleutel"), (external, "n.v.t.", "Extern gefinancierd (SPUK)")):
        data = edit(cycle.data, projecten=[project, *cycle.data.projecten[1:]])
        appendix = section(text(cycle, "uvp", "borne", data=data), f"{first.code} {first.titel}")
        assert f"Capaciteit (uren)\n:   {hours}\n" in appendix
        assert f"Soort financiering\n:   {financing}\n" in appendix


def test_ketenpartner_focus_points_only_when_there_are_any(cycle):
    partner = Ketenpartner(naam="Waterschap Vechtstromen", samenwerking="Wij werken samen.",
                           focuspunten=[Focuspunt(titel="Lozingen", toelichting="Meldingen doorsturen.")])
    data = edit(cycle.data, ketenpartners=[partner])
    block = section(text(cycle, "uvp", "borne", data=data), "Waterschap Vechtstromen")
    assert "Speerpunten voor 2025:\n\n1. **Lozingen.** Meldingen doorsturen." in block
    data = edit(cycle.data, ketenpartners=[edit(partner, focuspunten=[])])
    assert "Speerpunten" not in section(text(cycle, "uvp", "borne", data=data), "Waterschap Vechtstromen")


# --- _bedrijvenbestand.md.j2 ------------------------------------------------------------------

def companies(cycle: Cycle, hoog: int, gepland_hoog: int, laag_controle: str | None = None,
              gemiddeld_controle: str | None = "A2.02.05") -> str:
    """Borne's UVP with 10 companies in hoog (A2.02.03), 20 in verhoogd (A2.02.04), 200 in gemiddeld
    (A2.02.05, 50 planned) and 500 in laag, of which `gepland_hoog` planned in hoog and 5 in verhoogd."""
    bestand = cycle.data.bedrijvenbestand
    categories = [edit(c, controle=laag_controle) if c.id == "laag" else
                  edit(c, controle=gemiddeld_controle) if c.id == "gemiddeld" else c for c in bestand.risicocategorieen]
    bestand = edit(bestand, risicocategorieen=categories, bedrijven={
        **bestand.bedrijven, "borne": {"hoog": hoog, "verhoogd": 20, "gemiddeld": 200, "laag": 500}})
    data = with_prognose(edit(cycle.data, bedrijvenbestand=bestand), "borne",
                         {"A2.02.03": gepland_hoog, "A2.02.04": 5, "A2.02.05": 50, "A2.01.04": 25})
    return text(cycle, "uvp", "borne", data=data)


def test_all_companies_with_the_highest_risk_planned_or_not(cycle):
    # gemiddeld, the last category with periodic controls: 50 of 200 = 25,0%
    assert ("Alle bedrijven met een hoog risico staan dit jaar op de planning, tegen 25,0% van de bedrijven met een "
            "gemiddeld risico (illustratief).") in companies(cycle, hoog=10, gepland_hoog=10)
    assert ("Van de bedrijven met een hoog risico staan er 4 van de 10 op de planning, tegen 25,0% van de bedrijven "
            "met een gemiddeld risico (illustratief).") in companies(cycle, hoog=10, gepland_hoog=4)


def test_company_counts_in_the_sentence_have_thousands_separators(cycle):
    assert "staan er 1.000 van de 1.200 op de planning" in companies(cycle, hoog=1200, gepland_hoog=1000)


def test_no_risk_analysis_without_a_bedrijvenbestand(cycle):
    start = "De risicoanalyse deelt de "
    assert line(text(cycle, "uvp", "borne"), start).startswith(start + "779 bedrijven in het bestand van de gemeente Borne")
    bestand = edit(cycle.data.bedrijvenbestand,  # bedrijvenbestand.yaml, borne: 1 + 2 + 247 + 529 = 779
                   bedrijven={k: v for k, v in cycle.data.bedrijvenbestand.bedrijven.items() if k != "borne"})
    markdown = text(cycle, "uvp", "borne", data=edit(cycle.data, bedrijvenbestand=bestand))
    assert start not in markdown and "op de planning" not in markdown and "krijgen geen periodieke controle" not in markdown


def test_companies_without_periodic_control(cycle):
    sentence = ("krijgen geen periodieke controle: daar wordt gecontroleerd na een klacht of melding, of in een "
                "steekproef.")
    one = companies(cycle, hoog=10, gepland_hoog=10)
    assert "Bedrijven met een laag risico " + sentence in one
    # gemiddeld without a control product too: both, joined with "of"; the last category with
    # controls is then verhoogd, 5 of 20 = 25,0%
    two = companies(cycle, hoog=10, gepland_hoog=10, gemiddeld_controle=None)
    assert "Bedrijven met een gemiddeld risico of laag risico " + sentence in two
    assert "tegen 25,0% van de bedrijven met een verhoogd risico (illustratief)." in two
    # every category controlled (laag by A2.01.04, 25 of 500 = 5,0%): no such sentence
    none = companies(cycle, hoog=10, gepland_hoog=10, laag_controle="A2.01.04")
    assert sentence not in none
    assert "tegen 5,0% van de bedrijven met een laag risico (illustratief)." in none


# --- _capaciteit_balans.md.j2 -----------------------------------------------------------------

PARTS = ("vergunningen", "toezicht", "handhaving", "advies", "projecten", "diensten", "lokaal")


def balance(cycle: Cycle, short: dict[str, int], per_fte: int = 100) -> tuple[str, int]:
    """Borne's UVP with a formatie that gives every part exactly the hours it needs, less the
    hours in `short` (negative: more). With 100 hours per fte the formatie is needed / 100 fte
    and the margin of a hundredth fte is 1 hour. Returns the capacity section and the hours needed."""
    needed = figures.uvp_figures(cycle.data, "borne").capaciteit
    formatie = {part: (needed[part] - short.get(part, 0)) / per_fte for part in PARTS}
    capaciteit = edit(cycle.data.capaciteit, uren_per_fte=per_fte,
                      formatie={**cycle.data.capaciteit.formatie, "borne": formatie})
    markdown = text(cycle, "uvp", "borne", data=edit(cycle.data, capaciteit=capaciteit))
    return section(markdown, "Capaciteit en middelen"), int(needed["totaal"])


def test_capacity_shortage_in_several_parts(cycle):
    markdown, needed = balance(cycle, {"vergunningen": 100, "toezicht": 200, "handhaving": 100})
    # 400 hours short x € 110,99 = € 44.396 (each part's euros are whole, the hours differ by whole hundreds)
    assert (f"In totaal is {nl(needed)} uur nodig en {nl(needed - 400)} uur beschikbaar: een tekort van 400 uur, "
            f"ofwel €{NBSP}44.396 (illustratief).") in markdown
    assert "Tekorten zijn er bij vergunningen (100 uur), toezicht (200 uur) en handhaving (100 uur) (illustratief). Lukt het" in markdown
    assert "meer beschikbaar dan nodig" not in markdown and "Een tekort is er bij" not in markdown


def test_capacity_shortage_in_one_part(cycle):
    markdown, needed = balance(cycle, {"toezicht": 200})
    assert f"een tekort van 200 uur, ofwel €{NBSP}22.198 (illustratief)." in markdown  # 200 x 110,99
    assert "Een tekort is er bij toezicht (200 uur) (illustratief). Lukt het" in markdown
    assert "Tekorten zijn er bij" not in markdown


def test_capacity_room_to_spare(cycle):
    markdown, needed = balance(cycle, {part: -100 for part in PARTS})  # 7 parts with 100 hours more
    assert (f"In totaal is {nl(needed)} uur nodig en {nl(needed + 700)} uur beschikbaar: er is 700 uur meer "
            "beschikbaar dan nodig (illustratief).") in markdown
    assert "tekort" not in markdown.split("telt niet als tekort.")[1].lower()


def test_capacity_in_balance(cycle):
    markdown, needed = balance(cycle, {})
    assert f"De benodigde en de beschikbare capaciteit zijn in totaal gelijk: {nl(needed)} uur (illustratief)." in markdown
    assert "een tekort van" not in markdown and "meer beschikbaar dan nodig" not in markdown
    # one part 100 short and another 100 over: equal in total, still a shortage in that part
    markdown, _ = balance(cycle, {"toezicht": 100, "advies": -100})
    assert f"zijn in totaal gelijk: {nl(needed)} uur (illustratief)." in markdown
    assert "Een tekort is er bij toezicht (100 uur) (illustratief)." in markdown


def test_a_difference_within_the_margin_is_no_shortage_of_a_part(cycle):
    # 1.300 hours per fte: the margin is 13 hours; toezicht 5 hours short is rounding, not a shortage
    markdown, _ = balance(cycle, {"toezicht": 5}, per_fte=1300)
    assert "Een verschil kleiner dan 13 uur (een honderdste fte)" in markdown
    assert "Een tekort is er bij" not in markdown and "Tekorten zijn er bij" not in markdown


def test_a_total_difference_within_the_margin_is_no_shortage(cycle):
    markdown, _ = balance(cycle, {"toezicht": 5}, per_fte=1300)
    assert "een tekort van 5 uur" not in markdown
    # 5 hours more needed than available, less than the margin of 13 hours (a hundredth fte of 1.300 hours)
    assert "uur beschikbaar: 5 uur meer nodig dan beschikbaar, minder dan de marge van 13 uur en dus geen tekort (illustratief)." \
        in markdown


def test_capacity_without_formatie(cycle):
    formatie = {k: v for k, v in cycle.data.capaciteit.formatie.items() if k != "borne"}
    data = edit(cycle.data, capaciteit=edit(cycle.data.capaciteit, formatie=formatie))
    markdown = section(text(cycle, "uvp", "borne", data=data), "Capaciteit en middelen")
    assert ("Voor de gemeente Borne is de beschikbare formatie nog niet vastgelegd. Of de capaciteit voldoende is, is "
            "daarom nog niet te zeggen.") in markdown
    assert "In totaal is" not in markdown


# --- _bijlage_energie.md.j2 -------------------------------------------------------------------

def contributions(data: YearData, uren: dict[str, int] | None) -> YearData:
    tables = [edit(t, bijdragen=(edit(t.bijdragen, uren=uren) if uren is not None else None) if t.bijdragen else None)
              for t in data.energie.tabellen]
    return edit(data, energie=edit(data.energie, tabellen=tables))


def energy_sentence(markdown: str) -> str:
    return line(markdown, "Deze inzet geldt voor heel Twente")


def test_a_gemeente_brings_hours_to_the_energy_work_or_none(cycle):
    uren = dict(cycle.data.energie.tabellen[0].bijdragen.uren)
    sentence = energy_sentence(text(cycle, "uvp", "borne", data=contributions(cycle.data, {**uren, "borne": 523})))
    total = int(re.search(r"betaald uit de ([\d.]+) uur", sentence).group(1).replace(".", ""))
    share = (D(523) * 100 / total).quantize(D("0.1"), ROUND_HALF_UP)  # 523 of the table's total, one decimal
    assert sentence.endswith(f"De gemeente Borne brengt daarvan 523 uur in, {share}%".replace(".", ",")
                             + " van het totaal.")
    sentence = energy_sentence(text(cycle, "uvp", "borne", data=contributions(cycle.data, {**uren, "borne": 0})))
    assert sentence.endswith("beschikbaar stellen (illustratief). De gemeente Borne brengt daarin geen uren in.")
    # the province, not in the contributions at all
    assert energy_sentence(text(cycle, "uvp", "overijssel")).endswith("beschikbaar stellen (illustratief). De provincie Overijssel brengt daarin geen uren in.")


def test_the_energy_contributions_with_and_without_a_distribution(cycle):
    twente = text(cycle, "uvp", "twente")
    assert energy_sentence(twente).endswith("Elke gemeente brengt een eigen deel in; de tabel hieronder geeft die bijdragen.")
    without = contributions(cycle.data, None)
    assert "Deze inzet geldt voor heel Twente" not in text(cycle, "uvp", "twente", data=without)
    assert "Deze inzet geldt voor heel Twente" not in text(cycle, "uvp", "borne", data=without)


# --- _verantwoording.md.j2 --------------------------------------------------------------------

def judgements(markdown: str) -> dict[str, str]:
    """The legal appendix as printed: requirement -> judgement."""
    header, rows = printed_table(markdown, "verantwoording")
    return {row[0]: row[header.index("Oordeel")] for row in rows}


def test_the_appendix_counts_its_judgements_and_names_what_is_missing(cycle):
    markdown = text(cycle, "uvp", "borne")
    judged = list(judgements(markdown).values())
    voldaan, deels = judged.count("voldaan"), sum(1 for j in judged if j.startswith("deels: "))
    niet = sum(1 for j in judged if j.startswith("niet voldaan: "))
    assert voldaan + deels + niet == len(judged) == sum(1 for v in cycle.data.vereisten.documenten["uvp"]
                                                         if v.applies(False))
    assert (f"Van de {len(judged)} vereisten zijn er {voldaan} voldaan, {deels} deels voldaan en {niet or 'geen'} niet voldaan; bij 1 "
            "is het artikel nog niet gecontroleerd.") in markdown
    energy = "Energietoezicht, met de grenzen van de informatie- en onderzoeksplicht, de EU-ETS-bedrijven en het " \
             "aandeel van de deelnemer"
    # no distribution of the energy hours: the UVP cannot say Borne's share (element energie-aandeel)
    one = contributions(cycle.data, None)
    assert judgements(text(cycle, "uvp", "borne", data=one))[energy].startswith(
        "deels: ontbreekt: geen onderdeel 'energie-aandeel'")
    # and a measured indicator without a streefwaarde or a plan for one (element streefwaarden)
    two = with_goals(one, indicator("spontaan", "Spontaan naleefgedrag"))
    assert judgements(text(cycle, "uvp", "borne", data=two))[
        "Meetbare doelen met indicatoren en streefwaarden, of wie de streefwaarden vaststelt en wanneer"] == (
        "niet voldaan: ontbreekt: geen onderdeel 'streefwaarden'; de enige indicator met een getal als uitkomst heeft "
        "geen vastgestelde streefwaarde")


# --- _terugblik.md.j2 (the UVP: the measurement before its date) --------------------------------

BEFORE_UVP = dt.date(2024, 6, 30)  # document.yaml: the UVP is dated 21 november 2024


@pytest.mark.parametrize("fte, expected", [
    ({"lucht": "1.2"}, "Bij één taakveld (lucht en geur) ligt de formatie onder de kritieke massa. Zolang dat zo is,"),
    ({"externe-veiligheid": "1.6", "lucht": "1.2"},
     "Bij 2 taakvelden (externe veiligheid, lucht en geur) ligt de formatie onder de kritieke massa. Zolang dat zo is,"),
    ({}, "Elk taakveld haalt de kritieke massa."),
])
def test_uvp_taakvelden_under_the_kritieke_massa(cycle, fte, expected):
    # kritieke massa (kwaliteitscriteria.yaml): externe veiligheid 2,0, lucht en geur 1,5
    markdown = section(text(cycle, "uvp", "borne", data=with_kc(cycle.data, kc_meting(BEFORE_UVP, fte))),
                       "Kwaliteitscriteria")
    assert expected in markdown
    for other in ("Bij één taakveld", "taakvelden (", "Elk taakveld"):
        if other not in expected:
            assert other not in markdown


@pytest.mark.parametrize("deskundig, expected", [
    ({"bodem": 90}, "In 1 taakveld voldoet nog niet iedere medewerker aan de deskundigheidseisen;"),
    ({"bodem": 90, "geluid": 95}, "In 2 taakvelden voldoet nog niet iedere medewerker aan de deskundigheidseisen;"),
    ({}, None),
])
def test_uvp_taakvelden_not_fully_deskundig(cycle, deskundig, expected):
    markdown = section(text(cycle, "uvp", "borne", data=with_kc(cycle.data, kc_meting(BEFORE_UVP, deskundig=deskundig))),
                       "Kwaliteitscriteria")
    if expected:
        assert expected in markdown
    else:
        assert "voldoet nog niet iedere medewerker" not in markdown


def test_uvp_without_a_measurement_of_the_kwaliteitscriteria_yet(cycle):
    data = with_kc(cycle.data, kc_meting(dt.date(2024, 12, 31)))  # after the UVP's date
    markdown = text(cycle, "uvp", "borne", data=data)
    assert "Kwaliteitscriteria" not in [re.sub(r"^#+ [\d.]+ ", "", x) for x in markdown.splitlines() if x.startswith("#")]
    assert "kritieke massa. " not in section(markdown, "Terugblik en ontwikkelingen")


# --- _doelen.md.j2 ----------------------------------------------------------------------------

def goals_sentence(cycle: Cycle, *indicators: Indicator) -> str:
    markdown = text(cycle, "uvp", "borne", data=with_goals(cycle.data, *indicators))
    found = [x for x in markdown.splitlines() if x.startswith("Van de ") and " als getal gemeten;" in x]
    assert len(found) == 1
    return found[0]


QUALITATIVE = indicator("gedragssturing", "Gedragssturing", teller=None, soort="outcome")


@pytest.mark.parametrize("indicators, expected", [
    ((indicator("spontaan", "Spontaan naleefgedrag", streefwaarde=TARGET),
      indicator("opvolgend", "Opvolgend naleefgedrag", streefwaarde=TARGET), QUALITATIVE),
     "Van de 3 indicatoren worden er 2 als getal gemeten; de andere worden als verdeling of kwalitatief verantwoord. "
     "Elke gemeten indicator heeft een vastgestelde streefwaarde."),
    ((indicator("spontaan", "Spontaan naleefgedrag", streefwaarde=TARGET),
      indicator("opvolgend", "Opvolgend naleefgedrag", plan=PLAN), QUALITATIVE),
     "Van de 3 indicatoren worden er 2 als getal gemeten; de andere worden als verdeling of kwalitatief verantwoord. "
     "1 van de 2 gemeten indicatoren heeft een vastgestelde streefwaarde. Bij 1 indicator zonder streefwaarde staat "
     "in de tabellen wie die vaststelt en uiterlijk wanneer."),
    ((indicator("spontaan", "Spontaan naleefgedrag", streefwaarde=TARGET),
      indicator("opvolgend", "Opvolgend naleefgedrag", streefwaarde=TARGET),
      indicator("hercontroles", "Hercontroles", plan=PLAN)),
     "Van de 3 indicatoren worden er 3 als getal gemeten; de andere worden als verdeling of kwalitatief verantwoord. "
     "2 van de 3 gemeten indicatoren hebben een vastgestelde streefwaarde. Bij 1 indicator zonder streefwaarde staat "
     "in de tabellen wie die vaststelt en uiterlijk wanneer."),
    ((indicator("spontaan", "Spontaan naleefgedrag", plan=PLAN),
      indicator("opvolgend", "Opvolgend naleefgedrag", plan=PLAN), QUALITATIVE),
     "Van de 3 indicatoren worden er 2 als getal gemeten; de andere worden als verdeling of kwalitatief verantwoord. "
     "Geen van de gemeten indicatoren heeft al een vastgestelde streefwaarde. Bij 2 indicatoren zonder streefwaarde "
     "staat in de tabellen wie die vaststelt en uiterlijk wanneer."),
    ((indicator("spontaan", "Spontaan naleefgedrag", plan=PLAN), QUALITATIVE),
     "Van de 2 indicatoren wordt er 1 als getal gemeten; de andere worden als verdeling of kwalitatief verantwoord. "
     "Geen van de gemeten indicatoren heeft al een vastgestelde streefwaarde. Bij 1 indicator zonder streefwaarde "
     "staat in de tabellen wie die vaststelt en uiterlijk wanneer."),
    ((indicator("spontaan", "Spontaan naleefgedrag"), indicator("opvolgend", "Opvolgend naleefgedrag", plan=PLAN)),
     "Van de 2 indicatoren worden er 2 als getal gemeten; de andere worden als verdeling of kwalitatief verantwoord. "
     "Geen van de gemeten indicatoren heeft al een vastgestelde streefwaarde. Bij 1 indicator zonder streefwaarde "
     "staat in de tabellen wie die vaststelt en uiterlijk wanneer. Voor spontaan naleefgedrag is nog niet bekend wie "
     "de streefwaarde vaststelt."),
], ids=["all-targets", "one-of-two", "two-of-three", "no-targets", "one-measured", "one-open"])
def test_how_many_indicators_have_a_streefwaarde(cycle, indicators, expected):
    assert goals_sentence(cycle, *indicators) == expected


def test_indicators_without_a_plan_are_listed_with_en(cycle):
    sentence = goals_sentence(cycle, indicator("spontaan", "Spontaan naleefgedrag"),
                              indicator("opvolgend", "Opvolgend naleefgedrag"))
    assert sentence.endswith("Voor spontaan naleefgedrag en opvolgend naleefgedrag is nog niet bekend wie de "
                             "streefwaarde vaststelt.")


def test_goals_are_numbered_only_when_there_are_several(cycle):
    spontaan = indicator("spontaan", "Spontaan naleefgedrag", plan=PLAN)
    one = text(cycle, "uvp", "borne", data=with_goals(cycle.data, spontaan, doelen=("Het naleefgedrag is hoog",)))
    assert "- Doel: Het naleefgedrag is hoog\n" in one and "- Doel 1:" not in one
    two = text(cycle, "uvp", "borne", data=with_goals(cycle.data, spontaan, doelen=("Het naleefgedrag is hoog", "Er is draagvlak")))
    assert "- Doel 1: Het naleefgedrag is hoog\n- Doel 2: Er is draagvlak\n" in two and "- Doel:" not in two


@pytest.mark.parametrize("streefwaarde, plan, expected", [
    (TARGET, None, "maximaal 25% (vastgesteld door het algemeen bestuur op 12 juni 2025)"),
    (edit(TARGET, maximaal=None, minimaal=D(20)), None, "minimaal 20% (vastgesteld door het algemeen bestuur op 12 juni 2025)"),
    (edit(TARGET, minimaal=D(20)), None, "20%–25% (vastgesteld door het algemeen bestuur op 12 juni 2025)"),
    (None, PLAN, "nog niet vastgesteld; vast te stellen door het algemeen bestuur, uiterlijk 1 juli 2025"),
    (None, None, "nog niet vastgesteld"),
], ids=["maximaal", "minimaal", "range", "planned", "open"])
def test_the_streefwaarde_as_the_uvp_prints_it(cycle, streefwaarde, plan, expected):
    data = with_goals(cycle.data, indicator("spontaan", "Spontaan naleefgedrag", streefwaarde=streefwaarde, plan=plan))
    table = compose(cycle, "uvp", "borne", data=data).tables["indicatoren-spontaan"]
    assert table.cell("spontaan", "Streefwaarde") == expected


def test_ambition_subjects_worked_out_or_not(cycle):
    ambities = Ambitieonderwerpen(illustratief=False, onderwerpen=[
        Ambitieonderwerp(thema="Regulier werk", onderwerp="Naleefgedrag"),
        Ambitieonderwerp(thema="Veiligheid", onderwerp="Ondermijning"),
        Ambitieonderwerp(thema="Financiën", onderwerp="Financiën")])
    naleef = goals(indicator("spontaan", "Spontaan naleefgedrag", plan=PLAN),
                   indicator("gedrag", "Gedragssturing", teller=None, soort="outcome"))
    ondermijning = goals(indicator("signalen", "Signalen", teller=None, soort="outcome"), onderwerp="Ondermijning")
    data = edit(cycle.data, ambitieonderwerpen=ambities, doelen=naleef + ondermijning)
    table = compose(cycle, "uvp", "borne", data=data).tables["ambitieonderwerpen"]
    assert table.cell("Naleefgedrag", "Uitgewerkt dit jaar") == "ja: 2 indicatoren (output en outcome)"
    assert table.cell("Ondermijning", "Uitgewerkt dit jaar") == "ja: 1 indicator (outcome)"
    assert table.cell("Financiën", "Uitgewerkt dit jaar") == "nee"


# ============================================================================================
# the jaarverslag
# ============================================================================================

def test_jaarverslag_with_and_without_local_projects(cycle):
    present = section(text(cycle, "jaarverslag", "enschede"), "Lokale projecten en werkvoorraad")
    assert present.strip().startswith("De lokale projecten zijn afgesproken in het uitvoeringsprogramma;")
    assert "Tabel" in present and "lokale projecten afgesproken." not in present
    # without: no table, a sentence about the deelnemer (whose words test_..._without_local_projects checks)
    lokaal = {k: v for k, v in cycle.data.lokale_projecten.items() if k != "enschede"}
    without = section(text(cycle, "jaarverslag", "enschede", data=edit(cycle.data, lokale_projecten=lokaal)),
                      "Lokale projecten en werkvoorraad")
    assert without.strip().startswith("Voor de gemeente Enschede waren voor 2025 ")
    assert "De lokale projecten zijn afgesproken" not in without and "Lokale projecten 2025" not in without


def test_jaarverslag_of_a_deelnemer_without_local_projects(cycle):
    lokaal = {k: v for k, v in cycle.data.lokale_projecten.items() if k != "enschede"}
    markdown = section(text(cycle, "jaarverslag", "enschede", data=edit(cycle.data, lokale_projecten=lokaal)),
                       "Lokale projecten en werkvoorraad")
    assert "Voor de gemeente Enschede waren voor 2025 geen lokale projecten afgesproken." in markdown


def test_twents_jaarverslag_with_and_without_local_projects(cycle):
    sentence = "Voor geen enkele deelnemer waren voor 2025 lokale projecten afgesproken."
    without = section(text(cycle, "jaarverslag", "twente", data=edit(cycle.data, lokale_projecten={})),
                      "Lokale projecten en werkvoorraad")
    assert sentence in without and "De lokale projecten zijn afgesproken" not in without
    present = section(text(cycle, "jaarverslag", "twente"), "Lokale projecten en werkvoorraad")
    assert sentence not in present and "De lokale projecten zijn afgesproken" in present


BACKLOG = "Vergunning oud recht"


def backlog(cycle: Cycle, open_: int, afgerond: int | None) -> str:
    """Borne's jaarverslag with `open_` old-law cases on 1 January, `afgerond` of them finished (None: not recorded)."""
    rows = Werkvoorraad(illustratief=False, regels=[WerkvoorraadRegel(product=BACKLOG, aantal=open_, kental=D(10))])
    data = edit(cycle.data, werkvoorraad={**cycle.data.werkvoorraad, "borne": rows})
    done = {} if afgerond is None else {"borne": [WerkvoorraadResultaat(product=BACKLOG, afgerond=afgerond, uren=20)]}
    extra = with_verantwoording(cycle.jaarverslag_data,
                                werkvoorraad={**cycle.jaarverslag_data.verantwoording.werkvoorraad, **done})
    return section(text(cycle, "jaarverslag", "borne", data=data, extra=extra), "Lokale projecten en werkvoorraad")


@pytest.mark.parametrize("afgerond, expected", [
    (1, "Op 1 januari stonden onder de oude PDC Wabo nog 7 zaken open (illustratief). Daarvan is er 1 afgerond; 6 lopen door in 2026."),
    (6, "Op 1 januari stonden onder de oude PDC Wabo nog 7 zaken open (illustratief). Daarvan zijn er 6 afgerond; 1 loopt door in 2026."),
    (7, "Op 1 januari stonden onder de oude PDC Wabo nog 7 zaken open (illustratief). Die zijn alle afgerond: de werkvoorraad onder "
        "oud recht is weggewerkt."),
    (None, "Van de werkvoorraad onder de PDC Wabo (7 zaken op 1 januari) is nog niet vastgelegd wat er in 2025 is afgerond."),
])
def test_jaarverslag_backlog_finished_partly_entirely_or_not_recorded(cycle, afgerond, expected):
    assert expected in backlog(cycle, 7, afgerond)


def test_jaarverslag_without_a_backlog(cycle):
    assert "borne" not in cycle.data.werkvoorraad
    assert "Er was geen werkvoorraad onder de oude PDC Wabo meer open." in section(
        text(cycle, "jaarverslag", "borne"), "Lokale projecten en werkvoorraad")
    assert "Er was geen werkvoorraad" not in backlog(cycle, 7, 1)


def test_jaarverslag_backlog_of_one_case(cycle):
    assert "Op 1 januari stond onder de oude PDC Wabo nog 1 zaak open (illustratief)." in backlog(cycle, 1, 0)


# --- _jaarverslag_besluiten.md.j2 -------------------------------------------------------------

def timeliness(cycle: Cycle, **kinds: tuple[int, int]) -> str:
    """Borne's jaarverslag with these (afgehandeld, binnen de termijn) per kind of decision."""
    extra = with_meting(cycle.jaarverslag_data, "borne", tijdigheid={
        kind: Termijn(afgehandeld=a, binnen_termijn=b) for kind, (a, b) in kinds.items()})
    return section(text(cycle, "jaarverslag", "borne", extra=extra), "Tijdigheid")


def test_timeliness_nothing_late(cycle):
    # 10 + 20 handled, all on time: 30 of 30 = 100,0%
    assert ("Van de 30 besluiten en meldingen met een wettelijke termijn zijn er 30 binnen die termijn afgehandeld, "
            "100,0% (illustratief). Geen besluit of melding was te laat.\n") in timeliness(cycle, aanvragen=(10, 10), meldingen=(20, 20),
                                                                          handhavingsverzoeken=(0, 0))


def test_timeliness_some_late(cycle):
    # 30 handled, 8 + 17 = 25 on time (83,3%); late 2 aanvragen and 3 meldingen
    markdown = timeliness(cycle, aanvragen=(10, 8), meldingen=(20, 17), handhavingsverzoeken=(0, 0))
    assert ("Van de 30 besluiten en meldingen met een wettelijke termijn zijn er 25 binnen die termijn afgehandeld, "
            "83,3% (illustratief). Te laat waren 2 besluiten op aanvragen (omgevingsvergunning, maatwerk, bodem) en 3 meldingen en "
            "informatieplichten. Een besluit dat te laat is,") in markdown
    assert "Geen besluit of melding was te laat." not in markdown
    # three kinds late: a list with commas and "en"
    markdown = timeliness(cycle, aanvragen=(10, 8), meldingen=(20, 17), handhavingsverzoeken=(4, 2))
    assert ("Te laat waren 2 besluiten op aanvragen (omgevingsvergunning, maatwerk, bodem), 3 meldingen en "
            "informatieplichten en 2 besluiten op verzoeken om handhaving.") in markdown


def test_timeliness_one_on_time_and_none_handled(cycle):
    markdown = timeliness(cycle, aanvragen=(2, 1), meldingen=(0, 0), handhavingsverzoeken=(0, 0))
    assert "Van de 2 besluiten en meldingen met een wettelijke termijn is er 1 binnen die termijn afgehandeld, 50,0% (illustratief)." in markdown
    # nothing handled: no percentage of nothing, and no "0 besluiten"
    markdown = timeliness(cycle, aanvragen=(0, 0), meldingen=(0, 0), handhavingsverzoeken=(0, 0))
    assert "In 2025 is geen besluit of melding met een wettelijke termijn afgehandeld (illustratief)." in markdown
    assert "Van de 0" not in markdown and "te laat" not in markdown


def test_timeliness_one_late_decision_is_singular(cycle):
    markdown = timeliness(cycle, aanvragen=(10, 9), meldingen=(20, 20), handhavingsverzoeken=(0, 0))
    assert "Te laat was 1 besluit op een aanvraag (omgevingsvergunning, maatwerk, bodem)." in markdown
    # one of one kind and two of another: the verb follows the three together
    markdown = timeliness(cycle, aanvragen=(10, 9), meldingen=(20, 18), handhavingsverzoeken=(0, 0))
    assert ("Te laat waren 1 besluit op een aanvraag (omgevingsvergunning, maatwerk, bodem) en 2 meldingen en "
            "informatieplichten.") in markdown


def test_timeliness_not_recorded(cycle):
    extra = with_meting(cycle.jaarverslag_data, "borne", tijdigheid=None)
    assert ("De cijfers over de tijdigheid zijn nog niet voor de gemeente Borne vastgelegd." in
            section(text(cycle, "jaarverslag", "borne", extra=extra), "Tijdigheid"))
    assert "nog niet voor" not in section(text(cycle, "jaarverslag", "borne"), "Tijdigheid")


ENFORCEMENT = "Besluiten, handhaving en rechtsbescherming"


def test_open_enforcement_cases_recorded_or_not(cycle):
    extra = with_meting(cycle.jaarverslag_data, "borne", handhaving_open=None)
    missing = section(text(cycle, "jaarverslag", "borne", extra=extra), ENFORCEMENT, "Handhaving")
    assert ("Het aantal handhavingszaken dat eind 2025 nog open was, is nog niet voor de gemeente Borne vastgelegd; "
            "de handhavingscijfers zijn daarom nog niet compleet.") in missing
    extra = with_meting(cycle.jaarverslag_data, "borne", handhaving_open=5)
    recorded = section(text(cycle, "jaarverslag", "borne", extra=extra), ENFORCEMENT, "Handhaving")
    assert "nog niet compleet" not in recorded and "| Handhavingszaken open op 31 december | 5 |" in recorded


def objections(cycle: Cycle, bezwaar: tuple[int, int], beroep: tuple[int, int]) -> str:
    """The objections section with (ingediend, gegrond) bezwaarschriften and beroepen (the rest ongegrond)."""
    def filed(n: int, upheld: int) -> Rechtsbescherming:
        return Rechtsbescherming(ingediend=n, gegrond=upheld, ongegrond=n - upheld, overig=0, lopend=0)
    extra = with_meting(cycle.jaarverslag_data, "borne", bezwaar=filed(*bezwaar), beroep=filed(*beroep))
    return line(section(text(cycle, "jaarverslag", "borne", extra=extra), "Bezwaar en beroep"), "Tegen besluiten")


@pytest.mark.parametrize("bezwaar, beroep, expected", [
    ((4, 1), (1, 0), "zijn in 2025 4 bezwaarschriften en 1 beroep ingediend (illustratief). Daarvan is er één gegrond verklaard; "
                     "de OD Twente gebruikt die uitspraken om haar werkwijze te verbeteren."),
    ((3, 1), (2, 1), "zijn in 2025 3 bezwaarschriften en 2 beroepen ingediend (illustratief). Daarvan zijn er 2 gegrond verklaard; "
                     "de OD Twente gebruikt die uitspraken om haar werkwijze te verbeteren."),
    ((2, 0), (3, 0), "zijn in 2025 2 bezwaarschriften en 3 beroepen ingediend (illustratief). Geen bezwaar of beroep werd gegrond verklaard."),
    ((0, 0), (0, 0), "is in 2025 geen bezwaar of beroep ingediend (illustratief)."),
])
def test_objections_filed_and_upheld(cycle, bezwaar, beroep, expected):
    assert objections(cycle, bezwaar, beroep) == "Tegen besluiten die de OD Twente voorbereidde, " + expected


def test_one_objection_and_one_appeal_are_singular(cycle):
    assert "1 bezwaarschrift en 1 beroep ingediend (illustratief). Geen bezwaar of beroep werd gegrond verklaard." in objections(
        cycle, (1, 0), (1, 0))


@pytest.mark.parametrize("beroepen, words", [(1, "1 beroep"), (2, "2 beroepen")])
def test_one_objection_and_appeals_take_a_plural_verb(cycle, beroepen, words):
    assert f"zijn in 2025 1 bezwaarschrift en {words} ingediend (illustratief)." in objections(cycle, (1, 0), (beroepen, 0))


def test_objections_not_recorded(cycle):
    extra = with_meting(cycle.jaarverslag_data, "borne", bezwaar=None)
    assert "De cijfers over bezwaar en beroep zijn nog niet voor de gemeente Borne vastgelegd." in section(
        text(cycle, "jaarverslag", "borne", extra=extra), "Bezwaar en beroep")


# --- energy, services, ketenpartners, capacity ----------------------------------------------

def energy(cycle: Cycle, **changes) -> str:
    """Borne's energy section: 10 controls, 5 with a violation, 4 re-checked, 1 last onder dwangsom,
    1 company that took the measures, and the savings, except as given."""
    extra = with_meting(cycle.jaarverslag_data, "borne", energie=Energiecontroles(**{
        "controles": 10, "met_overtreding": 5, "hercontroles": 4, "handhavingstrajecten": 1, "maatregelen_getroffen": 1,
        "besparing": Besparing(elektriciteit_mwh=55, aardgas_m3=4200, co2_ton=26), **changes}))
    return section(text(cycle, "jaarverslag", "borne", extra=extra), "Energie")


def test_energy_results_singular_and_plural(cycle):
    assert ("Van de 5 bedrijven met een overtreding heeft er 1 de maatregelen na de controle alsnog genomen; bij 1 "
            "bedrijf was een last onder dwangsom nodig. De maatregelen besparen naar schatting 55 MWh elektriciteit "
            "en 4.200 m³ aardgas per jaar, 26 ton CO₂ (illustratief).") in energy(cycle)
    assert ("Van de 5 bedrijven met een overtreding hebben er 3 de maatregelen na de controle alsnog genomen; bij 2 "
            "bedrijven was een last onder dwangsom nodig.") in energy(cycle, maatregelen_getroffen=3, handhavingstrajecten=2)


def test_energy_results_of_one_company(cycle):
    # none: "geen", never "bij 0 bedrijven"
    assert ("Bij 1 bedrijf is een overtreding gevonden; het heeft de maatregelen na de controle alsnog genomen; een "
            "last onder dwangsom was bij geen enkel bedrijf nodig.") in energy(cycle, met_overtreding=1,
                                                                                maatregelen_getroffen=1,
                                                                                handhavingstrajecten=0)
    assert "het heeft de maatregelen na de controle nog niet genomen; bij 1 bedrijf" in energy(
        cycle, met_overtreding=1, maatregelen_getroffen=0, handhavingstrajecten=1)
    assert ("Van de 5 bedrijven met een overtreding heeft geen enkel de maatregelen na de controle alsnog genomen; "
            "bij 1 bedrijf") in energy(cycle, maatregelen_getroffen=0)
    assert "Bij geen enkel bedrijf is een overtreding gevonden; een last onder dwangsom was bij geen enkel bedrijf " \
           "nodig." in energy(cycle, met_overtreding=0, maatregelen_getroffen=0, handhavingstrajecten=0)


def test_energy_results_not_recorded(cycle):
    assert ("De resultaten van het energietoezicht (hercontroles, handhaving en de geschatte besparing) zijn nog niet "
            "voor de gemeente Borne vastgelegd.") in energy(cycle, besparing=None)
    assert "nog niet voor" not in energy(cycle)


def without_service(extra, nr: int = 1):
    return with_verantwoording(extra, diensten={k: v for k, v in extra.verantwoording.diensten.items() if k != nr})


def no_formatie(data: YearData, *slugs: str) -> YearData:
    formatie = {k: v for k, v in data.capaciteit.formatie.items() if k not in slugs}
    return edit(data, capaciteit=edit(data.capaciteit, formatie=formatie))


def test_services_written_hours_recorded_or_not(cycle):
    sentence = "De geschreven uren van de diensten voor de regio zijn nog niet vastgelegd."
    recorded = section(text(cycle, "jaarverslag", "borne"), "Diensten voor de regio Twente")
    assert recorded.strip().startswith("De diensten voor de regio zijn doorlopend werk voor heel Twente.")
    assert sentence not in recorded
    # without a formatie for Borne (so no capacity paragraph needs the services' hours)
    missing = section(text(cycle, "jaarverslag", "borne", data=no_formatie(cycle.data, "borne"),
                           extra=without_service(cycle.jaarverslag_data)), "Diensten voor de regio Twente")
    assert missing.strip() == sentence


def without_local_result(extra, slug: str = "enschede"):
    return with_verantwoording(extra, lokale_projecten={k: v for k, v in extra.verantwoording.lokale_projecten.items()
                                                        if k != slug})


def test_local_project_result_recorded_or_not(cycle):
    project = cycle.data.lokale_projecten["enschede"][0].naam  # Havengebied (vervolg en eventuele uitbreiding)
    recorded = compose(cycle, "jaarverslag", "enschede").tables["lokale-projecten-jaar"]
    assert recorded.cell(f"Enschede/{project}", "Resultaat").startswith("De bedrijven in het Havengebied zijn opnieuw bezocht.")
    # without a formatie for Enschede (so no capacity paragraph needs the local hours)
    missing = compose(cycle, "jaarverslag", "enschede", data=no_formatie(cycle.data, "enschede"),
                      extra=without_local_result(cycle.jaarverslag_data)).tables["lokale-projecten-jaar"]
    assert missing.cell(f"Enschede/{project}", "Resultaat") == "nog niet verantwoord"
    assert f"| {project} | 300 | – | nog niet verantwoord |" in table_markdown(missing, 1)  # lokale_projecten.yaml: 300 hours


@pytest.mark.parametrize("missing, expected", [
    (without_service, "De geschreven uren van de diensten voor de regio zijn nog niet vastgelegd."),
    (without_local_result, "| Havengebied (vervolg en eventuele uitbreiding) | 300 | – | nog niet verantwoord |"),
], ids=["dienst", "lokaal-project"])
def test_hours_not_recorded_with_a_formatie(cycle, missing, expected):
    assert expected in text(cycle, "jaarverslag", "enschede", extra=missing(cycle.jaarverslag_data))


def test_capacity_sentence_while_hours_are_not_recorded(cycle):
    """The capacity paragraph does not add up hours that are not all there: it says so."""
    markdown = text(cycle, "jaarverslag", "enschede", extra=without_service(cycle.jaarverslag_data))
    sentence = line(markdown, "Het programma is meer dan de producten.")
    assert sentence.endswith("uur aan formatie beschikbaar; hoeveel er in totaal is geschreven en wat dat kostte, "
                             "staat pas vast als de uren van elk onderdeel zijn vastgelegd (illustratief).")


def test_ketenpartner_agreements_and_results_in_the_table(cycle):
    partners_ = [Ketenpartner(naam="Waterschap", samenwerking="Samen.", focuspunten=[
                     Focuspunt(titel="Lozingen", toelichting="."), Focuspunt(titel="Bodem", toelichting=".")]),
                 Ketenpartner(naam="Politie", samenwerking="Samen.")]
    extra = with_verantwoording(cycle.jaarverslag_data, ketenpartners={"Waterschap": "Afgesproken.", "Politie": "Gedaan."})
    table = compose(cycle, "jaarverslag", "borne", data=edit(cycle.data, ketenpartners=partners_),
                    extra=extra).tables["ketenpartners-jaar"]
    assert table.cell("Waterschap", "Afspraken voor het jaar") == "Lozingen; Bodem"
    assert table.cell("Politie", "Afspraken voor het jaar") == "structurele samenwerking"  # no focus points


def partners(cycle: Cycle, recorded: set[str]) -> str:
    results = {k: v for k, v in cycle.jaarverslag_data.verantwoording.ketenpartners.items() if k in recorded}
    extra = with_verantwoording(cycle.jaarverslag_data, ketenpartners=results)
    return section(text(cycle, "jaarverslag", "borne", extra=extra), "Ketenpartners")


ALL_PARTNERS = {"Waterschappen", "Veiligheidsregio Twente", "Ketentoezicht", "Politie en Openbaar Ministerie",
                "Omgevingsdienst Nederland"}  # ketenpartners.yaml


def test_ketenpartners_all_recorded_or_one_missing(cycle):
    assert {k.naam for k in cycle.data.ketenpartners} == ALL_PARTNERS
    complete = partners(cycle, ALL_PARTNERS)
    assert complete.strip().startswith("In het uitvoeringsprogramma staan per ketenpartner de afspraken voor 2025.")
    assert "nog niet vastgelegd" not in complete
    one = partners(cycle, ALL_PARTNERS - {"Ketentoezicht"})
    assert one.strip() == "Voor Ketentoezicht is nog niet vastgelegd wat er van de afspraken is gekomen."


def test_ketenpartners_missing_are_listed_with_en(cycle):
    assert partners(cycle, ALL_PARTNERS - {"Veiligheidsregio Twente", "Ketentoezicht"}).strip() == (
        "Voor Veiligheidsregio Twente en Ketentoezicht is nog niet vastgelegd wat er van de afspraken is gekomen.")


def year_capacity(cycle: Cycle, uren_per_fte: int, fte: dict[str, D]) -> str:
    capaciteit = edit(cycle.data.capaciteit, uren_per_fte=uren_per_fte,
                      formatie={**cycle.data.capaciteit.formatie, "borne": {p: fte.get(p, D(0)) for p in PARTS}})
    return line(text(cycle, "jaarverslag", "borne", data=edit(cycle.data, capaciteit=capaciteit)),
                "Het programma is meer dan de producten.")


WRITTEN = re.compile(r"was voor de gemeente Borne ([\d.]+) uur gepland en ([\d.]+) uur aan formatie beschikbaar; "
                     r"geschreven is ([\d.]+) uur, (.*?)\. Dat kostte")


def hours(text_: str) -> int:
    return int(printed_number(text_))


def test_jaarverslag_written_more_or_less_than_available(cycle):
    # no formatie at all: every hour written is more than available
    planned, available, written, verdict = WRITTEN.search(year_capacity(cycle, 1300, {})).groups()
    assert available == "0" and verdict == f"meer dan beschikbaar (+{written} uur)"
    # 100 fte in each of the 7 parts at 1.300 hours: 910.000 hours available
    planned, available, written, verdict = WRITTEN.search(
        year_capacity(cycle, 1300, dict.fromkeys(PARTS, D(100)))).groups()
    assert available == "910.000"
    assert verdict == f"minder dan beschikbaar (-{nl(910_000 - hours(written))} uur)"


def written_hours(cycle: Cycle) -> int:
    return hours(WRITTEN.search(year_capacity(cycle, 1300, {})).group(3))


def test_jaarverslag_written_as_much_as_available_has_no_difference(cycle):
    written = written_hours(cycle)
    # 1 hour per fte and as many fte as hours written, all in vergunningen: as much available as written
    sentence = year_capacity(cycle, 1, {"vergunningen": D(written)})
    assert WRITTEN.search(sentence).group(2) == nl(written)
    assert "meer dan beschikbaar" not in sentence and "minder dan beschikbaar" not in sentence and " uur)" not in sentence


def test_jaarverslag_written_as_much_as_available_reads_evenveel_als(cycle):
    written = written_hours(cycle)
    assert f"geschreven is {nl(written)} uur, evenveel als beschikbaar." in year_capacity(cycle, 1, {"vergunningen": D(written)})


def test_jaarverslag_capacity_without_formatie(cycle):
    markdown = text(cycle, "jaarverslag", "borne", data=no_formatie(cycle.data, "borne"))
    assert ("Zonder de beschikbare formatie voor de gemeente Borne is niet te zeggen hoe de geschreven uren zich "
            "verhouden tot wat beschikbaar was.") in markdown
    assert "Het programma is meer dan de producten." not in markdown


def test_twents_jaarverslag_says_what_is_not_recorded_for_every_deelnemer(cycle):
    # Borne alone lacks its timeliness, open cases, objections, energy results and formatie
    extra = with_meting(cycle.jaarverslag_data, "borne", tijdigheid=None, handhaving_open=None, bezwaar=None,
                        energie=edit(cycle.jaarverslag_data.metingen["borne"].energie, besparing=None))
    markdown = text(cycle, "jaarverslag", "twente", data=no_formatie(cycle.data, "borne"), extra=extra)
    for sentence in (
            "De cijfers over de tijdigheid zijn nog niet voor elke deelnemer vastgelegd.",
            "Het aantal handhavingszaken dat eind 2025 nog open was, is nog niet voor elke deelnemer vastgelegd; de "
            "handhavingscijfers zijn daarom nog niet compleet.",
            "De cijfers over bezwaar en beroep zijn nog niet voor elke deelnemer vastgelegd.",
            "De resultaten van het energietoezicht (hercontroles, handhaving en de geschatte besparing) zijn nog niet "
            "voor elke deelnemer vastgelegd.",
            "Zonder de beschikbare formatie voor elke deelnemer is niet te zeggen hoe de geschreven uren zich "
            "verhouden tot wat beschikbaar was."):
        assert sentence in markdown
    complete = text(cycle, "jaarverslag", "twente")
    assert "nog niet voor elke deelnemer" not in complete and "Zonder de beschikbare formatie" not in complete
    assert "was voor Twente " in line(complete, "Het programma is meer dan de producten.")


# --- kwaliteit (the measurement by 31 december) ---------------------------------------------

YEAR_END = dt.date(2025, 12, 31)


@pytest.mark.parametrize("fte, expected, oordeel", [
    ({"lucht": "1.4"}, "Bij één taakveld (lucht en geur) ligt de formatie nog onder de kritieke massa.",
     {"lucht": "onder de kritieke massa", "toezicht": "voldoet"}),
    ({"externe-veiligheid": "1.9", "lucht": "1.4"},
     "Bij 2 taakvelden (externe veiligheid, lucht en geur) ligt de formatie nog onder de kritieke massa.",
     {"externe-veiligheid": "onder de kritieke massa", "lucht": "onder de kritieke massa"}),
    ({"lucht": "1.5"}, "Elk taakveld haalt de kritieke massa.", {"lucht": "voldoet"}),  # exactly the massa: enough
])
def test_jaarverslag_taakvelden_under_the_kritieke_massa(cycle, fte, expected, oordeel):
    doc = compose(cycle, "jaarverslag", "borne", data=with_kc(cycle.data, kc_meting(YEAR_END, fte)))
    markdown = section(doc.markdown, "Kwaliteitscriteria")
    assert expected in markdown
    assert ("Elk taakveld" in markdown) == ("Elk taakveld" in expected)
    for taakveld, verdict in oordeel.items():
        assert doc.tables["kwaliteitscriteria"].cell(taakveld, "Oordeel") == verdict


def test_jaarverslag_without_a_measurement_of_the_kwaliteitscriteria(cycle):
    data = with_kc(cycle.data, kc_meting(dt.date(2026, 1, 31)))
    markdown = text(cycle, "jaarverslag", "borne", data=data)
    assert "Kwaliteitscriteria" not in [re.sub(r"^#+ [\d.]+ ", "", x) for x in markdown.splitlines() if x.startswith("#")]
    assert "Robuustheid" not in [re.sub(r"^#+ [\d.]+ ", "", x) for x in markdown.splitlines() if x.startswith("## ")]


# --- _jaarverslag_risico.md.j2 ----------------------------------------------------------------

def risk(cycle: Cycle, planned: dict[str, int | None], done: dict[str, int | None]) -> str:
    """Borne's jaarverslag with this prognose and these finished counts of the periodic controls:
    A2.02.03 (hoog risico), A2.02.04 (verhoogd), A2.02.05 (gemiddeld); laag has none."""
    data = with_prognose(cycle.data, "borne", planned)
    period = with_realised(cycle.periods["jaar"], "borne", done)
    return section(text(cycle, "jaarverslag", "borne", data=data, periods=periods_with(cycle, jaar=period)),
                   "Periodieke controles naar risico")


CONTROLS = ("A2.02.03", "A2.02.04", "A2.02.05")


def test_risk_all_controls_done(cycle):
    markdown = risk(cycle, dict(zip(CONTROLS, (5, 10, 40))), dict(zip(CONTROLS, (5, 10, 40))))
    assert "Van de 55 geplande periodieke controles zijn er 55 uitgevoerd (illustratief)." in markdown  # 5 + 10 + 40
    assert "niet alles gehaald" not in markdown and "De achterstand zit" not in markdown


def test_risk_behind_at_the_highest_risk(cycle):
    markdown = risk(cycle, dict(zip(CONTROLS, (5, 10, 40))), dict(zip(CONTROLS, (3, 10, 40))))
    assert "Van de 55 geplande periodieke controles zijn er 53 uitgevoerd (illustratief)." in markdown
    assert ("Bij de bedrijven met een hoog risico is niet alles gehaald (3 van 5); die controles krijgen in het "
            "volgende jaar voorrang (illustratief).") in markdown
    assert "De achterstand zit" not in markdown


def test_risk_behind_at_lower_risks(cycle):
    markdown = risk(cycle, dict(zip(CONTROLS, (5, 10, 40))), dict(zip(CONTROLS, (5, 8, 30))))
    assert "Van de 55 geplande periodieke controles zijn er 43 uitgevoerd (illustratief)." in markdown
    assert ("De achterstand zit bij de bedrijven met een verhoogd of gemiddeld risico; de controles bij de bedrijven "
            "met het hoogste risico zijn gedaan.") in markdown
    assert "niet alles gehaald" not in markdown
    only = risk(cycle, dict(zip(CONTROLS, (5, 10, 40))), dict(zip(CONTROLS, (5, 10, 30))))
    assert "De achterstand zit bij de bedrijven met een gemiddeld risico;" in only


def test_risk_one_control_done(cycle):
    markdown = risk(cycle, {"A2.02.03": 2, "A2.02.04": None, "A2.02.05": None},
                    {"A2.02.03": 1, "A2.02.04": None, "A2.02.05": None})
    assert "Van de 2 geplande periodieke controles is er 1 uitgevoerd (illustratief)." in markdown


def test_risk_without_a_bedrijvenbestand(cycle):
    bestand = edit(cycle.data.bedrijvenbestand,
                   bedrijven={k: v for k, v in cycle.data.bedrijvenbestand.bedrijven.items() if k != "borne"})
    markdown = section(text(cycle, "jaarverslag", "borne", data=edit(cycle.data, bedrijvenbestand=bestand)),
                       "Periodieke controles naar risico")
    assert markdown.strip() == ("Het bedrijvenbestand naar risicocategorie ontbreekt, zodat de periodieke controles "
                                "niet per categorie kunnen worden verantwoord.")


# --- deviations from the plan, follow-up of the najaar signals --------------------------------

def year_on_plan(cycle: Cycle, slug: str, **done: int) -> dict[str, PeriodRealisation]:
    """The year's exports with the deelnemer's every product finished exactly as planned, except `done`."""
    period = on_plan(cycle.data, cycle.periods["jaar"], slug)
    return periods_with(cycle, jaar=with_realised(period, slug, {c.replace("_", "."): n for c, n in done.items()}))


def test_nothing_far_from_plan(cycle):
    markdown = section(text(cycle, "jaarverslag", "borne", periods=year_on_plan(cycle, "borne")),
                       "Afwijkingen van de planning")
    assert "Geen programma wijkt meer dan 15% af van de planning." in markdown  # jaarverslag.yaml: drempel 15%
    assert "Geen product wijkt meer dan 15% af van de jaarprognose." in markdown
    assert "Tabel" not in markdown


def test_a_product_and_its_programme_far_from_plan(cycle):
    # A2.02.05 (prognose 60 in borne.csv, kental 11): 30 finished, 30 fewer = -50,0%. Toezicht
    # then lacks 30 x 11 = 330 of its 1.345 standard hours: -24,5%, beyond 15% too.
    doc = compose(cycle, "jaarverslag", "borne", periods=year_on_plan(cycle, "borne", A2_02_05=30))
    markdown = section(doc.markdown, "Afwijkingen van de planning")
    assert "| A2.02.05 | Periodieke controle standaard | 60 | 30 | -30 | -50,0 |" in markdown
    assert doc.tables["programmas-ver-van-plan"].cell("toezicht", "Verschil (%)") == "-24,5"
    assert "Geen programma wijkt" not in markdown and "Geen product wijkt" not in markdown


@pytest.mark.parametrize("factor, heading", [(Fraction(1, 2), "### Programma toezicht: minder dan gepland"),
                                             (Fraction(2), "### Programma toezicht: meer dan gepland")])
def test_the_explanation_of_a_deviation_says_more_or_less(cycle, factor, heading):
    # Enschede's toezicht at half or twice its plan; the content explains "toezicht lager" and (in
    # this module's copy) "toezicht hoger"
    period = on_plan(cycle.data, cycle.periods["jaar"], "enschede", factor, programmes={"toezicht"})
    markdown = section(text(cycle, "jaarverslag", "enschede", periods=periods_with(cycle, jaar=period)),
                       "Afwijkingen van de planning")
    other = heading.replace("minder", "MEER").replace("meer", "minder").replace("MEER", "meer")
    assert heading + "\n" in markdown and other not in markdown


def test_najaar_signals_followed_up_or_not(cycle):
    title = "Signalen uit de najaarsrapportage"
    with_signals = compose(cycle, "jaarverslag", "borne")  # Borne's najaar: handhaving ahead of schedule
    assert with_signals.tables["opvolging"].cell("handhaving", "Najaar") == "voor op schema"
    assert "In de najaarsrapportage werden de signalen hieronder gemeld" in section(with_signals.markdown, title)
    quiet = on_plan(cycle.data, cycle.periods["najaar"], "borne")
    markdown = text(cycle, "jaarverslag", "borne", periods=periods_with(cycle, najaar=quiet))
    assert title not in markdown and "In de najaarsrapportage werden" not in markdown


# --- the indicators: streefwaarden overdue, target met or not -------------------------------

def test_the_compliance_chart_only_with_the_year_before(cycle):
    caption = re.compile(r"^Figuur \d+ Naleefgedrag 2024 en 2025 \(illustratief\)$", re.M)  # the measurements are
    assert caption.search(text(cycle, "jaarverslag", "borne"))  # data/2024/indicatoren/borne.yaml has the counts
    markdown = text(cycle, "jaarverslag", "borne", extra=edit(cycle.jaarverslag_data, vorig_jaar={}))
    assert not caption.search(markdown) and "](grafiek:naleefgedrag)" not in markdown


def overdue(cycle: Cycle, *indicators: Indicator) -> str | None:
    markdown = text(cycle, "jaarverslag", "borne", data=with_goals(cycle.data, *indicators))
    found = [x for x in markdown.splitlines() if "een streefwaarde moeten vaststellen" in x]
    return found[0] if found else None


def test_an_overdue_streefwaarde_for_one_or_more_indicators(cycle):
    # PLAN: to be adopted by het algemeen bestuur by 1 juli 2025, before the peildatum of 31 december
    assert overdue(cycle, indicator("spontaan", "Spontaan naleefgedrag", plan=PLAN),
                   indicator("opvolgend", "Opvolgend naleefgedrag", streefwaarde=TARGET)) == (
        "Voor spontaan naleefgedrag had het algemeen bestuur uiterlijk 1 juli 2025 een streefwaarde moeten "
        "vaststellen. Dat is niet gebeurd, zodat voor deze indicator niet kan worden gezegd of het doel is bereikt.")
    assert overdue(cycle, indicator("spontaan", "Spontaan naleefgedrag", plan=PLAN),
                   indicator("opvolgend", "Opvolgend naleefgedrag", plan=PLAN)) == (
        "Voor spontaan naleefgedrag en opvolgend naleefgedrag had het algemeen bestuur uiterlijk 1 juli 2025 een "
        "streefwaarde moeten vaststellen. Dat is niet gebeurd, zodat voor deze indicatoren niet kan worden gezegd of "
        "het doel is bereikt.")
    assert overdue(cycle, indicator("spontaan", "Spontaan naleefgedrag", plan=PLAN),
                   indicator("opvolgend", "Opvolgend naleefgedrag", plan=PLAN),
                   indicator("handhaving", "Handhavingsgraad", teller="HHC", plan=PLAN)).startswith(
        "Voor spontaan naleefgedrag, opvolgend naleefgedrag en handhavingsgraad had het algemeen bestuur")


def test_no_overdue_streefwaarde_when_adopted_or_not_due_yet(cycle):
    later = StreefwaardePlan(door="het algemeen bestuur", uiterlijk=dt.date(2026, 1, 31))
    assert overdue(cycle, indicator("spontaan", "Spontaan naleefgedrag", plan=later)) is None
    assert overdue(cycle, indicator("spontaan", "Spontaan naleefgedrag", streefwaarde=TARGET)) is None


@pytest.mark.parametrize("streefwaarde, status", [
    (TARGET, "behaald"),  # maximaal 25%, measured 20,0%
    (edit(TARGET, maximaal=D(10)), "niet behaald"),  # maximaal 10%
    (edit(TARGET, maximaal=None, minimaal=D(20)), "behaald"),  # minimaal 20%: exactly 20,0% is enough
    (edit(TARGET, maximaal=None, minimaal=D(21)), "niet behaald"),
    (None, "geen streefwaarde"),
])
def test_a_target_met_or_not(cycle, streefwaarde, status):
    # Borne finished 100 periodieke controles (A2.02.05, PC) and 20 hercontroles (A2.03.04, HC): 20,0%
    period = with_realised(cycle.periods["jaar"], "borne", {"A2.02.03": None, "A2.02.04": None, "A2.02.05": 100,
                                                            "A2.03.04": 20})
    data = with_goals(cycle.data, indicator("spontaan", "Spontaan naleefgedrag", streefwaarde=streefwaarde, plan=PLAN))
    doc = compose(cycle, "jaarverslag", "borne", data=data, periods=periods_with(cycle, jaar=period))
    assert doc.tables["indicatoren"].cell("spontaan", "2025") == "20,0%"
    assert doc.tables["indicatoren"].cell("spontaan", "Status") == status


def test_no_behaald_without_a_measurement(cycle):
    # no periodieke controle finished at all: HC / PC cannot be computed
    period = with_realised(cycle.periods["jaar"], "borne", {"A2.02.03": None, "A2.02.04": None, "A2.02.05": None,
                                                            "A2.03.04": 20})
    data = with_goals(cycle.data, indicator("spontaan", "Spontaan naleefgedrag", streefwaarde=TARGET))
    table = compose(cycle, "jaarverslag", "borne", data=data, periods=periods_with(cycle, jaar=period)).tables["indicatoren"]
    assert table.cell("spontaan", "2025") == "–" and table.cell("spontaan", "Status") == "geen meting"


def test_the_jaarverslag_says_its_exports_are_illustrative_only_when_they_are(cycle):
    data = nothing_illustrative(cycle.data)
    extra = cycle.jaarverslag_data
    extra = edit(extra, metingen={k: edit(m, illustratief=False) for k, m in extra.metingen.items()},
                 vorig_jaar={k: edit(m, illustratief=False) for k, m in extra.vorig_jaar.items()},
                 robuustheid=edit(extra.robuustheid, illustratief=False),
                 projectresultaten=edit(extra.projectresultaten, illustratief=False),
                 verantwoording=edit(extra.verantwoording, illustratief=False))
    start = "De cijfers over 2025 komen uit de exports van het zaaksysteem met de stand op 31 december 2025"
    assert line(text(cycle, "jaarverslag", "enschede", data=data, extra=extra), start).startswith(start + EXPORTS_CLAUSE + ".")
    real = text(cycle, "jaarverslag", "enschede", data=data, extra=extra, periods=real_exports(cycle))
    assert line(real, start).startswith(start + ". De planning")
    assert "Let op:" not in real

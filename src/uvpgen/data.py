"""Load stage: files in data/ -> validated models. No computation happens here.

Every problem becomes an InputError naming file, line or row, field, value and what was
expected. YAML is read with line tracking so pydantic's error locations map back to lines.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field as dataclass_field
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from yaml.cyaml import CParser  # LibYAML, in every PyYAML wheel
from pydantic import BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, field_validator, model_validator

from .characters import EXPECTED, problem, unprintable
from .errors import InputError, display_path
from .formatting import number, percentage, quantity
from .limits import MAX_YAML_BYTES, MAX_YAML_DEPTH, read_bytes
from .markdown import refused_value
from .names import TWENTE
from .spreadsheets import read_table

PROGRAMMES = ("vergunningen", "toezicht", "handhaving", "advies")
PROGRAMME_BY_PREFIX = {"A1": "vergunningen", "A2": "toezicht", "A3": "handhaving", "A4": "advies"}
PRODUCT_CODE = re.compile(r"^A[1-4]\.\d{2}\.\d{2}$")
NVT = "n.v.t."
MAX_NUMBER = 10_000_000  # a count, hours or euros above this is a typing or export error


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


@dataclass(frozen=True, order=True)
class Bron:
    """An illustrative source a document's figures come from, as its colophon names it: what
    (`wat`: "de prognose") and, where it is a deelnemer's, whose (`van`: "Almelo"); and the
    tables and figures that rest on it, by id ("capaciteit-balans", "figuur-naleefgedrag"), which
    carry a mark where a document prints them."""
    wat: str
    van: str = ""
    delen: tuple[str, ...] = dataclass_field(default=(), compare=False)


Count = Annotated[int, Field(ge=0, le=MAX_NUMBER)]
Amount = Annotated[Decimal, Field(ge=0, le=MAX_NUMBER)]
Rate = Annotated[Decimal, Field(gt=0, le=MAX_NUMBER)]
Hours = Count | Literal["n.v.t."]
Text = Annotated[str, Field(min_length=1)]


# --- models -------------------------------------------------------------------------------

class Deelnemer(Model):
    slug: Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
    naam: Text
    soort: Literal["gemeente", "provincie"]
    verdeelsleutel: dict[int, Annotated[Decimal, Field(ge=0, le=100, decimal_places=2)]]
    illustratief: bool

    @field_validator("slug")
    @classmethod
    def _not_reserved(cls, slug: str) -> str:
        if slug == TWENTE:
            raise ValueError(f"'{TWENTE}' is de slug van het Twentse document; kies een andere")
        return slug

    @property
    def aanduiding(self) -> str:
        """'gemeente Enschede', 'provincie Overijssel': how the documents name the deelnemer."""
        return f"{self.soort} {self.naam}"

    @property
    def kortenaam(self) -> str:
        """The name in a list of deelnemers: 'Enschede', but 'Provincie Overijssel'."""
        return self.naam if self.soort == "gemeente" else self.aanduiding[:1].upper() + self.aanduiding[1:]


class Product(Model):
    code: str
    naam: Text
    programma: Literal[PROGRAMMES]
    kentallen: dict[int, Annotated[Amount, Field(decimal_places=2)]]
    illustratief: bool = False
    correctie: str | None = None

    @field_validator("code")
    @classmethod
    def _code_shape(cls, code: str) -> str:
        if not PRODUCT_CODE.match(code):
            raise ValueError("productcode in de vorm A1.17.00 (A1–A4, twee keer twee cijfers)")
        return code

    @model_validator(mode="after")
    def _programme_matches_code(self) -> Product:
        expected = PROGRAMME_BY_PREFIX[self.code[:2]]
        if self.programma != expected:
            raise ValueError(f"code {self.code} hoort bij programma '{expected}', niet '{self.programma}'")
        return self


class PrognoseRegel(Model):
    code: Text
    aantal: Count
    opmerking: str = ""


class ProjectBijlage(Model):
    doel: Text
    beschrijving: Text
    subdoelen: list[Text]
    subdoelen_toelichting: str | None = None
    aanvullende_informatie: str | None = None
    initiatoren: Text
    betrokken_partijen: Text
    capaciteit_toelichting: str | None = None
    financiering_toelichting: str | None = None


class Project(Model):
    code: Annotated[str, Field(pattern=r"^OD\d+$")]
    naam: Text
    titel: Text
    samenvatting: Text
    capaciteit_uren: Hours
    financiering: Literal["verdeelsleutel", "extern"]
    financiering_toelichting: str | None = None
    status: Literal["Initiatiefase", "Realisatiefase", "Afrondingsfase"]
    bijlage: ProjectBijlage
    correctie: str | None = None

    @model_validator(mode="after")
    def _capacity_matches_financing(self) -> Project:
        # Hours shared by verdeelsleutel must be a number; external projects cost the deelnemers nothing.
        if self.financiering == "verdeelsleutel" and self.capaciteit_uren == NVT:
            raise ValueError("een project op de verdeelsleutel heeft een aantal uren, geen 'n.v.t.'")
        if self.financiering == "extern" and self.capaciteit_uren != NVT:
            raise ValueError("een extern gefinancierd project heeft capaciteit 'n.v.t.'")
        return self


class Dienst(Model):
    nr: Count
    naam: Text
    samenvatting: Text
    capaciteit_uren: Hours
    financiering: Literal["verdeelsleutel", "begroting"]


class LokaalProject(Model):
    naam: Text
    opdracht: Text
    capaciteit_uren: Count


class Focuspunt(Model):
    titel: Text
    toelichting: Text


class Ketenpartner(Model):
    naam: Text
    afkorting: str | None = None
    samenwerking: Text
    focuspunten: list[Focuspunt] = []


class Telling(Model):
    """A count the indicators are computed from: the products finished under these code prefixes."""
    naam: Text
    codes: list[Annotated[str, Field(pattern=r"^A[1-4](\.\d{2}){1,2}$")]]


class Formule(Model):
    """An indicator measured as teller / noemer, both counts from `tellingen` (a percentage)."""
    teller: Text
    noemer: Text


class Streefwaarde(Model):
    """A target adopted by a body on a date; a value without both is no target at all."""
    minimaal: Annotated[Decimal, Field(ge=0, le=100)] | None = None
    maximaal: Annotated[Decimal, Field(ge=0, le=100)] | None = None
    vastgesteld: dt.date
    door: Text
    illustratief: bool = False

    @model_validator(mode="after")
    def _one_bound(self) -> Streefwaarde:
        if self.minimaal is None and self.maximaal is None:
            raise ValueError("een streefwaarde heeft een minimum, een maximum of beide")
        return self


class StreefwaardePlan(Model):
    """Who will adopt a streefwaarde not adopted yet, and by when (IBT: measurable goals)."""
    door: Text
    uiterlijk: dt.date
    illustratief: bool = False


class Indicator(Model):
    id: Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
    naam: Text
    soort: Literal["output", "outcome", "output en outcome"]
    definitie: Text
    formule: Formule | None = None  # measured from the exports; None: not (yet) measured as a number
    verdeling: Literal["lhso"] | None = None  # measured as a distribution (a table in the jaarverslag)
    streefwaarde: Streefwaarde | None = None  # None: not (yet) adopted
    streefwaarde_gepland: StreefwaardePlan | None = None  # without a streefwaarde: who sets it, and when

    @property
    def meetbaar(self) -> bool:
        """A number with a streefwaarde, or a number whose streefwaarde has a body and a date to be
        set by; qualitative indicators and distributions are accounted for without one."""
        return self.formule is None or self.streefwaarde is not None or self.streefwaarde_gepland is not None


class Ambitieonderwerp(Model):
    thema: Text
    onderwerp: Text  # the same words as a doel's onderwerp when the subject is worked out this year


class Ambitieonderwerpen(Model):
    """The subjects the administrations adopted as ambitions, which the goals of a year pick from."""
    illustratief: bool
    onderwerpen: list[Ambitieonderwerp]


class Doel(Model):
    thema: Text
    ambitie: Text
    onderwerp: Text
    onderwerp_ambitie: str | None = None
    doelen: list[Text]
    indicatoren: list[Indicator]
    activiteiten: Text


class Risico(Model):
    naam: Text
    omschrijving: Text
    beheersing: Text


class Begrip(Model):
    term: Text
    betekenis: Text


class EnergieRegel(Model):
    """One line of an energy table: kental x aantal hours, fixed hours, or a fixed cost without hours."""
    product: Text
    kental: Amount | None = None
    aantal: Count | None = None
    uren: Count | None = None
    kosten: Count | None = None
    correctie: str | None = None

    @model_validator(mode="after")
    def _one_way_to_hours(self) -> EnergieRegel:
        by_kental = self.kental is not None and self.aantal is not None
        if (self.kental is None) != (self.aantal is None):
            raise ValueError("kental en aantal horen samen")
        if sum([by_kental, self.uren is not None, self.kosten is not None]) != 1:
            raise ValueError("geef kental + aantal, of uren, of vaste kosten (precies één daarvan)")
        return self


class EnergieBijdragen(Model):
    """The hours each gemeente puts into a Twente-wide energy table; together the table's total."""
    illustratief: bool
    uren: dict[str, Annotated[int, Field(ge=0)]]


class EnergieTabel(Model):
    titel: Text
    regels: list[EnergieRegel]
    bijdragen: EnergieBijdragen | None = None


class EnergieWerkzaamheid(Model):
    werkzaamheid: Text
    omschrijving: Text


class Energie(Model):
    tabellen: list[EnergieTabel]
    werkzaamheden: list[EnergieWerkzaamheid] = []  # what the lines of the tables mean (thresholds, EU-ETS, posts)


class WerkvoorraadRegel(Model):
    product: Text
    aantal: Count
    kental: Amount


class Werkvoorraad(Model):
    illustratief: bool
    regels: list[WerkvoorraadRegel]


GIT_REF = re.compile(r"[A-Za-z0-9][A-Za-z0-9._/~^-]{0,99}")
REF_EXAMPLES = "een tag, branch of commit, zoals v1.0, main, HEAD~1 of 3f2a9c1"


def check_git_ref(ref: str) -> str:
    """A git ref as people write one. Never an option for git (--output=/tmp/x writes a file), a
    range (a..b), a path (v1.0:README.md) or a reflog expression (main@{2})."""
    if not GIT_REF.fullmatch(ref) or ".." in ref or ref.endswith((".lock", "/", ".")):
        raise ValueError(f"geen git-versie; verwacht: {REF_EXAMPLES}")
    return ref


class VorigeVersie(Model):
    """The version a change appendix compares with: its number and the git ref that holds it."""
    versie: Text
    git: Text

    @field_validator("git")
    @classmethod
    def _git_ref(cls, ref: str) -> str:
        return check_git_ref(ref)


class Vaststelling(Model):
    """How far one document got: a concept, or adopted by a body on a date and then sent to the
    council (or the AB, Provinciale Staten) and to the province as interbestuurlijk toezichthouder."""
    status: Literal["concept", "vastgesteld"]
    datum: dt.date | None = Field(default=None, validate_default=True)  # of the adoption
    door: str | None = Field(default=None, validate_default=True)  # the body that adopted it
    raad: dt.date | None = None  # sent to the council / Provinciale Staten / the AB
    provincie: dt.date | None = None  # sent to the province (IBT)
    illustratief: bool = False  # an adoption made up for the example data: the document stays a concept

    @property
    def vastgesteld(self) -> bool:
        """Really adopted: an illustrative adoption does not make a document adopted."""
        return self.status == "vastgesteld" and not self.illustratief

    @field_validator("datum", "door")
    @classmethod
    def _adopted_by_whom_and_when(cls, value: Any, info: ValidationInfo) -> Any:
        status = info.data.get("status")
        what = "datum van vaststelling" if info.field_name == "datum" else "orgaan dat vaststelde (door)"
        if status == "vastgesteld" and not value:
            raise ValueError(f"een vastgesteld document heeft een {what}")
        if status == "concept" and value:
            raise ValueError("een concept is nog niet vastgesteld: laat dit veld weg, of zet de status op vastgesteld")
        return value

    @field_validator("raad", "provincie")
    @classmethod
    def _sent_after_adoption(cls, value: dt.date | None, info: ValidationInfo) -> dt.date | None:
        if value is not None and info.data.get("status") == "concept":
            raise ValueError("een concept wordt nog niet verzonden: laat dit veld weg, of zet de status op vastgesteld")
        adopted = info.data.get("datum")
        if value is not None and adopted is not None and value < adopted:
            raise ValueError(f"verzonden vóór de vaststelling op {adopted.isoformat()}")
        return value


ORGAAN_SOORTEN = ("gemeente", "provincie", "twente")


class DocumentMeta(Model):
    titel: Text
    ondertitel: Text
    organisatie: Text
    versie: Text
    status: Literal["concept", "vastgesteld"]  # of every document of this type without its own vaststelling
    datum: dt.date
    vorige_versie: VorigeVersie | None = None
    orgaan: dict[Literal[ORGAAN_SOORTEN], Text] = {}  # who adopts it: per soort deelnemer, and for Twente
    vaststelling: dict[str, Vaststelling] = {}  # per deelnemer slug (or twente): its own adoption

    def adoption(self, slug: str) -> Vaststelling:
        """The adoption of this type's document for one deelnemer (or twente)."""
        return self.vaststelling.get(slug) or Vaststelling(status=self.status)


# --- requirements (data/vereisten.yaml) -----------------------------------------------------

class Vindplaats(Model):
    """Where a document meets a requirement: a table (by id), a section (by the key the template
    gives its heading) or an element the template marks (the adoption in the colophon)."""
    tabel: str | None = None
    sectie: str | None = None
    element: str | None = None

    @model_validator(mode="after")
    def _exactly_one(self) -> Vindplaats:
        if sum(v is not None for v in (self.tabel, self.sectie, self.element)) != 1:
            raise ValueError("een vindplaats is precies één van tabel, sectie of element")
        return self

    @property
    def key(self) -> str:
        kind = "tabel" if self.tabel else "sectie" if self.sectie else "element"
        return f"{kind}:{self.tabel or self.sectie or self.element}"

    @property
    def beschrijving(self) -> str:
        if self.tabel:
            return f"tabel '{self.tabel}'"
        return f"paragraaf '{self.sectie}'" if self.sectie else f"onderdeel '{self.element}'"


SUBSTANCE_CHECKS = ("streefwaarden", "gemeten", "vaststelling")


class Vereiste(Model):
    """One element the law or the provincial IBT checklist requires of a document type."""
    id: Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
    vereiste: Text  # in Dutch, as the appendix lists it
    artikel: Text  # the article(s), with the law: "art. 13.8 lid 1 Omgevingsbesluit (voorheen art. 7.3 Bor)"
    ibt: str | None = None  # the item of the provincial IBT checklist, where there is one
    waar: Annotated[list[Vindplaats], Field(min_length=1)]  # all of these, in a deelnemer's document
    twente: list[Vindplaats] | None = None  # in the Twentse document, where it differs
    geldt_voor: Literal["alle", "deelnemers", "twente"] = "alle"
    toets: list[Literal[SUBSTANCE_CHECKS]] = []  # what must be there beyond the places (uvpgen.requirements)
    gecontroleerd: list[str] = []  # the sources (keys of `bronnen`) the article was checked against; none: unverified

    @property
    def grondslag(self) -> str:
        checked = "" if self.gecontroleerd else " (artikel niet gecontroleerd)"
        return f"{self.artikel}{checked}; {self.ibt}" if self.ibt else self.artikel + checked

    def places(self, twente: bool) -> list[Vindplaats]:
        return (self.twente if twente and self.twente is not None else self.waar)

    def applies(self, twente: bool) -> bool:
        return self.geldt_voor == "alle" or self.geldt_voor == ("twente" if twente else "deelnemers")


class Vereisten(Model):
    bronnen: dict[str, Text]  # where the article texts and checklists were found
    documenten: dict[Literal["uvp", "monitoring", "jaarverslag"], list[Vereiste]]


# --- capacity, risk analysis, quality criteria -------------------------------------------------

CAPACITY_PARTS = ("vergunningen", "toezicht", "handhaving", "advies", "projecten", "diensten", "lokaal")


class Capaciteit(Model):
    """The rate, the productive hours of one fte, and per deelnemer the formatie available to each
    part of its programme (data/<jaar>/capaciteit.yaml)."""
    illustratief: bool
    uurtarief: Annotated[Decimal, Field(gt=0, le=MAX_NUMBER, decimal_places=2)]
    uren_per_fte: Annotated[int, Field(gt=0, le=2000)]
    formatie: dict[str, dict[Literal[CAPACITY_PARTS], Annotated[Decimal, Field(ge=0, decimal_places=2)]]] = {}

    @field_validator("formatie")
    @classmethod
    def _every_part(cls, formatie: dict[str, dict[str, Decimal]]) -> dict[str, dict[str, Decimal]]:
        for slug, parts in formatie.items():
            missing = [p for p in CAPACITY_PARTS if p not in parts]
            if missing:
                raise ValueError(f"formatie van {slug}: ontbreekt voor {', '.join(missing)}")
        return formatie


class Risicocategorie(Model):
    id: Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
    naam: Text
    frequentie: Text  # as the VTH-beleid sets it: "jaarlijks", "eens per drie jaar"
    controle: str | None = None  # the periodic control product of this category; None: no periodic control


class Bedrijvenbestand(Model):
    """The companies per risk category per deelnemer, from the risk analysis (data/<jaar>/bedrijvenbestand.yaml)."""
    illustratief: bool
    risicocategorieen: Annotated[list[Risicocategorie], Field(min_length=1)]
    bedrijven: dict[str, dict[str, Annotated[int, Field(ge=0)]]] = {}


class Taakveld(Model):
    id: Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
    naam: Text
    kritieke_massa: Annotated[Decimal, Field(gt=0, decimal_places=1)]  # the minimum formatie (fte) of the criteria


class KcMeting(Model):
    peildatum: dt.date
    kader: Text  # the set of criteria measured against, and how: "Kwaliteitscriteria 3.0 (toets door een extern bureau)"
    fte: dict[str, Annotated[Decimal, Field(ge=0, decimal_places=1)]]  # present formatie per taakveld
    deskundig: dict[str, Annotated[int, Field(ge=0, le=100)]]  # % of staff meeting the expertise criteria


class Kwaliteitscriteria(Model):
    """Where the organisation stands against the kwaliteitscriteria (KC), measured at dates."""
    illustratief: bool
    taakvelden: Annotated[list[Taakveld], Field(min_length=1)]
    metingen: Annotated[list[KcMeting], Field(min_length=1)]

    def at(self, datum: dt.date) -> KcMeting | None:
        """The last measurement on or before a date."""
        before = [m for m in self.metingen if m.peildatum <= datum]
        return max(before, key=lambda m: m.peildatum) if before else None

    def onder_kritieke_massa(self, meting: KcMeting) -> list[Taakveld]:
        return [t for t in self.taakvelden if meting.fte[t.id] < t.kritieke_massa]

    def niet_volledig_deskundig(self, meting: KcMeting) -> list[Taakveld]:
        return [t for t in self.taakvelden if meting.deskundig[t.id] < 100]


class Signalering(Model):
    drempel_procentpunt: Rate
    minimum_prognose: Count


PERIODS = ("voorjaar", "najaar", "jaar")  # in the order of the year


class Monitoring(Model):
    """Peildata, the signalling rule and seasonal profiles (data/<jaar>/monitoring.yaml)."""
    perioden: dict[Literal[PERIODS], dt.date]
    signalering: Signalering
    seizoensprofielen: dict[str, list[Annotated[Decimal, Field(ge=0, le=1)]]] = {}

    @field_validator("seizoensprofielen")
    @classmethod
    def _cumulative_profiles(cls, profiles: dict[str, list[Decimal]]) -> dict[str, list[Decimal]]:
        for code, shares in profiles.items():
            if len(shares) != 12 or shares != sorted(shares) or shares[-1] != 1:
                raise ValueError(f"profiel van {code}: twaalf oplopende maandaandelen die eindigen op 1")
        return profiles

    def fraction(self, code: str, peildatum: dt.date) -> Fraction:
        """The share of the year's prognose expected by the end of the peildatum's month, exact:
        4/12 as a Decimal (0,333..) would round 22,5 × 4/12 = 7,5 down to 7."""
        profile = self.seizoensprofielen.get(code)
        return Fraction(profile[peildatum.month - 1]) if profile else Fraction(peildatum.month, 12)


class YearData(Model):
    """Everything one year's documents are made from."""
    jaar: int
    deelnemers: list[Deelnemer]
    producten: dict[str, Product]
    prognoses: dict[str, list[PrognoseRegel]]
    projecten: list[Project]
    diensten: list[Dienst]
    lokale_projecten: dict[str, list[LokaalProject]]
    ketenpartners: list[Ketenpartner]
    tellingen: dict[str, Telling]
    doelen: list[Doel]
    risicos: list[Risico]
    begrippen: list[Begrip]
    energie: Energie
    werkvoorraad: dict[str, Werkvoorraad]
    documenten: dict[str, DocumentMeta]
    monitoring: Monitoring
    ambitieonderwerpen: Ambitieonderwerpen | None
    capaciteit: Capaciteit
    bedrijvenbestand: Bedrijvenbestand
    kwaliteitscriteria: Kwaliteitscriteria
    vereisten: Vereisten

    def deelnemer(self, slug: str) -> Deelnemer:
        """The deelnemer with this slug; an unknown slug lists the valid ones and the nearest."""
        by_slug = {d.slug: d for d in self.deelnemers}
        if slug in by_slug:
            return by_slug[slug]
        nearest = difflib.get_close_matches(slug, list(by_slug), n=1)
        hint = f"Bedoelde u '{nearest[0]}'? " if nearest else ""
        raise InputError(f"onbekende deelnemer '{slug}'. {hint}Geldige waarden: {', '.join(sorted(by_slug))}",
                         field="--gemeente")


# --- YAML with line numbers ---------------------------------------------------------------

class _DataRules:
    """The rules of data files, with line numbers in every refusal: no duplicate keys, keys that
    are plain values, no anchors or aliases (`*a` repeated in `&a [*b, *b]` multiplies), no tags
    (`!!python/object`), nesting within MAX_YAML_DEPTH, and dates and numbers that Python cannot
    make (2025-02-30, an integer of 5.000 digits) as errors."""

    depth = 0

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node:
        event = self.peek_event()
        line = event.start_mark.line + 1
        if event.anchor is not None:
            raise InputError("anker of verwijzing (&naam, *naam) in een gegevensbestand", line=line,
                             value=event.anchor, expected="elke waarde uitgeschreven, zonder & of *")
        if getattr(event, "tag", None) not in (None, "!"):
            raise InputError("YAML-label in een gegevensbestand", line=line,
                             value=event.tag.replace("tag:yaml.org,2002:", "!!"),
                             expected="gewone waarden, zonder !!-label")
        if self.depth >= MAX_YAML_DEPTH:
            raise InputError("te diep genest", line=line, expected=f"hoogstens {MAX_YAML_DEPTH} niveaus")
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep=deep)
        except ValueError:
            line = node.start_mark.line + 1
            if node.tag.endswith("timestamp"):
                raise InputError("deze datum bestaat niet", line=line, value=node.value,
                                 expected="een bestaande datum als 2025-04-30") from None
            raise InputError("getal met te veel cijfers", line=line, value=node.value,
                             expected="een getal als 12 of 12.5") from None


def _construct_mapping(loader: _DataLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    seen: dict[Any, int] = {}
    for key_node, value_node in node.value:
        line = key_node.start_mark.line + 1
        if not isinstance(key_node, yaml.ScalarNode):
            raise InputError("sleutel is geen tekst of getal", line=line,
                             expected="een sleutel als 'naam:' (geen lijst of '?' als sleutel)")
        key = loader.construct_object(key_node, deep=True)
        if key in seen:
            raise InputError("dubbele sleutel", line=line, field=str(key),
                             expected=f"elke sleutel één keer (eerder op regel {seen[key]})")
        seen[key] = line
        for value in _texts(value_node):  # a template may show it as Markdown: a writer's text
            if refusal := refused_value(value.value):
                raise InputError(refusal.message, line=value.start_mark.line + 1, field=str(key), value=refusal.value,
                                 expected=refusal.expected)
    return loader.construct_mapping(node, deep=deep)


def _texts(node: yaml.Node) -> list[yaml.ScalarNode]:
    """The texts a key holds: its value, or the items of its list."""
    if isinstance(node, yaml.SequenceNode):
        return [item for item in node.value if isinstance(item, yaml.ScalarNode)]
    return [node] if isinstance(node, yaml.ScalarNode) else []


class _DataLoader(_DataRules, yaml.SafeLoader):
    """PyYAML's own parser, in Python: its messages are the ones `_yaml_error` translates."""


class _FastDataLoader(_DataRules, yaml.composer.Composer, CParser, yaml.constructor.SafeConstructor,
                      yaml.resolver.Resolver):
    """LibYAML's parser (ten times faster) under the same rules; any error is reported by parsing
    the file again with `_DataLoader`."""

    def __init__(self, text: str):
        CParser.__init__(self, text)
        yaml.constructor.SafeConstructor.__init__(self)
        yaml.resolver.Resolver.__init__(self)
        yaml.composer.Composer.__init__(self)


for _loader in (_DataLoader, _FastDataLoader):
    _loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def read_yaml(path: Path) -> tuple[Any, yaml.Node | None]:
    """Parse a YAML file; return the data and its node tree (for mapping errors to lines)."""
    try:
        text = read_bytes(path, MAX_YAML_BYTES).decode("utf-8")
    except UnicodeDecodeError as err:
        raise InputError("bestand is geen UTF-8", path=path, expected="UTF-8-tekst") from err
    data, node = parse_yaml(text, path)
    if data is None:
        raise InputError("het bestand is leeg", path=path, expected="gegevens in YAML")
    return data, node


def parse_yaml(text: str, path: Path) -> tuple[Any, yaml.Node | None]:
    """YAML text from `path` by the rules of data files (see _DataRules): data and node tree.
    Every key and value holds printable text only (uvpgen.characters). A character the YAML
    parsers refuse outright is read as U+FFFD first, so that the refusal names its field."""
    readable = yaml.reader.Reader.NON_PRINTABLE.sub("\ufffd", text)  # as many characters: the same marks
    try:
        data, node = _parse(_FastDataLoader, readable, path)
    except yaml.YAMLError:
        try:
            data, node = _parse(_DataLoader, readable, path)  # again, for PyYAML's words (_yaml_error)
        except yaml.YAMLError as err:
            raise _yaml_error(err, path, text) if readable == text else _unprintable_in(text, path) from None
    _refuse_unprintable(node, path, text, ())
    if readable != text:
        raise _unprintable_in(text, path)  # in a comment
    return data, node


def _refuse_unprintable(node: yaml.Node | None, path: Path, text: str, loc: tuple) -> None:
    """Refuse the first key or value that is not printable text, at its line, in its field."""
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            _refuse_unprintable(key, path, text, loc)
            _refuse_unprintable(value, path, text, (*loc, key.value))
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _refuse_unprintable(item, path, text, (*loc, index))
    elif isinstance(node, yaml.ScalarNode) and unprintable(node.value) is not None:
        start = node.start_mark.index
        raw = unprintable(text[start:node.end_mark.index])  # the character as the file has it, if not escaped
        char = text[start + raw] if raw is not None else node.value[unprintable(node.value)]
        raise InputError(problem(char), path=path, line=text.count("\n", 0, start + (raw or 0)) + 1,
                         field=".".join(str(part) for part in loc) or None,
                         value=node.value if raw is None else text[start:node.end_mark.index], expected=EXPECTED)


def _unprintable_in(text: str, path: Path) -> InputError:
    """A character no YAML parser reads, outside the values (in a comment, or where it breaks the syntax)."""
    position = yaml.reader.Reader.NON_PRINTABLE.search(text).start()
    return InputError(problem(text[position]), path=path, line=text.count("\n", 0, position) + 1, expected=EXPECTED)


def _parse(loader_class: type, text: str, path: Path) -> tuple[Any, yaml.Node | None]:
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        return (loader.construct_document(node) if node is not None else None), node
    except InputError as err:
        raise err.at(path) from None
    finally:
        loader.dispose()


YAML_PROBLEMS = {  # PyYAML's words -> ours
    "found another document": "meer dan één document in het bestand (een tweede '---')",
    "mapping values are not allowed here": "een dubbele punt waar die niet mag (zet zo'n tekst tussen aanhalingstekens)",
    "could not find expected ':'": "een dubbele punt ontbreekt",
    "expected <block end>": "de inspringing klopt niet",
}


def _yaml_error(err: yaml.YAMLError, path: Path, text: str) -> InputError:
    """PyYAML's message in plain Dutch, at the line where the problem starts (the parser often
    notices a tab or an unclosed quote only some lines later)."""
    problem = str(getattr(err, "problem", "") or err)
    mark = getattr(err, "problem_mark", None)
    lines = text.splitlines()
    tab = next((n for n, line in enumerate(lines, 1) if re.match(r"^ *\t", line)), None)
    if tab is not None:
        return InputError("een tab gebruikt om in te springen", path=path, line=tab,
                          expected="inspringen met spaties (YAML kent geen tabs)")
    quote = next((n for n, line in enumerate(lines, 1)  # a comment may quote across lines
                  if not line.lstrip().startswith("#") and line.split(" #")[0].replace('\\"', "").count('"') % 2), None)
    if quote is not None:
        return InputError("het aanhalingsteken wordt niet gesloten", path=path, line=quote,
                          expected="een tekst tussen twee aanhalingstekens op dezelfde regel")
    problem = next((ours for words, ours in YAML_PROBLEMS.items() if words in problem), f"ongeldige YAML ({problem})")
    return InputError(problem, path=path, line=mark.line + 1 if mark else None,
                      expected="YAML met sleutels, dubbele punten en inspringen met spaties")


def _line_of(node: yaml.Node | None, loc: tuple) -> int | None:
    """Follow a pydantic error location through the YAML node tree to a line number."""
    line = node.start_mark.line + 1 if node is not None else None
    for key in loc:
        if isinstance(node, yaml.MappingNode):
            match = [(k, v) for k, v in node.value if k.value == str(key)]
            if not match:
                break
            key_node, node = match[0]
            line = key_node.start_mark.line + 1
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
            line = node.start_mark.line + 1
        else:
            break
    return line


DUTCH_MESSAGES = {  # pydantic error type -> (message, what was expected); {…} filled from the error's context
    "missing": ("verplicht veld ontbreekt", None),
    "extra_forbidden": ("onbekend veld", "alleen de velden die in de README en de voorbeelddata staan"),
    "literal_error": ("ongeldige waarde", "{expected}"),
    "int_parsing": ("geen geheel getal", "een geheel getal"),
    "int_from_float": ("geen geheel getal", "een geheel getal, zonder decimalen"),
    "int_type": ("geen geheel getal", "een geheel getal"),
    "decimal_parsing": ("geen getal", "een getal"),
    "decimal_type": ("geen getal", "een getal"),
    "finite_number": ("geen eindig getal", "een getal"),
    "greater_than_equal": ("te klein", "minimaal {ge}"),
    "greater_than": ("te klein", "groter dan {gt}"),
    "less_than_equal": ("te groot", "hoogstens {le}"),
    "string_too_short": ("mag niet leeg zijn", "tekst"),
    "string_type": ("geen tekst", "tekst"),
    "string_pattern_mismatch": ("ongeldige vorm", "de vorm {pattern}"),
    "bool_parsing": ("geen ja/nee-waarde", "true of false"),
    "bool_type": ("geen ja/nee-waarde", "true of false"),
    "date_from_datetime_parsing": ("geen geldige datum", "een datum als 2025-04-30"),
    "date_parsing": ("geen geldige datum", "een datum als 2025-04-30"),
    "date_type": ("geen geldige datum", "een datum als 2025-04-30"),
    "list_type": ("geen lijst", "een lijst"),
    "dict_type": ("verkeerde vorm", "sleutels met waarden"),
    "model_type": ("verkeerde vorm", "sleutels met waarden"),
}


UNION_TAG = re.compile(r"\[key\]|(constrained-)?(int|decimal|str)|[\w-]+\[.*\]")  # pydantic's, not the data's


def _validation_error(err: ValidationError, path: Path, node: yaml.Node | None = None,
                      loc_prefix: tuple = (), row: int | None = None) -> InputError:
    """The first pydantic error as an InputError in Dutch, with the YAML line it came from."""
    first = err.errors()[0]
    loc = loc_prefix + tuple(part for part in first["loc"] if not UNION_TAG.fullmatch(str(part)))
    field = ".".join(str(part) for part in loc) or None
    message, expected = DUTCH_MESSAGES.get(first["type"], (first["msg"].removeprefix("Value error, "), None))
    if expected:
        context = {k: quantity(v) if isinstance(v, (int, Decimal)) else str(v) for k, v in (first.get("ctx") or {}).items()}
        expected = expected.format(**context).replace(" or ", " of ")
    return InputError(message, path=path, line=_line_of(node, loc) if node is not None else None,
                      row=row, field=field, value=first.get("input") if first["type"] != "missing" else None,
                      expected=expected)


def _section(data: Any, key: str, path: Path, kind: type, node: yaml.Node | None,
             siblings: tuple[str, ...] = ()) -> Any:
    """The value under a top-level key; the file may hold only that key and its `siblings`."""
    if not isinstance(data, dict) or key not in data:
        raise InputError(f"sleutel '{key}' ontbreekt", path=path, expected=f"een bestand met '{key}:' bovenaan")
    extra = [other for other in data if other != key and other not in siblings]
    if extra:
        raise InputError("onbekende sleutel bovenaan", path=path, line=_line_of(node, (extra[0],)), field=str(extra[0]),
                         expected="alleen " + ", ".join(f"'{k}:'" for k in (key, *siblings)))
    if not isinstance(data[key], kind):
        raise InputError("verkeerde vorm", path=path, field=key,
                         expected="een lijst" if kind is list else "sleutels met waarden")
    return data[key]


def _validate(item: Any, model: type[Model], path: Path, node: yaml.Node | None, loc: tuple) -> Any:
    try:
        return model.model_validate(item)
    except ValidationError as err:
        raise _validation_error(err, path, node, loc) from None


def load_list(path: Path, key: str, model: type[Model]) -> list:
    """A YAML file holding `key:` with a list of records."""
    data, node = read_yaml(path)
    items = _section(data, key, path, list, node)
    return [_validate(item, model, path, node, (key, index)) for index, item in enumerate(items)]


def _known_slugs(path: Path, per_deelnemer: dict, slugs: set[str]) -> None:
    """Every key is a deelnemer's slug (named with its line otherwise)."""
    for slug in per_deelnemer:
        if slug not in slugs:
            _, node = read_yaml(path)
            raise InputError("onbekende deelnemer", path=path, line=_line_of(node, (slug,)), value=str(slug),
                             expected="een slug uit data/deelnemers.yaml")


def load_per_deelnemer(path: Path, model: type[Model], many: bool, slugs: set[str]) -> dict[str, Any]:
    """A YAML file keyed by deelnemer slug, each holding one record or a list of records."""
    data, node = read_yaml(path)
    if not isinstance(data, dict):
        raise InputError("verkeerde vorm", path=path, expected="per deelnemer-slug een sleutel")
    _known_slugs(path, data, slugs)
    result = {}
    for slug, value in data.items():
        if many:
            if not isinstance(value, list):
                raise InputError("verkeerde vorm", path=path, line=_line_of(node, (slug,)), field=slug,
                                 expected="een lijst")
            result[slug] = [_validate(item, model, path, node, (slug, i)) for i, item in enumerate(value)]
        else:
            result[slug] = _validate(value, model, path, node, (slug,))
    return result


def read_prognose(path: Path, producten: dict[str, Product], jaar: int) -> list[PrognoseRegel]:
    """A prognose table (`code;aantal;opmerking`, as Dutch Excel saves a CSV), checked row by row:
    whole counts, every code in the catalogue with a kental for the year, no code twice."""
    first_row: dict[str, int] = {}
    rows = []
    for row, record in read_table(path, ("code", "aantal"), ("opmerking",)).rows:
        aantal = record["aantal"]
        if not re.fullmatch(r"-?[0-9]+", aantal):
            raise InputError("aantal is geen geheel getal", path=path, row=row, field="aantal",
                             value=aantal, expected="een geheel aantal producten (0 of meer)")
        if len(aantal.lstrip("-")) > 9 or int(aantal) > MAX_NUMBER:
            raise InputError("onwaarschijnlijk groot aantal", path=path, row=row, field="aantal",
                             value=aantal, expected=f"minder dan {MAX_NUMBER:,}".replace(",", "."))
        try:
            regel = PrognoseRegel.model_validate({**record, "aantal": int(aantal)})
        except ValidationError as err:
            raise _validation_error(err, path, row=row) from None
        _check_code(path, row, regel.code, first_row, producten, jaar)
        rows.append(regel)
    return rows


def _check_code(path: Path, row: int, code: str, first_row: dict[str, int], producten: dict[str, Product],
                jaar: int) -> None:
    """A prognose code is known, has a kental for the year and did not appear in an earlier row."""
    if code in first_row:
        raise InputError("dubbele productcode", path=path, row=row, field="code", value=code,
                         expected=f"elke code één keer (ook op rij {first_row[code]})")
    first_row[code] = row
    if code not in producten:
        nearest = difflib.get_close_matches(code, list(producten), n=1)
        hint = f" (bedoelt u {nearest[0]}?)" if nearest else ""
        raise InputError(f"productcode staat niet in de catalogus data/pdc.yaml{hint}", path=path, row=row,
                         field="code", value=code, expected="een code uit de PDC, zoals A1.17.00")
    if jaar not in producten[code].kentallen:
        raise InputError(f"product {code} heeft geen kental voor {jaar} in data/pdc.yaml", path=path,
                         row=row, field="code", value=code)


def _check_shares(path: Path, deelnemers: list[Deelnemer], jaar: int) -> None:
    missing = [d.slug for d in deelnemers if jaar not in d.verdeelsleutel]
    if missing:
        raise InputError(f"geen verdeelsleutel voor {jaar}", path=path, field="verdeelsleutel",
                         value=", ".join(missing))
    total = sum(d.verdeelsleutel[jaar] for d in deelnemers)
    if total != 100:
        raise InputError(f"de verdeelsleutels voor {jaar} tellen op tot {percentage(total)}", path=path,
                         field="verdeelsleutel", expected="samen precies 100%")


def _unique(path: Path, items: list, key: str, list_key: str) -> None:
    seen = set()
    for index, item in enumerate(items):
        value = getattr(item, key)
        if value in seen:
            _, node = read_yaml(path)
            raise InputError(f"dubbele {key}", path=path, line=_line_of(node, (list_key, index, key)), field=key,
                             value=value, expected="elke waarde één keer")
        seen.add(value)


def load_year(data_dir: Path, jaar: int, kinds: dict[str, str | None]) -> YearData:
    """Read and validate everything for one year (`kinds`: the document types, each with its block
    in document.yaml, and the period of the exports it reports on, None for a programme). Raises
    InputError on the first problem."""
    year_dir = data_dir / str(jaar)
    if not (year_dir / "document.yaml").is_file():
        raise InputError(f"geen gegevens voor {jaar}", path=year_dir, field="--jaar", value=jaar,
                         expected="een jaar met data/<jaar>/document.yaml: "
                                  + ", ".join(sorted(p.parent.name for p in data_dir.glob("*/document.yaml"))))

    deelnemers = load_list(data_dir / "deelnemers.yaml", "deelnemers", Deelnemer)
    _unique(data_dir / "deelnemers.yaml", deelnemers, "slug", "deelnemers")
    _check_shares(data_dir / "deelnemers.yaml", deelnemers, jaar)
    slugs = {d.slug for d in deelnemers}

    producten = load_list(data_dir / "pdc.yaml", "producten", Product)
    _unique(data_dir / "pdc.yaml", producten, "code", "producten")
    catalogue = {p.code: p for p in producten}

    prognoses = {}
    for path in sorted((year_dir / "prognose").glob("*.csv")):
        if path.stem not in slugs:
            raise InputError("prognosebestand voor een onbekende deelnemer", path=path, value=path.stem,
                             expected="<slug>.csv met een slug uit data/deelnemers.yaml")
        prognoses[path.stem] = read_prognose(path, catalogue, jaar)

    projecten = load_list(year_dir / "projecten.yaml", "projecten", Project)
    _unique(year_dir / "projecten.yaml", projecten, "code", "projecten")
    diensten = load_list(year_dir / "diensten.yaml", "diensten", Dienst)
    lokale_projecten = load_per_deelnemer(year_dir / "lokale_projecten.yaml", LokaalProject, True, slugs)
    werkvoorraad = load_per_deelnemer(year_dir / "werkvoorraad.yaml", Werkvoorraad, False, slugs)
    energie_data, energie_node = read_yaml(year_dir / "energie.yaml")
    energie = _validate(energie_data, Energie, year_dir / "energie.yaml", energie_node, ())
    _check_contributions(year_dir / "energie.yaml", energie, slugs)
    tellingen, doelen, ambities = _load_doelen(year_dir / "doelen.yaml")
    capaciteit = _load_record(year_dir / "capaciteit.yaml", Capaciteit)
    _known_slugs(year_dir / "capaciteit.yaml", capaciteit.formatie, slugs)
    bestand = _load_bedrijvenbestand(year_dir / "bedrijvenbestand.yaml", catalogue, slugs)

    data = YearData(
        jaar=jaar,
        deelnemers=deelnemers,
        producten=catalogue,
        prognoses=prognoses,
        projecten=projecten,
        diensten=diensten,
        lokale_projecten=lokale_projecten,
        ketenpartners=load_list(year_dir / "ketenpartners.yaml", "ketenpartners", Ketenpartner),
        tellingen=tellingen,
        doelen=doelen,
        risicos=load_list(year_dir / "risicos.yaml", "risicos", Risico),
        begrippen=load_list(data_dir / "begrippen.yaml", "begrippen", Begrip),
        energie=energie,
        werkvoorraad=werkvoorraad,
        documenten=_load_documents(year_dir / "document.yaml", tuple(kinds), slugs),
        monitoring=_load_monitoring(year_dir / "monitoring.yaml", catalogue),
        ambitieonderwerpen=ambities,
        capaciteit=capaciteit,
        bedrijvenbestand=bestand,
        kwaliteitscriteria=_load_kwaliteitscriteria(year_dir / "kwaliteitscriteria.yaml"),
        vereisten=_load_vereisten(data_dir / "vereisten.yaml"),
    )
    _check_years(year_dir, data, kinds)
    return data


# --- the year ------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Dated:
    """A date in a data file that must belong to the year being built."""
    path: Path
    loc: tuple  # where in the file, as a pydantic location
    value: dt.date
    expected: str
    first: dt.date  # the range it must lie in
    last: dt.date


def _dates_of_the_year(year_dir: Path, data: YearData, kinds: dict[str, str | None]) -> list[_Dated]:
    """Every date the year's data holds, with the range it must lie in (README, 'Het jaar'):
    - the peildata in monitoring.yaml lie in the year, in the order of the periods, the year's
      at 31 December;
    - a programme (UVP) is dated, adopted and sent in the year before or the year itself;
    - a report is dated, adopted and sent on or after the peildatum of the exports it reports on,
      at the latest in the next year;
    - a streefwaarde was adopted, a kwaliteitscriteria measurement taken, by the end of the year;
      a planned streefwaarde is due in the year or the next."""
    jaar = data.jaar
    start, end = dt.date(jaar, 1, 1), dt.date(jaar, 12, 31)
    found = []
    monitoring = year_dir / "monitoring.yaml"
    previous = None
    for periode in PERIODS:
        peildatum = data.monitoring.perioden.get(periode)
        if peildatum is None:
            continue
        if periode == "jaar":
            first, expected = end, f"31-12-{jaar}, het einde van het jaar"
        else:
            first = max(start, previous + dt.timedelta(days=1)) if previous else start
            expected = f"een datum in {jaar}" + (f", na de peildatum {previous:%d-%m-%Y} van de periode ervoor"
                                                  if previous else "")
        found.append(_Dated(monitoring, ("perioden", periode), peildatum, expected, first, end))
        previous = peildatum
    for kind, reports in kinds.items():
        meta = data.documenten[kind]
        peildatum = data.monitoring.perioden.get(reports) if reports else None
        if reports is None:
            first, last = dt.date(jaar - 1, 1, 1), end
            expected = f"een datum in {jaar - 1} of {jaar}: een programma voor {jaar} wordt vóór of in {jaar} gemaakt en vastgesteld"
        elif peildatum is not None:
            first, last = max(peildatum, start), dt.date(jaar + 1, 12, 31)
            expected = (f"een datum van {first:%d-%m-%Y} tot en met 31-12-{jaar + 1}: op of na de peildatum van de "
                        "exports waarover het rapporteert")
        else:
            continue  # a period monitoring.yaml does not know: refused where its exports are read
        dates = [((kind, "datum"), meta.datum)] + [
            ((kind, "vaststelling", slug, name), getattr(adoption, name))
            for slug, adoption in meta.vaststelling.items() for name in ("datum", "raad", "provincie")
            if getattr(adoption, name) is not None]
        found += [_Dated(year_dir / "document.yaml", loc, value, expected, first, last) for loc, value in dates]
    for d, doel in enumerate(data.doelen):
        for i, indicator in enumerate(doel.indicatoren):
            loc = ("doelen", d, "indicatoren", i)
            if indicator.streefwaarde is not None:
                found.append(_Dated(year_dir / "doelen.yaml", (*loc, "streefwaarde", "vastgesteld"),
                                    indicator.streefwaarde.vastgesteld,
                                    f"uiterlijk 31-12-{jaar}: een streefwaarde voor {jaar} is dan vastgesteld",
                                    dt.date.min, end))
            if indicator.streefwaarde_gepland is not None:
                found.append(_Dated(year_dir / "doelen.yaml", (*loc, "streefwaarde_gepland", "uiterlijk"),
                                    indicator.streefwaarde_gepland.uiterlijk,
                                    f"een datum in {jaar} of {jaar + 1}", start, dt.date(jaar + 1, 12, 31)))
    found += [_Dated(year_dir / "kwaliteitscriteria.yaml", ("metingen", index, "peildatum"), meting.peildatum,
                     f"uiterlijk 31-12-{jaar}: een meting van of vóór het jaar", dt.date.min, end)
              for index, meting in enumerate(data.kwaliteitscriteria.metingen)]
    return found


def _check_years(year_dir: Path, data: YearData, kinds: dict[str, str | None]) -> None:
    """Every date belongs to the year being built (see _dates_of_the_year). A year copied from
    another has many such dates: the error names the first, and where the others are."""
    wrong = [d for d in _dates_of_the_year(year_dir, data, kinds) if not d.first <= d.value <= d.last]
    if not wrong:
        return
    lines = {}

    def where(dated: _Dated) -> tuple[Path, int | None]:
        if dated.path not in lines:
            lines[dated.path] = read_yaml(dated.path)[1]
        return dated.path, _line_of(lines[dated.path], dated.loc)

    others = [f"{display_path(where(d)[0])} regel {where(d)[1]} ({d.value.isoformat()})" for d in wrong[1:]]
    first = wrong[0]
    path, line = where(first)
    also = (f"; ook deze datums passen niet bij {data.jaar}: {', '.join(others[:5])}"
            + (f" en nog {len(others) - 5}" if len(others) > 5 else "")) if others else ""
    raise InputError(f"een datum die niet bij {data.jaar} past", path=path, line=line,
                     field=".".join(str(part) for part in first.loc), value=first.value.isoformat(),
                     expected=first.expected + also)


def _load_record(path: Path, model: type[Model]) -> Any:
    """A YAML file holding one record of `model`."""
    data, node = read_yaml(path)
    return _validate(data, model, path, node, ())


def _check_contributions(path: Path, energie: Energie, slugs: set[str]) -> None:
    """The gemeenten's contributions to an energy table add up to its hours, and are theirs."""
    for index, table in enumerate(energie.tabellen):
        if table.bijdragen is None:
            continue
        _known_slugs(path, table.bijdragen.uren, slugs)
        hours = sum(r.kental * r.aantal if r.kental is not None else (r.uren or 0) for r in table.regels)
        given = sum(table.bijdragen.uren.values())
        if given != hours:
            _, node = read_yaml(path)
            raise InputError(f"de bijdragen tellen op tot {number(given)} uur, de tabel tot {number(hours)} uur", path=path,
                             line=_line_of(node, ("tabellen", index, "bijdragen")), field="bijdragen",
                             expected="bijdragen die samen precies de uren van de tabel zijn")


def _load_bedrijvenbestand(path: Path, catalogue: dict[str, Product], slugs: set[str]) -> Bedrijvenbestand:
    data, node = read_yaml(path)
    bestand = _validate(data, Bedrijvenbestand, path, node, ())
    _unique(path, bestand.risicocategorieen, "id", "risicocategorieen")
    ids = [c.id for c in bestand.risicocategorieen]
    for index, category in enumerate(bestand.risicocategorieen):
        code = category.controle
        if code is not None and (code not in catalogue or catalogue[code].programma != "toezicht"):
            raise InputError("onbekend controleproduct", path=path, line=_line_of(node, ("risicocategorieen", index, "controle")),
                             field="controle", value=code, expected="een code van een toezichtsproduct uit data/pdc.yaml")
    _known_slugs(path, bestand.bedrijven, slugs)
    for slug, counts in bestand.bedrijven.items():
        if sorted(counts) != sorted(ids):
            raise InputError("risicocategorieën kloppen niet", path=path, line=_line_of(node, ("bedrijven", slug)),
                             field=slug, value=", ".join(counts), expected="een aantal voor elk van: " + ", ".join(ids))
    return bestand


def _load_kwaliteitscriteria(path: Path) -> Kwaliteitscriteria:
    data, node = read_yaml(path)
    criteria = _validate(data, Kwaliteitscriteria, path, node, ())
    _unique(path, criteria.taakvelden, "id", "taakvelden")
    ids = sorted(t.id for t in criteria.taakvelden)
    for index, meting in enumerate(criteria.metingen):
        for field in ("fte", "deskundig"):
            if sorted(getattr(meting, field)) != ids:
                raise InputError("taakvelden kloppen niet", path=path, line=_line_of(node, ("metingen", index, field)),
                                 field=field, value=", ".join(getattr(meting, field)),
                                 expected="een waarde voor elk taakveld: " + ", ".join(ids))
    return criteria


def _load_vereisten(path: Path) -> Vereisten:
    data, node = read_yaml(path)
    vereisten = _validate(data, Vereisten, path, node, ())
    for kind, items in vereisten.documenten.items():
        seen: set[str] = set()
        for index, item in enumerate(items):
            if item.id in seen:
                raise InputError("dubbele vereiste", path=path, line=_line_of(node, ("documenten", kind, index, "id")),
                                 field="id", value=item.id, expected="elke vereiste één keer per soort document")
            seen.add(item.id)
            for source in item.gecontroleerd:
                if source not in vereisten.bronnen:
                    raise InputError("onbekende bron", path=path,
                                     line=_line_of(node, ("documenten", kind, index, "gecontroleerd")),
                                     field=f"{kind}.{item.id}.gecontroleerd", value=source,
                                     expected="een sleutel onder bronnen: " + ", ".join(vereisten.bronnen))
    return vereisten


def _load_doelen(path: Path) -> tuple[dict[str, Telling], list[Doel], Ambitieonderwerpen | None]:
    """The goals with their indicators, the counts the indicators' formulas use, and the adopted
    ambition subjects the goals pick from. The one source of every indicator's name, definition
    and streefwaarde, in the UVP and the reports."""
    data, node = read_yaml(path)
    ambities = (_validate(data["ambitieonderwerpen"], Ambitieonderwerpen, path, node, ("ambitieonderwerpen",))
                if isinstance(data, dict) and data.get("ambitieonderwerpen") is not None else None)
    raw_counts = _section(data, "tellingen", path, dict, node, ("doelen", "ambitieonderwerpen"))
    tellingen = {key: _validate(value, Telling, path, node, ("tellingen", key)) for key, value in raw_counts.items()}
    doelen = [_validate(item, Doel, path, node, ("doelen", index))
              for index, item in enumerate(_section(data, "doelen", path, list, node, ("tellingen", "ambitieonderwerpen")))]
    seen: set[str] = set()
    for d, doel in enumerate(doelen):
        for i, indicator in enumerate(doel.indicatoren):
            line = _line_of(node, ("doelen", d, "indicatoren", i, "id"))
            if indicator.id in seen:
                raise InputError("dubbele indicator", path=path, line=line, field="id", value=indicator.id,
                                 expected="elke indicator één keer")
            seen.add(indicator.id)
            if indicator.streefwaarde and not indicator.formule:
                raise InputError("een streefwaarde hoort bij een indicator met een formule", path=path, line=line,
                                 field="streefwaarde", value=indicator.id,
                                 expected="een percentage om aan te toetsen; een verdeling of kwalitatieve "
                                          "indicator heeft geen streefwaarde")
            for part in (indicator.formule.teller, indicator.formule.noemer) if indicator.formule else ():
                if part not in tellingen:
                    raise InputError("onbekende telling in de formule", path=path, line=line, field="formule",
                                     value=part, expected="een van: " + ", ".join(sorted(tellingen)))
    return tellingen, doelen, ambities


def _load_documents(path: Path, kinds: tuple[str, ...], slugs: set[str]) -> dict[str, DocumentMeta]:
    """document.yaml: a block per document type the registry knows (uvpgen.documents.TYPES), with
    its adoption per deelnemer."""
    data, node = read_yaml(path)
    expected = f"per soort document ({', '.join(kinds)}) titel, versie, status en datum"
    if not isinstance(data, dict):
        raise InputError("verkeerde vorm", path=path, expected=expected)
    unknown = [kind for kind in data if kind not in kinds]
    missing = [kind for kind in kinds if kind not in data]
    if unknown or missing:
        raise InputError("onbekende soort document" if unknown else f"soort document ontbreekt: {missing[0]}",
                         path=path, line=_line_of(node, unknown[:1]), value=unknown[0] if unknown else None,
                         expected=expected)
    documents = {kind: _validate(record, DocumentMeta, path, node, (kind,)) for kind, record in data.items()}
    for kind, meta in documents.items():
        for slug in meta.vaststelling:
            if slug not in slugs | {TWENTE}:
                raise InputError("onbekende deelnemer", path=path, line=_line_of(node, (kind, "vaststelling", slug)),
                                 field=f"{kind}.vaststelling", value=slug,
                                 expected="een slug uit data/deelnemers.yaml, of twente")
        if meta.status == "vastgesteld":
            missing = sorted((slugs | {TWENTE}) - set(meta.vaststelling))
            if missing:
                raise InputError(f"status vastgesteld, maar zonder vaststelling voor {', '.join(missing)}", path=path,
                                 line=_line_of(node, (kind, "status")), field=f"{kind}.status", value=meta.status,
                                 expected="per deelnemer onder vaststelling: status, datum en door (het orgaan); "
                                          "of status concept")
    return documents


def _load_monitoring(path: Path, catalogue: dict[str, Product]) -> Monitoring:
    data, node = read_yaml(path)
    monitoring = _validate(data, Monitoring, path, node, ())
    for code in monitoring.seizoensprofielen:
        if code not in catalogue:
            raise InputError("seizoensprofiel voor een onbekende productcode", path=path,
                             line=_line_of(node, ("seizoensprofielen", code)), field="seizoensprofielen", value=code,
                             expected="een code uit data/pdc.yaml")
    return monitoring


# --- jaarverslag --------------------------------------------------------------------------

LHSO_TYPES = ("goedwillend", "moet kunnen", "calculerend", "bewust")


Count = Annotated[int, Field(ge=0)]


class Besparing(Model):
    """The estimated yearly savings of the measures companies took after an energy control."""
    elektriciteit_mwh: Count
    aardgas_m3: Count
    co2_ton: Count


class Energiecontroles(Model):
    controles: Count
    met_overtreding: Count
    hercontroles: Count | None = None
    handhavingstrajecten: Count | None = None  # lasten onder dwangsom for the energy duties
    maatregelen_getroffen: Count | None = None  # companies that took the measures after the control
    besparing: Besparing | None = None

    @model_validator(mode="after")
    def _findings_within_controls(self) -> Energiecontroles:
        if self.met_overtreding > self.controles:
            raise ValueError("meer controles met overtreding dan controles")
        if self.maatregelen_getroffen is not None and self.maatregelen_getroffen > self.met_overtreding:
            raise ValueError("meer bedrijven die maatregelen troffen dan controles met overtreding")
        return self


class Termijn(Model):
    """Decisions or notifications handled in the year, and how many within the legal term."""
    afgehandeld: Count
    binnen_termijn: Count

    @model_validator(mode="after")
    def _within_handled(self) -> Termijn:
        if self.binnen_termijn > self.afgehandeld:
            raise ValueError("meer binnen de termijn dan afgehandeld")
        return self


class Rechtsbescherming(Model):
    """Objections (bezwaar) or appeals (beroep) against decisions of the year and their outcome."""
    ingediend: Count
    gegrond: Count
    ongegrond: Count
    overig: Count  # niet-ontvankelijk or withdrawn
    lopend: Count  # still open at year end


class Meting(Model):
    """A deelnemer's measured indicators of one year (data/<jaar>/indicatoren/<slug>.yaml)."""
    illustratief: bool
    overtreders: dict[Literal[LHSO_TYPES], Count]
    klachten: dict[str, Count]
    energie: Energiecontroles
    tellingen: dict[str, Count] = {}  # a year without exports: the counts of doelen.yaml
    tijdigheid: dict[str, Termijn] | None = None  # per kind of decision in jaarverslag.yaml (tijdigheid)
    bezwaar: Rechtsbescherming | None = None
    beroep: Rechtsbescherming | None = None
    handhaving_open: Count | None = None  # enforcement cases still open at year end


class Afwijkingsregel(Model):
    drempel_procent: Rate
    minimum_prognose: Count
    grootste_afwijkingen: Annotated[int, Field(ge=1, le=MAX_NUMBER)]


class Termijnsoort(Model):
    naam: Text  # "Besluiten op aanvragen"
    enkelvoud: Text  # one of them, as a sentence names it: "besluit op een aanvraag"
    termijn: Text  # the legal term and where the law sets it


class Jaarverslagregels(Model):
    afwijkingen: Afwijkingsregel
    handhaving: dict[str, Telling]  # sanctions counted from the year's export, by code
    tijdigheid: dict[str, Termijnsoort]  # the kinds of decisions whose timeliness is reported


class RobuustheidKpi(Model):
    kpi: Text
    norm: Text
    doel: Text
    deadline: Text
    stand: Text
    status: Literal["behaald", "op schema", "achter op schema", "niet behaald"]


class Robuustheid(Model):
    illustratief: bool
    kpis: list[RobuustheidKpi]


class Projectresultaten(Model):
    illustratief: bool
    resultaten: dict[str, Text]


class LokaalResultaat(Model):
    naam: Text  # as in lokale_projecten.yaml
    uren: Count  # hours written in the year
    resultaat: Text


class WerkvoorraadResultaat(Model):
    product: Text  # as in werkvoorraad.yaml
    afgerond: Count
    uren: Count


class Verantwoording(Model):
    """What the year's exports do not hold (data/<jaar>/realisatie/jaar/verantwoording.yaml): the
    hours of the regional services, the local projects and the old-law backlog, and what came of
    the agreements with the ketenpartners."""
    illustratief: bool
    diensten: dict[int, Count] = {}  # per dienst nr: hours written, all of Twente
    lokale_projecten: dict[str, list[LokaalResultaat]] = {}
    werkvoorraad: dict[str, list[WerkvoorraadResultaat]] = {}
    ketenpartners: dict[str, Text] = {}  # per ketenpartner (naam): what came of the year's focus points


class JaarverslagData(Model):
    regels: Jaarverslagregels
    metingen: dict[str, Meting]
    vorig_jaar: dict[str, Meting]
    robuustheid: Robuustheid
    projectresultaten: Projectresultaten
    verantwoording: Verantwoording


def _load_metingen(folder: Path, data: YearData, required: bool) -> dict[str, Meting]:
    metingen = {}
    for deelnemer in data.deelnemers:
        path = folder / f"{deelnemer.slug}.yaml"
        if not path.is_file():
            if required:
                raise InputError("gemeten indicatoren ontbreken", path=path,
                                 expected="overtreders, klachten en energie van deze deelnemer")
            continue
        raw, node = read_yaml(path)
        metingen[deelnemer.slug] = _validate(raw, Meting, path, node, ())
    return metingen


def load_jaarverslag(data_dir: Path, data: YearData) -> JaarverslagData:
    """What only the jaarverslag needs: its rules, the measured indicators of this year and
    (where present) the previous year, the robustness KPIs and the projects' results."""
    year_dir = data_dir / str(data.jaar)
    raw, node = read_yaml(year_dir / "jaarverslag.yaml")
    regels = _validate(raw, Jaarverslagregels, year_dir / "jaarverslag.yaml", node, ())
    raw, node = read_yaml(year_dir / "robuustheid.yaml")
    robuustheid = _validate(raw, Robuustheid, year_dir / "robuustheid.yaml", node, ())
    results_path = year_dir / "realisatie" / "jaar" / "projectresultaten.yaml"
    raw, node = read_yaml(results_path)
    results = _validate(raw, Projectresultaten, results_path, node, ())
    known = {p.code for p in data.projecten}
    if set(results.resultaten) != known:
        raise InputError("per project één resultaat", path=results_path, field="resultaten",
                         value=", ".join(sorted(set(results.resultaten) ^ known)),
                         expected="een tekst voor elk project uit projecten.yaml, en niet meer")
    metingen = _load_metingen(year_dir / "indicatoren", data, required=True)
    for slug, meting in metingen.items():
        unknown = sorted(set(meting.tijdigheid or {}) - set(regels.tijdigheid))
        if unknown:
            raise InputError("onbekende soort besluit", path=year_dir / "indicatoren" / f"{slug}.yaml",
                             field="tijdigheid", value=", ".join(unknown),
                             expected="een van: " + ", ".join(regels.tijdigheid) + " (data/<jaar>/jaarverslag.yaml)")
    return JaarverslagData(regels=regels, metingen=metingen,
                           vorig_jaar=_load_metingen(data_dir / str(data.jaar - 1) / "indicatoren", data, False),
                           robuustheid=robuustheid, projectresultaten=results,
                           verantwoording=_load_verantwoording(year_dir / "realisatie" / "jaar" / "verantwoording.yaml",
                                                               data))


def _load_verantwoording(path: Path, data: YearData) -> Verantwoording:
    """The year's hours and results beyond the exports, checked against what the UVP planned."""
    raw, node = read_yaml(path)
    found = _validate(raw, Verantwoording, path, node, ())
    planned = {d.nr for d in data.diensten if d.capaciteit_uren != NVT}
    if set(found.diensten) - planned:
        raise InputError("onbekende dienst", path=path, line=_line_of(node, ("diensten",)), field="diensten",
                         value=", ".join(str(n) for n in sorted(set(found.diensten) - planned)),
                         expected="het nummer van een dienst met uren uit diensten.yaml")
    slugs = {d.slug for d in data.deelnemers}
    for key, per_slug in (("lokale_projecten", found.lokale_projecten), ("werkvoorraad", found.werkvoorraad)):
        _known_slugs(path, per_slug, slugs)
    for slug, results in found.lokale_projecten.items():
        names = {p.naam for p in data.lokale_projecten.get(slug, [])}
        for index, result in enumerate(results):
            if result.naam not in names:
                raise InputError("lokaal project staat niet in het UVP", path=path,
                                 line=_line_of(node, ("lokale_projecten", slug, index, "naam")), field="naam",
                                 value=result.naam, expected="een project van deze deelnemer uit lokale_projecten.yaml")
    for slug, results in found.werkvoorraad.items():
        planned_rows = {r.product: r.aantal for r in data.werkvoorraad[slug].regels} if slug in data.werkvoorraad else {}
        for index, result in enumerate(results):
            if result.product not in planned_rows or result.afgerond > planned_rows[result.product]:
                raise InputError("werkvoorraad klopt niet met het UVP", path=path,
                                 line=_line_of(node, ("werkvoorraad", slug, index)), field="product",
                                 value=result.product,
                                 expected="een product uit werkvoorraad.yaml, met niet meer afgerond dan er open stond")
    partners = {k.naam for k in data.ketenpartners}
    for name in found.ketenpartners:
        if name not in partners:
            raise InputError("onbekende ketenpartner", path=path, line=_line_of(node, ("ketenpartners", name)),
                             field="ketenpartners", value=name, expected="een naam uit ketenpartners.yaml")
    return found

"""The legal check: does a composed document hold, in substance, what the law and the provincial
IBT checklist require of its type (data/vereisten.yaml)?

Compose records where each table, keyed section and marked element landed (`Place`: the
section number, and the table number). Here each requirement is looked up in those places and
judged: "voldaan" only when every place is there, its substance check passes (every indicator
has a streefwaarde, the document is really adopted) and none of its tables rests on illustrative
data; "deels" when part of it is there; "niet voldaan" otherwise, always with the reason. The
appendix "Verantwoording wettelijke vereisten" prints these judgements. A requirement not met is a
warning while the document is a concept; an adopted (`vastgesteld`) document with a requirement
not met, a place missing or an article nobody checked is an InputError: it cannot be adopted so.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from .data import Indicator, Vereiste, Vindplaats
from .errors import InputError


@dataclass(frozen=True)
class Place:
    """Where something landed in a document: a section number ("4.4", "Bijlage 3"), or a part
    without a number ("Colofon"), and for a numbered table its number."""
    section: str
    table: int | None = None
    order: int = 0  # position in the document: places sort as the reader meets them


class Oordeel(Enum):
    VOLDAAN = "voldaan"
    DEELS = "deels"
    NIET = "niet voldaan"


@dataclass(frozen=True)
class Substance:
    """What a document holds beyond its places, in data terms, for the substance checks."""
    indicators: tuple[Indicator, ...]  # the indicators of the year's goals
    measured: frozenset[str] | None  # the ids of the indicators measured (jaarverslag); None: not measured here
    illustrative: frozenset[str]  # the ids of the tables that rest on illustrative data (Bron.delen)
    concept: bool  # not (really) adopted
    illustrative_adoption: bool  # the data name an adoption, marked illustrative


def _streefwaarden(substance: Substance) -> tuple[Oordeel, str | None]:
    """Every indicator measured as a number has an adopted streefwaarde; a plan (who sets it, and
    by when) counts as part of it. Qualitative indicators and distributions need none."""
    numbers = [i for i in substance.indicators if i.formule]
    adopted = sum(1 for i in numbers if i.streefwaarde)
    planned = sum(1 for i in numbers if not i.streefwaarde and i.streefwaarde_gepland)
    if adopted == len(numbers):
        return Oordeel.VOLDAAN, None
    if len(numbers) == 1:
        reason = f"de enige {NUMBER} heeft geen vastgestelde streefwaarde" + \
                 ("; er staat wel wie die vaststelt en wanneer" if planned else "")
    else:
        reason = f"{adopted} van de {len(numbers)} {NUMBERS} {'heeft' if adopted == 1 else 'hebben'} een vastgestelde " \
                 f"streefwaarde" + (f"; voor {planned} staat wie die vaststelt en wanneer" if planned else "")
    return (Oordeel.DEELS if adopted or planned else Oordeel.NIET), reason


def _gemeten(substance: Substance) -> tuple[Oordeel, str | None]:
    """Every indicator measured as a number was measured, against an adopted streefwaarde."""
    numbers = [i for i in substance.indicators if i.formule]
    measured = [i for i in numbers if i.id in (substance.measured or frozenset())]
    against = sum(1 for i in measured if i.streefwaarde)
    if against == len(numbers):
        return Oordeel.VOLDAAN, None
    reason = f"van de {len(numbers)} {NUMBERS} {'is' if len(measured) == 1 else 'zijn'} er {len(measured)} " \
             f"gemeten, {against} tegen een vastgestelde streefwaarde"
    return (Oordeel.DEELS if measured else Oordeel.NIET), reason


NUMBER, NUMBERS = "indicator met een getal als uitkomst", "indicatoren met een getal als uitkomst"


def _vaststelling(substance: Substance) -> tuple[Oordeel, str | None]:
    if substance.illustrative_adoption:
        return Oordeel.NIET, "de vaststelling in de gegevens is illustratief; dit is een concept"
    if substance.concept:
        return Oordeel.NIET, "concept, nog niet vastgesteld"
    return Oordeel.VOLDAAN, None


CHECKS: dict[str, Callable[[Substance], tuple[Oordeel, str | None]]] = {
    "streefwaarden": _streefwaarden, "gemeten": _gemeten, "vaststelling": _vaststelling}


@dataclass(frozen=True)
class Judged:
    """A requirement, where the document meets it (None for each place it does not have), and
    the judgement with its reasons."""
    vereiste: Vereiste
    vindplaatsen: tuple[Vindplaats, ...]
    places: tuple[Place | None, ...]
    oordeel: Oordeel
    redenen: tuple[str, ...]

    @property
    def missing(self) -> tuple[Vindplaats, ...]:
        return tuple(v for v, p in zip(self.vindplaatsen, self.places) if p is None)

    @property
    def found(self) -> list[Place]:
        return sorted((p for p in self.places if p is not None), key=lambda p: p.order)

    @property
    def sections(self) -> tuple[str, ...]:
        """The sections where the document meets the requirement, in document order."""
        return tuple(dict.fromkeys(p.section for p in self.found))

    @property
    def tables(self) -> tuple[int, ...]:
        return tuple(p.table for p in self.found if p.table is not None)

    @property
    def awaits_adoption(self) -> bool:
        """Not met only because the document is a concept: what a concept is, not a gap in it."""
        return self.vereiste.toets == ["vaststelling"] and not self.missing

    @property
    def printed(self) -> str:
        """The judgement as the appendix prints it: 'voldaan', 'deels: <reden>; <reden>'."""
        return self.oordeel.value + (": " + "; ".join(self.redenen) if self.redenen else "")


def judge(vereisten: list[Vereiste], places: dict[str, Place], twente: bool, substance: Substance) -> list[Judged]:
    """Every requirement of a document type that applies to this document, judged."""
    judged = []
    for vereiste in vereisten:
        if not vereiste.applies(twente):
            continue
        wanted = tuple(vereiste.places(twente))
        found = tuple(places.get(v.key) for v in wanted)
        outcomes: list[tuple[Oordeel, str | None]] = []
        missing = [v for v, p in zip(wanted, found) if p is None]
        if missing:
            outcomes.append((Oordeel.NIET if len(missing) == len(wanted) else Oordeel.DEELS,
                             "ontbreekt: geen " + ", ".join(v.beschrijving for v in missing)))
        outcomes += [CHECKS[check](substance) for check in vereiste.toets]
        illustrative = sorted(p.table for v, p in zip(wanted, found)
                              if p is not None and p.table is not None and v.tabel in substance.illustrative)
        if illustrative:
            numbers = [str(n) for n in illustrative]
            tables = f"Tabel {numbers[0]}" if len(numbers) == 1 else \
                f"Tabel {', '.join(numbers[:-1])} en {numbers[-1]}"
            outcomes.append((Oordeel.DEELS, f"{tables} {'rust' if len(numbers) == 1 else 'rusten'} op "
                                            "illustratieve gegevens"))
        worst = max((o for o, _ in outcomes), key=list(Oordeel).index, default=Oordeel.VOLDAAN)
        judged.append(Judged(vereiste, wanted, found, worst, tuple(r for _, r in outcomes if r)))
    return judged


def describe(item: Judged) -> str:
    return f"'{item.vereiste.vereiste}' ({item.vereiste.artikel}) {item.printed}"


def verdict(judged: list[Judged], status: str, document: str, path: Path, field: str) -> tuple[str, ...]:
    """The warnings for a concept; for an adopted document an InputError naming every
    requirement it does not meet (with its article), every article nobody checked, the file and
    field of the adoption, and what would fix it."""
    if status == "vastgesteld":
        problems = [describe(item) for item in judged if item.oordeel is Oordeel.NIET or item.missing]
        problems += [f"het artikel bij '{item.vereiste.vereiste}' ({item.vereiste.artikel}) is niet gecontroleerd"
                     for item in judged if not item.vereiste.gecontroleerd]
        if problems:
            raise InputError(f"{document} is vastgesteld, maar voldoet niet aan elk wettelijk vereiste: "
                             + "; ".join(problems), path=path, field=field, value="vastgesteld",
                             expected="een document dat aan elk vereiste uit data/vereisten.yaml voldoet, met "
                                      "gecontroleerde artikelen (vul de gegevens aan), of status concept")
        return ()
    return tuple(f"{document} (concept): {describe(item)}" for item in judged
                 if item.oordeel is Oordeel.NIET and not item.awaits_adoption)

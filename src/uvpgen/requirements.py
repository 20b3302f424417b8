"""The legal completeness check: does a composed document hold every element the law and the
provincial IBT checklist require of its type (data/vereisten.yaml)?

Compose records where each table, keyed section and marked element landed (`Place`: the
section number, and the table number). Here each requirement is looked up in those places. A
missing element is a warning while the document is a concept, and an InputError once it is
adopted (`vastgesteld`): a document cannot be adopted incomplete. The appendix "Verantwoording
wettelijke vereisten" lists the same lookup: requirement, article and section.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .data import Vereiste, Vindplaats
from .errors import InputError


@dataclass(frozen=True)
class Place:
    """Where something landed in a document: a section number ("4.4", "Bijlage 3"), or a part
    without a number ("Colofon"), and for a numbered table its number."""
    section: str
    table: int | None = None
    order: int = 0  # position in the document: places sort as the reader meets them


@dataclass(frozen=True)
class Located:
    """A requirement and where the document meets it (None for each place it does not have)."""
    vereiste: Vereiste
    vindplaatsen: tuple[Vindplaats, ...]
    places: tuple[Place | None, ...]

    @property
    def missing(self) -> tuple[Vindplaats, ...]:
        return tuple(v for v, p in zip(self.vindplaatsen, self.places) if p is None)

    @property
    def met(self) -> bool:
        return not self.missing

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


def locate(vereisten: list[Vereiste], places: dict[str, Place], twente: bool) -> list[Located]:
    """Every requirement of a document type that applies to this document, with its places."""
    found = []
    for vereiste in vereisten:
        if not vereiste.applies(twente):
            continue
        wanted = tuple(vereiste.places(twente))
        found.append(Located(vereiste, wanted, tuple(places.get(v.key) for v in wanted)))
    return found


def describe(item: Located) -> str:
    missing = ", ".join(v.beschrijving for v in item.missing)
    return f"'{item.vereiste.vereiste}' ({item.vereiste.artikel}) ontbreekt: geen {missing}"


def verdict(located: list[Located], status: str, document: str, path: Path, field: str) -> tuple[str, ...]:
    """The warnings for a concept; for an adopted document an InputError naming every missing
    requirement with its article, the file and field of the adoption, and what would fix it."""
    missing = [item for item in located if not item.met]
    if not missing:
        return ()
    if status == "vastgesteld":
        raise InputError(f"{document} is vastgesteld, maar mist een wettelijk vereiste: "
                         + "; ".join(describe(item) for item in missing),
                         path=path, field=field, value="vastgesteld",
                         expected="een document met alle vereisten uit data/vereisten.yaml (vul de gegevens aan), "
                                  "of status concept")
    return tuple(f"{document} (concept): {describe(item)}" for item in missing)

"""Cross-references by identity: a writer types {ref}`id`; compose prints the number the part has
in the document at hand, whatever its outline.

The worked examples number a small outline by hand; the last tests compose the real Enschede and
Twente UVP, which share their content but not their outline.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import printed_table
from test_sentences import cycle, line, text  # noqa: F401  (cycle is the module-scoped fixture)

from uvpgen.compose import Numbering
from uvpgen.document import Chart
from uvpgen.errors import InputError
from uvpgen.tables import Column, Row, Table


def outline() -> Numbering:
    """1 Inleiding, 1.1 Scope, 2 Projecten en diensten, 2.1 Twentse projecten (Tabel 1),
    Figuur 1, Bijlage 1 Werkvoorraad Wabo, Bijlage 2 Energie en duurzaamheid (Tabel 2)."""
    numbering = Numbering()
    numbering.kop1("Inleiding")
    numbering.kop2("Scope van het programma", "scope")
    numbering.kop1("Projecten en diensten")
    numbering.kop2("Twentse projecten")
    numbering.tabel(table("projecten", "Twentse projecten 2025"))
    numbering.tabel(table("begrippen", None))  # a list without caption gets no number
    numbering.figuur("Uren door het jaar 2025", Chart("uren-door-het-jaar", "lijn", ("jan",), (("Uren", (1.0,)),), "uren"),
                     "Lijndiagram")
    numbering.bijlage("Werkvoorraad Wabo", "werkvoorraad")
    numbering.bijlage("Energie en duurzaamheid", "bijlage-energie")
    numbering.tabel(table("energie", "Inzet voor energie"))
    return numbering


def table(table_id: str, caption: str | None) -> Table:
    return Table(table_id, caption, (Column("Naam"),), (Row("a", ("a",)),))


def nowhere(reference: str) -> tuple[Path | None, int | None]:
    return Path("content/2025/uvp/tekst.md"), 7


@pytest.mark.parametrize("typed, printed", [
    ("{ref}`inleiding`", "hoofdstuk 1"),
    ("{ref}`scope`", "paragraaf 1.1"),  # by its key, not its title
    ("{ref}`projecten-en-diensten`", "hoofdstuk 2"),  # a heading without key: by its title
    ("{ref-titel}`projecten-en-diensten`", "hoofdstuk 2 (Projecten en diensten)"),
    ("{ref}`twentse-projecten`", "paragraaf 2.1"),
    ("{ref}`werkvoorraad`", "Bijlage 1"),
    ("{ref-titel}`bijlage-energie`", "Bijlage 2 (Energie en duurzaamheid)"),
    ("{ref}`tabel-projecten`", "Tabel 1"),
    ("{ref}`tabel-energie`", "Tabel 2"),  # the list of terms between them has no number
    ("{ref}`figuur-uren-door-het-jaar`", "Figuur 1"),
    ("zie {ref}`werkvoorraad` en {ref}`scope`.", "zie Bijlage 1 en paragraaf 1.1."),
])
def test_a_reference_prints_the_number_of_the_part_in_this_document(typed, printed):
    assert outline().resolve(typed, "het document", nowhere) == printed


def test_text_without_references_is_left_as_it_is():
    assert outline().resolve("Bijlage `code` {ref}", "het document", nowhere) == "Bijlage `code` {ref}"


def test_a_reference_to_a_part_the_document_lacks_names_where_it_was_typed():
    with pytest.raises(InputError) as raised:
        outline().resolve("Zie {ref}`bijlage-projecten`.", "het document 'UVP 2025 regio Twente'", nowhere)
    error = raised.value
    assert (error.path, error.line, error.value) == (Path("content/2025/uvp/tekst.md"), 7, "{ref}`bijlage-projecten`")
    assert error.message == "verwijzing naar 'bijlage-projecten': dat onderdeel staat niet in het document " \
                            "'UVP 2025 regio Twente'"
    assert error.expected.endswith("zoals inleiding, projecten-en-diensten, werkvoorraad, bijlage-energie")


def test_a_reference_to_an_id_two_parts_share_is_refused():
    numbering = outline()
    numbering.kop1("Kwaliteit")
    numbering.kop2("Kwaliteit")
    with pytest.raises(InputError, match="'kwaliteit': dat onderdeel komt meer dan eens voor in het document"):
        numbering.resolve("{ref}`kwaliteit`", "het document", nowhere)


# --- the real UVP's: shared content, each its own numbers -------------------------------------

# Enschede: 1 Inleiding, 2 Terugblik en ontwikkelingen, 3 Doelen, 4 Programma, 5 Ketenpartners,
#   6 Projecten en diensten (6.1 Twentse projecten); Bijlage 1 Werkvoorraad Wabo, 2 Projecten,
#   3 Energie en duurzaamheid.
# Twente: 1 Inleiding, 2 Terugblik en ontwikkelingen, 3 Doelen, 4 Capaciteit in Twente,
#   5 Verdeelsleutel, 6 Ketenpartners, 7 Projecten en diensten (7.1 Twentse projecten);
#   Bijlage 1 Projecten, 2 Energie en duurzaamheid (no werkvoorraad).
@pytest.mark.parametrize("slug, chapter, section, projects, energy", [
    ("enschede", "hoofdstuk 6", "paragraaf 6.1", "Bijlage 2", "Bijlage 3"),
    ("twente", "hoofdstuk 7", "paragraaf 7.1", "Bijlage 1", "Bijlage 2"),
])
def test_the_uvp_of_a_deelnemer_and_of_twente_print_their_own_numbers(cycle, slug, chapter, section, projects,  # noqa: F811
                                                                       energy):
    markdown = text(cycle, "uvp", slug)
    assert f"is opgenomen in {chapter} (Projecten en diensten)." in line(markdown, "Voor doelen die zich minder")
    assert line(markdown, "In deze bijlage worden de regionale projecten").startswith(
        f"In deze bijlage worden de regionale projecten uit {section} nader toegelicht.")
    assert f"{projects} gaat per project uitgebreider in" in line(markdown, "Voor projecten hanteert")
    assert line(markdown, "Met name de SPUK THE").endswith(f"apart zichtbaar gemaakt in {energy}.")


def test_only_a_uvp_with_a_werkvoorraad_appendix_names_its_illustrative_split(cycle):  # noqa: F811
    colophon = "- de uitsplitsing naar product van de werkvoorraad Wabo in Bijlage 1, waarvan alleen het totaal"
    assert colophon in text(cycle, "uvp", "enschede")
    assert "werkvoorraad Wabo in" not in text(cycle, "uvp", "twente")


def test_the_capacity_table_names_the_paragraph_of_each_part(cycle):  # noqa: F811
    """Enschede: 4.1 Programma Vergunningen, 4.2 Programma Toezicht & Handhaving, 4.3 Programma
    Advies; 6.1 Twentse projecten, 6.2 Diensten voor de regio Twente, 6.3 Lokale projecten."""
    _, rows = printed_table(text(cycle, "uvp", "enschede"), "capaciteit")
    assert [row[0] for row in rows[:-1]] == ["Vergunningen (4.1)", "Toezicht (4.2)", "Handhaving (4.2)", "Advies (4.3)",
                    "Aandeel Twentse projecten (6.1)", "Aandeel diensten voor de regio (6.2)", "Lokale projecten (6.3)"]

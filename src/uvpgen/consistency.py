"""Cross-document check: every figure in the Twentse UVP equals the sum of the per-deelnemer
figures it summarises, read from the composed documents' own tables (not from the data).

It runs on every build, after compose and before anything is rendered or written, so a
regional total that disagrees with the deelnemers' programmes can never be published.
"""

from __future__ import annotations

from decimal import Decimal

from markdown_it import MarkdownIt

from .data import PROGRAMMES
from .formatting import is_printed_number, parse, quantity

Table = list[list[str]]


class ConsistencyError(Exception):
    """The documents contradict each other: a defect in uvpgen, never in the user's input."""


def read_tables(markdown: str, parser: MarkdownIt) -> dict[str, Table]:
    """Tables by their first `{.class}`: rows of cell texts, the header row first."""
    tables: dict[str, Table] = {}
    current: Table | None = None
    for token in parser.parse(markdown):
        if token.type == "table_open":
            current = tables.setdefault(str(token.attrs.get("class", "")).split(" ")[0], [])
        elif token.type == "tr_open" and current is not None:
            current.append([])
        elif token.type == "inline" and current is not None and current:
            current[-1].append(token.content.replace("\\|", "|"))
        elif token.type == "table_close":
            current = None
    return tables


def _require(condition: bool, where: str, found: str, expected: Decimal) -> None:
    if not condition:
        raise ConsistencyError(f"Twentse UVP, {where}: staat {found}, maar de UVP's van de deelnemers geven "
                               f"{quantity(expected)}. De documenten zijn niet geschreven.")


def _rows(table: Table) -> dict[str, list[str]]:
    return {row[0]: row[1:] for row in table[1:]}


def _check_sums(table: Table, name: str) -> None:
    """The last row of a table holds the column sums of the rows above it (numeric columns)."""
    *rows, total = table[1:]
    for column in range(1, len(table[0])):
        if not is_printed_number(total[column]):
            continue
        expected = sum(parse(row[column]) for row in rows if row[column])
        _require(parse(total[column]) == expected, f"tabel '{name}', kolom '{table[0][column]}', totaalregel",
                 total[column], expected)


def check_twente(twente: str, deelnemers: dict[str, str], parser: MarkdownIt) -> None:
    """`deelnemers` maps each deelnemer's name as the Twentse tables print it to its UVP's Markdown."""
    regional = read_tables(twente, parser)
    own = {name: read_tables(text, parser) for name, text in deelnemers.items()}
    capacity = {name: {row[0]: parse(row[1]) for row in tables["capaciteit"][1:]} for name, tables in own.items()}
    labels = {"Vergunningen": "Vergunningen (4.1)", "Toezicht": "Toezicht (4.2)", "Handhaving": "Handhaving (4.2)",
              "Advies": "Advies (4.3)", "Twentse projecten": "Aandeel Twentse projecten (6.1)",
              "Diensten voor de regio": "Aandeel diensten voor de regio (6.2)",
              "Lokale projecten": "Lokale projecten (6.3)", "Totaal": "Totaal"}

    for table_name in ("capaciteit-producten", "capaciteit-totaal"):
        table = regional[table_name]
        rows = _rows(table)
        if set(rows) - {"Twente"} != set(own):
            raise ConsistencyError(f"Twentse UVP, tabel '{table_name}': de deelnemers {sorted(rows)} zijn niet "
                                   f"de deelnemers met een UVP {sorted(own)}.")
        for name, cells in rows.items():
            values = [parse(cell) for cell in cells]
            for header, value, cell in zip(table[0][1:], values, cells):
                if name != "Twente" and header in labels:
                    _require(value == capacity[name][labels[header]], f"tabel '{table_name}', {name}, {header}",
                             cell, capacity[name][labels[header]])
            _require(values[-1] == sum(values[:-1]), f"tabel '{table_name}', {name}, rijtotaal", cells[-1],
                     sum(values[:-1]))

    for name, cells in _rows(regional["verdeelsleutel"]).items():
        if name != "Twente":
            _require(parse(cells[1]) == capacity[name]["Aandeel Twentse projecten (6.1)"],
                     f"tabel 'verdeelsleutel', {name}, Twentse projecten", cells[1],
                     capacity[name]["Aandeel Twentse projecten (6.1)"])
            _require(parse(cells[2]) == capacity[name]["Aandeel diensten voor de regio (6.2)"],
                     f"tabel 'verdeelsleutel', {name}, diensten", cells[2],
                     capacity[name]["Aandeel diensten voor de regio (6.2)"])
    for name in ("capaciteit-producten", "capaciteit-totaal", "verdeelsleutel", "lokale-projecten"):
        _check_sums(regional[name], name)
    projects_total = parse(regional["projecten"][-1][3])
    services_total = parse(regional["diensten"][-1][3])
    twente_shares = _rows(regional["verdeelsleutel"])["Twente"]
    _require(parse(twente_shares[1]) == projects_total, "verdeelsleutel, Twentse projecten", twente_shares[1],
             projects_total)
    _require(parse(twente_shares[2]) == services_total, "verdeelsleutel, diensten", twente_shares[2], services_total)

    for programma in PROGRAMMES:
        table = regional.get(f"twente-{programma}")
        counts: dict[str, Decimal] = {}
        for tables in own.values():
            for row in tables.get(f"prognose-{programma}", [])[1:-1]:
                counts[row[0]] = counts.get(row[0], Decimal(0)) + parse(row[2])
        printed = {row[0]: parse(row[2]) for row in (table or [])[1:-1]}
        for code in sorted(set(counts) | set(printed)):
            _require(printed.get(code) == counts.get(code), f"prognose {programma}, product {code}, aantal",
                     str(printed.get(code, "niets")), counts.get(code, Decimal(0)))
        if table:
            _check_sums(table, f"twente-{programma}")

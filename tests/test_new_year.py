"""`uvpgen nieuw-jaar`: the next year's programme starts from this year's results (issue 27).

Every expected value is computed here from the 2025 data as a person would (the year-end export,
projecten.csv, projecten.yaml), never read from output/ or from uvpgen's own figures."""

from __future__ import annotations

import csv
import dataclasses
import hashlib
import os
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
import yaml

from conftest import printed_number, printed_table
from uvpgen.cli import main

SOURCE = Path("data/2025")


def new_year(project: Path, *args: str) -> int:
    return main(["nieuw-jaar", "2026", *args], root=project)


def tree_digest(project: Path) -> str:
    """Every file under data/ and content/, by path and bytes."""
    h = hashlib.sha256()
    for path in sorted(p for name in ("data", "content") for p in (project / name).rglob("*")):
        h.update(str(path.relative_to(project)).encode())
        if path.is_file():
            h.update(path.read_bytes())
    return h.hexdigest()


def slugs_by_name(project: Path) -> dict[str, str]:
    deelnemers = yaml.safe_load((project / "data/deelnemers.yaml").read_text(encoding="utf-8"))["deelnemers"]
    return {d["naam"]: d["slug"] for d in deelnemers}


def year_end_counts(project: Path) -> dict[str, dict[str, int]]:
    """Finished products per deelnemer and code on 31 December 2025, summed from the jaarverslag's export."""
    names = slugs_by_name(project)
    counts: dict[str, dict[str, int]] = {slug: {} for slug in names.values()}
    with open(project / SOURCE / "realisatie/jaar/zaaksysteem-export-2025-12-31.csv", encoding="utf-8-sig") as f:
        for row in csv.DictReader(f, delimiter=";"):
            slug = names[row["Deelnemer"]]
            counts[slug][row["Productcode"]] = counts[slug].get(row["Productcode"], 0) + int(row["Aantal afgerond"])
    return counts


def prognose(path: Path) -> dict[str, int]:
    with open(path, encoding="utf-8") as f:
        return {row["code"]: int(row["aantal"]) for row in csv.DictReader(f, delimiter=";")}


def test_the_prognose_is_the_year_end_realisation_for_every_deelnemer_and_product(project, capsys):
    realised = year_end_counts(project)
    assert new_year(project) == 0
    for slug, counts in realised.items():
        expected = {code: n for code, n in counts.items() if n > 0}
        assert prognose(project / f"data/2026/prognose/{slug}.csv") == expected, slug
    said = capsys.readouterr().out
    assert "het aantal afgeronde producten van 2025 volgens het jaarverslag 2025" in said
    assert "Nog te beslissen door de coördinator:" in said


def test_the_prognose_can_be_last_years(project):
    assert new_year(project, "--prognose", "vorig-jaar") == 0
    for path in sorted((project / SOURCE / "prognose").glob("*.csv")):
        expected = {code: n for code, n in prognose(path).items() if n > 0}
        assert prognose(project / "data/2026/prognose" / path.name) == expected, path.name


def test_projects_not_finished_carry_their_remaining_hours(project, capsys):
    with open(project / SOURCE / "realisatie/jaar/projecten.csv", encoding="utf-8") as f:
        year_end = {row["code"]: row for row in csv.DictReader(f, delimiter=";")}
    planned = {p["code"]: p["capaciteit_uren"] for p in
               yaml.safe_load((project / SOURCE / "projecten.yaml").read_text(encoding="utf-8"))["projecten"]}
    assert new_year(project) == 0
    carried = {p["code"]: p for p in
               yaml.safe_load((project / "data/2026/projecten.yaml").read_text(encoding="utf-8"))["projecten"]}
    finished = {code for code, row in year_end.items() if row["status"] in ("Afgerond", "Gestopt")}
    assert finished and set(carried) == set(planned) - finished
    for code, project_ in carried.items():
        hours = planned[code] if planned[code] == "n.v.t." else max(planned[code] - int(year_end[code]["uren"]), 0)
        assert project_["capaciteit_uren"] == hours, code
        assert project_["status"] == year_end[code]["status"], code
    said = capsys.readouterr().out
    assert all(f"{code} (afgerond)" in said for code in finished)


def test_the_documents_start_again_as_concepts_and_the_peildata_move_a_year(project):
    assert new_year(project) == 0
    documents = yaml.safe_load((project / "data/2026/document.yaml").read_text(encoding="utf-8"))
    for key, meta in documents.items():
        assert (meta["status"], meta["versie"]) == ("concept", "0.1"), key
        assert "vaststelling" not in meta and "vorige_versie" not in meta, key
    assert documents["uvp"]["datum"].year == 2025
    perioden = yaml.safe_load((project / "data/2026/monitoring.yaml").read_text(encoding="utf-8"))["perioden"]
    assert [d.isoformat() for d in perioden.values()] == ["2026-04-30", "2026-08-31", "2026-12-31"]


def test_carried_values_are_marked_for_review_and_missing_streefwaarden_listed(project, capsys):
    assert new_year(project) == 0
    deelnemers = (project / "data/deelnemers.yaml").read_text(encoding="utf-8")
    assert "verdeelsleutel: {2025: 12.02, 2026: 12.02}  # 2026: overgenomen uit 2025, na te kijken" in deelnemers
    assert "kentallen: {2025: 6, 2026: 6}  # 2026" in (project / "data/pdc.yaml").read_text(encoding="utf-8")
    assert (project / "data/2026/capaciteit.yaml").read_text(encoding="utf-8").startswith(
        "# Overgenomen uit 2025 door 'uvpgen nieuw-jaar 2026': na te kijken")
    said = capsys.readouterr().out
    doelen = yaml.safe_load((project / SOURCE / "doelen.yaml").read_text(encoding="utf-8"))["doelen"]
    without = [i["id"] for d in doelen for i in d["indicatoren"] if i["streefwaarde"] is None]
    assert without and all(i in said for i in without)
    assert "content/2026/uvp/terugblik.md (regel" in said  # a year typed in the text


def test_the_new_year_builds_and_the_old_year_does_not_change(project):
    options = ["--format", "md", "--jobs", "1", "--gemeente", "enschede"]
    assert main(["--jaar", "2025", "--document", "jaarverslag", *options, "--output", str(project / "before")], root=project) == 0
    assert main(["--jaar", "2025", *options, "--output", str(project / "before")], root=project) == 0
    assert new_year(project) == 0
    assert main(["--jaar", "2026", *options, "--output", str(project / "after")], root=project) == 0
    assert (project / "after/2026/enschede/uvp-2026-enschede.md").is_file()
    assert main(["--jaar", "2025", "--document", "jaarverslag", *options, "--output", str(project / "after")], root=project) == 0
    assert main(["--jaar", "2025", *options, "--output", str(project / "after")], root=project) == 0
    for name in ("uvp-2025-enschede.md", "jaarverslag-2025-enschede.md"):
        assert (project / "after/2025/enschede" / name).read_bytes() == (project / "before/2025/enschede" / name).read_bytes()


def test_a_second_run_is_refused_and_changes_nothing(project, capsys):
    assert new_year(project) == 0
    before = tree_digest(project)
    assert new_year(project) == 2
    assert "het jaar 2026 bestaat al" in capsys.readouterr().err
    assert tree_digest(project) == before


@pytest.mark.parametrize("case", ["not-next", "no-jaarverslag", "content-exists", "content-link"])
def test_refusals_write_nothing(project, capsys, case):
    args = ["nieuw-jaar", "2027"] if case == "not-next" else ["nieuw-jaar", "2026"]
    if case == "no-jaarverslag":
        for path in sorted((project / SOURCE / "realisatie/jaar").iterdir()):
            path.unlink()
        (project / SOURCE / "realisatie/jaar").rmdir()
    if case == "content-exists":
        (project / "content/2026").mkdir()
    if case == "content-link":  # a text from outside the project is not copied into it
        (project / "content/2025/uvp/buiten.md").symlink_to("/etc/hostname")
    before = tree_digest(project)
    assert main(args, root=project) == 2
    err = capsys.readouterr().err
    assert {"not-next": "alleen het jaar na het nieuwste jaar 2025", "no-jaarverslag": "nog geen gegevens voor het "
            "jaarverslag", "content-exists": "bestaat al", "content-link": "content/2025/uvp/buiten.md"}[case] in err
    assert "Er is niets geschreven." in err
    assert tree_digest(project) == before


def test_an_interrupted_run_leaves_nothing(project, monkeypatch):
    before = tree_digest(project)
    rename = os.rename

    def fail_on_data(source, target):
        if Path(target).name == "2026" and Path(target).parent.name == "data":
            raise KeyboardInterrupt
        rename(source, target)
    monkeypatch.setattr(os, "rename", fail_on_data)
    assert new_year(project) == 130
    assert tree_digest(project) == before


def written_hours(project: Path, slugs: set[str]) -> Decimal:
    """Hours written in 2025 by `slugs`, from the year-end export: whole hours per deelnemer and
    product (half up), as the README's rounding rule says, then summed."""
    names = slugs_by_name(project)
    total = Decimal(0)
    with open(project / SOURCE / "realisatie/jaar/zaaksysteem-export-2025-12-31.csv", encoding="utf-8-sig") as f:
        for row in csv.DictReader(f, delimiter=";"):
            if names[row["Deelnemer"]] in slugs:
                total += Decimal(row["Uren geschreven"].replace(",", ".")).quantize(Decimal(1), ROUND_HALF_UP)
    return total


@pytest.mark.parametrize("slug", ["enschede", "twente"])
def test_the_terugblik_is_the_jaarverslag_of_the_year_before(project, slug):
    options = ["--format", "md", "--jobs", "1", "--output", str(project / "output")]
    which = ["--twente"] if slug == "twente" else ["--gemeente", slug]
    assert main(["--jaar", "2025", "--document", "jaarverslag", *which, *options], root=project) == 0
    assert new_year(project) == 0
    assert main(["--jaar", "2026", *which, *options], root=project) == 0
    uvp = (project / f"output/2026/{slug}/uvp-2026-{slug}.md").read_text(encoding="utf-8")
    jaarverslag = (project / f"output/2025/{slug}/jaarverslag-2025-{slug}.md").read_text(encoding="utf-8")
    header, rows = printed_table(uvp, "terugblik-programma")
    assert (header, rows) == printed_table(jaarverslag, "realisatie-programma")
    slugs = set(slugs_by_name(project).values()) if slug == "twente" else {slug}
    assert printed_number(rows[-1][header.index("Geschreven (uren)")]) == written_hours(project, slugs)
    indicators = printed_table(uvp, "terugblik-indicatoren")
    assert [row[-1] for row in indicators[1]] == [row[-1] for row in printed_table(jaarverslag, "indicatoren")[1]]


def test_a_terugblik_that_differs_from_the_jaarverslag_stops_the_build(project):
    from uvpgen.consistency import check_years
    from uvpgen.documents import BY_KEY, Cycle, ProjectPaths
    from uvpgen.errors import ConsistencyError

    assert new_year(project) == 0
    cycle = Cycle(ProjectPaths(project), 2026)
    uvps = {"uvp": {slug: d.tables for slug, d in cycle.documents(BY_KEY["uvp"], ["enschede"]).items()}}
    before = {slug: dict(d.tables) for slug, d in cycle.previous.documents(BY_KEY["jaarverslag"], ["enschede"]).items()}
    check_years(uvps, before, 2026)
    table = before["enschede"]["realisatie-programma"]
    toezicht = next(row for row in table.rows if row.key == "toezicht")
    changed = dataclasses.replace(toezicht, cells=(*toezicht.cells[:4], toezicht.cells[4] + 1, *toezicht.cells[5:]))
    before["enschede"]["realisatie-programma"] = dataclasses.replace(
        table, rows=tuple(changed if row is toezicht else row for row in table.rows))
    with pytest.raises(ConsistencyError, match="terugblik-programma.*toezicht.*Geschreven"):
        check_years(uvps, before, 2026)
    before["enschede"]["realisatie-programma"] = table
    trend = uvps["uvp"]["enschede"]["trend-programma"]
    advies = next(row for row in trend.rows if row.key == "advies")
    uvps["uvp"]["enschede"] = {**uvps["uvp"]["enschede"], "trend-programma": dataclasses.replace(
        trend, rows=tuple(dataclasses.replace(advies, cells=(advies.cells[0], advies.cells[1] + 1, *advies.cells[2:]))
                          if row is advies else row for row in trend.rows))}
    with pytest.raises(ConsistencyError, match="trend-programma.*advies.*Gepland 2025"):
        check_years(uvps, before, 2026)


def test_every_year_is_built_and_a_new_years_reports_wait_for_their_exports(project, capsys):
    options = ["--format", "md", "--jobs", "1"]
    assert main([*options, "--output", str(project / "before")], root=project) == 0
    assert new_year(project) == 0
    capsys.readouterr()
    assert main([*options, "--output", str(project / "after")], root=project) == 0
    said = capsys.readouterr().out
    assert "Nog niet gemaakt: monitoring voorjaar, monitoring najaar, jaarverslag 2026" in said
    made = sorted(p.name for p in (project / "after/2026").rglob("*.md"))
    assert len(made) == 16 and all(name.startswith("uvp-2026-") for name in made)
    before = {p.relative_to(project / "before"): p.read_bytes() for p in (project / "before/2025").rglob("*.md")}
    assert len(before) == 64
    assert before == {p.relative_to(project / "after"): p.read_bytes() for p in (project / "after/2025").rglob("*.md")}
    assert main([*options, "--output", str(project / "after"), "--check"], root=project) == 0
    assert "output/ is bij" in capsys.readouterr().out


def planned_hours(project: Path, slug: str, jaar: int) -> dict[str, Decimal]:
    """Prognose x kental per programme and in total, from the CSV and the catalogue."""
    catalogue = {p["code"]: p for p in yaml.safe_load((project / "data/pdc.yaml").read_text(encoding="utf-8"))["producten"]}
    hours = {p: Decimal(0) for p in ("vergunningen", "toezicht", "handhaving", "advies")}
    for code, aantal in prognose(project / f"data/{jaar}/prognose/{slug}.csv").items():
        hours[catalogue[code]["programma"]] += aantal * Decimal(str(catalogue[code]["kentallen"][jaar]))
    return {**hours, "totaal": sum(hours.values())}


def test_the_uvp_shows_the_programme_totals_over_the_years(project):
    options = ["--format", "md", "--jobs", "1", "--gemeente", "enschede", "--output", str(project / "output")]
    assert main(["--jaar", "2025", "--document", "jaarverslag", *options], root=project) == 0
    assert new_year(project) == 0
    assert main(["--jaar", "2026", *options], root=project) == 0
    uvp = (project / "output/2026/enschede/uvp-2026-enschede.md").read_text(encoding="utf-8")
    jaarverslag = (project / "output/2025/enschede/jaarverslag-2025-enschede.md").read_text(encoding="utf-8")
    header, rows = printed_table(uvp, "trend-programma")
    assert header == ["Programma", "Gepland 2025", "Geschreven 2025", "Gepland 2026"]
    source_header, source = printed_table(jaarverslag, "realisatie-programma")
    for row, realised in zip(rows, source, strict=True):
        assert row[1:3] == [realised[source_header.index("Gepland (uren)")], realised[source_header.index("Geschreven (uren)")]]
    planned = planned_hours(project, "enschede", 2026)
    assert [printed_number(row[3]) for row in rows] == list(planned.values())


def test_the_jaarverslag_shows_the_years_side_by_side_with_a_chart(project):
    from hostile import copy_year

    copy_year(project, dates=True, exports=True)  # a 2026 with exports, as a year that has ended
    options = ["--format", "md", "--jobs", "1", "--gemeente", "enschede", "--document", "jaarverslag",
               "--output", str(project / "output")]
    assert main(["--jaar", "2025", *options], root=project) == 0
    assert main(["--jaar", "2026", *options], root=project) == 0
    text = (project / "output/2026/enschede/jaarverslag-2026-enschede.md").read_text(encoding="utf-8")
    before = (project / "output/2025/enschede/jaarverslag-2025-enschede.md").read_text(encoding="utf-8")
    header, rows = printed_table(text, "trend-programma")
    assert header == ["Programma", "Gepland 2025", "Geschreven 2025", "Gepland 2026", "Geschreven 2026"]
    assert [row[1:3] for row in rows] == [[r[1], r[4]] for r in printed_table(before, "realisatie-programma")[1]]
    assert [row[3:] for row in rows] == [[r[1], r[4]] for r in printed_table(text, "realisatie-programma")[1]]
    assert "](grafiek:verloop-over-de-jaren)" in text
    header, rows = printed_table(text, "trend-indicatoren")
    assert header == ["Indicator", "2024", "2025", "2026"]
    assert "trend-programma" not in before

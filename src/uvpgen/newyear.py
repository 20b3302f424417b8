"""The new year: `uvpgen nieuw-jaar <jaar>` starts next year's programme from this year's results.

The cycle turns here: the data of the new year is made from the latest year's data and its
jaarverslag (the year-end realisation), and its content is copied. What it made is written as
files a person reads and edits (YAML with comments saying what was carried over and what to
review), all at once: built in hidden folders beside data/<jaar> and content/<jaar> and renamed at
the end, so an interrupted command leaves nothing half-made. Nothing of the source year changes.

The stage reads (load) and computes (the jaarverslag's year-end figures, through the Cycle); it
writes only new data. The README ("Een nieuw jaar") states the rules.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
import shutil
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .documents import BY_KEY, Cycle, ProjectPaths
from .errors import InputError
from .exports import PROJECT_ENDED, PeriodRealisation
from .figures import Progress
from .limits import limit_of, read_bytes
from .paths import regular_files

RULES = {  # --prognose: the count a product gets in the new year's prognose
    "realisatie": "het aantal afgeronde producten van {bron} volgens het jaarverslag {bron} (stand 31 december)",
    "vorig-jaar": "de prognose van {bron}, ongewijzigd",
}
REVIEW = {  # the files copied as they are, with a comment on what the coordinator reviews in them
    "bedrijvenbestand.yaml": "het aantal bedrijven per risicocategorie",
    "capaciteit.yaml": "het uurtarief, de uren per fte en de formatie per deelnemer",
    "diensten.yaml": "de diensten voor de regio en hun uren",
    "energie.yaml": "de energietabellen, hun aantallen, uren en bijdragen",
    "jaarverslag.yaml": "de regels van het jaarverslag",
    "ketenpartners.yaml": "de ketenpartners en hun focuspunten",
    "kwaliteitscriteria.yaml": "de kwaliteitscriteria en hun metingen",
    "lokale_projecten.yaml": "de lokale projecten per deelnemer (wat af is, eruit)",
    "risicos.yaml": "de risico's",
    "werkvoorraad.yaml": "de werkvoorraad onder oud recht (wat in {bron} is afgerond, eraf)",
}
CARRIED = tuple(REVIEW)
NOT_CARRIED = "de metingen (indicatoren/), de exports (realisatie/), robuustheid.yaml en bronverantwoording.md"
TYPED_YEAR = re.compile(r"(?<![\d.-])(?:19|20)\d\d(?![\d-])")  # a year typed in text, not a date or an amount


@dataclass
class NewYear:
    """What `nieuw-jaar` makes: the files of data/<jaar>/ (relative path -> text), the top-level
    files it extends (path -> text), and what it tells the coordinator."""
    bron: int
    jaar: int
    regel: str
    data: dict[str, str] = field(default_factory=dict)
    top: dict[Path, str] = field(default_factory=dict)
    gedaan: list[str] = field(default_factory=list)  # what was made
    beslissen: list[str] = field(default_factory=list)  # what the coordinator must still decide


def read(path: Path) -> str:
    """A source file's text, read as the build reads it: no link on its way, within its limit."""
    return read_bytes(path, limit_of(path)).decode("utf-8")


def comment(text: str) -> str:
    """A YAML comment of one or more lines, as a person would type it."""
    return "".join(f"# {line}\n" for line in textwrap.wrap(text, 98))


# --- the rules --------------------------------------------------------------------------------

def prognose_rows(year_end: tuple[Progress, ...], regel: str) -> tuple[list[tuple[str, int, str]], list[Progress]]:
    """A deelnemer's new prognose from its year-end figures (one Progress per product, as the
    jaarverslag prints them): rows (code, aantal, opmerking) in code order, and the products the
    rule gives no count (left out of the prognose)."""
    rows, dropped = [], []
    for product in sorted(year_end, key=lambda p: p.code):
        aantal = product.aantal if regel == "realisatie" else product.prognose
        if aantal:
            rows.append((product.code, aantal, f"prognose vorig jaar {product.prognose}, afgerond {product.aantal}"))
        else:
            dropped.append(product)
    return rows, dropped


def remaining_hours(planned: int | str, written: int) -> int | str:
    """The hours a project carried over still has: planned minus written, at least 0 ('n.v.t.' stays)."""
    return planned if isinstance(planned, str) else max(planned - written, 0)


def a_year_on(date: dt.date) -> dt.date:
    """The same day a year later (29 February becomes 28 February)."""
    try:
        return date.replace(year=date.year + 1)
    except ValueError:
        return date.replace(year=date.year + 1, day=28)


# --- making the new year ----------------------------------------------------------------------

def plan(root: Path, jaar: int, regel: str) -> NewYear:
    """Everything the new year will hold, made without writing anything; refuses (InputError)
    when the year is not the next one, already exists, or the source year has no jaarverslag data."""
    paths = ProjectPaths(root)
    bron = paths.latest_year()
    for folder in (paths.data / str(jaar), paths.content / str(jaar)):
        if folder.exists():
            raise InputError(f"het jaar {jaar} bestaat al", path=folder, field="jaar", value=jaar,
                             expected=f"een jaar zonder data/{jaar}/ en content/{jaar}/; verwijder die eerst als u "
                                      "opnieuw wilt beginnen")
    if jaar != bron + 1:
        raise InputError(f"nieuw-jaar maakt alleen het jaar na het nieuwste jaar {bron}", field="jaar", value=jaar,
                         expected=str(bron + 1))
    cycle = Cycle(paths, bron)
    if not cycle.available(BY_KEY["jaarverslag"]):
        raise InputError(f"{bron} heeft nog geen gegevens voor het jaarverslag", path=paths.data / str(bron) / "realisatie" / "jaar",
                         expected=f"de jaarexports van {bron} (peildatum 31-12-{bron}): de prognose van {jaar} volgt uit "
                                  "de realisatie van het jaarverslag")
    cycle.jaarverslag_data  # the jaarverslag must be complete: its data read and checked
    made = NewYear(bron, jaar, regel)
    source = paths.data / str(bron)
    _prognoses(made, cycle)
    _per_year_keys(made, paths.data / "deelnemers.yaml", "verdeelsleutel", "de verdeelsleutel")
    _per_year_keys(made, paths.data / "pdc.yaml", "kentallen", "de kentallen")
    _projects(made, source / "projecten.yaml", cycle.periods["jaar"])
    _documents(made, source / "document.yaml")
    _monitoring(made, source / "monitoring.yaml", cycle)
    _doelen(made, source / "doelen.yaml", cycle)
    for name in CARRIED:
        made.data[name] = (comment(f"Overgenomen uit {bron} door 'uvpgen nieuw-jaar {jaar}': na te kijken voor {jaar} "
                                   f"({REVIEW[name].format(bron=bron)}).") + read(source / name))
    made.gedaan.append(f"Overgenomen uit {bron}, met een opmerking bovenaan om na te kijken: {', '.join(CARRIED)}. "
                       f"Niet overgenomen: {NOT_CARRIED} (die horen bij de realisatie van {jaar}).")
    _typed_years(made, paths.content / str(bron))
    return made


def _prognoses(made: NewYear, cycle: Cycle) -> None:
    rule = RULES[made.regel].format(bron=made.bron)
    dropped = []
    for deelnemer in cycle.data.deelnemers:
        year_end = cycle.monitoring("jaar", [deelnemer.slug], deelnemer.kortenaam).programmas
        rows, gone = prognose_rows(tuple(p for products in year_end.values() for p in products), made.regel)
        out = io.StringIO()
        writer = csv.writer(out, delimiter=";", lineterminator="\n")
        writer.writerow(("code", "aantal", "opmerking"))
        writer.writerows(rows)
        made.data[f"prognose/{deelnemer.slug}.csv"] = out.getvalue()
        dropped += [f"{deelnemer.slug} {p.code} (prognose {p.prognose}, afgerond {p.aantal})" for p in gone]
    made.gedaan.append(f"Prognose {made.jaar} per deelnemer en product (data/{made.jaar}/prognose/): {rule}; "
                       "de kolom opmerking noemt de prognose en de realisatie van het vorige jaar.")
    if dropped:
        made.beslissen.append(f"Producten zonder aantal volgens de regel, weggelaten uit de prognose: {', '.join(dropped)}.")


def _per_year_keys(made: NewYear, path: Path, key: str, what: str) -> None:
    """Give every `key: {<bron>: x}` in a top-level file the same value for the new year."""
    text = read(path)
    pattern = re.compile(rf"^(\s*{key}: \{{)([^}}]*)(\}})(.*)$", re.MULTILINE)

    def extend(match: re.Match) -> str:
        values = dict(part.split(":", 1) for part in match.group(2).split(","))
        if str(made.jaar) in (k.strip() for k in values):
            return match.group(0)
        previous = next(v.strip() for k, v in values.items() if k.strip() == str(made.bron))
        return (f"{match.group(1)}{match.group(2)}, {made.jaar}: {previous}{match.group(3)}{match.group(4)}"
                f"  # {made.jaar}: overgenomen uit {made.bron}, na te kijken")
    new = pattern.sub(extend, text)
    if new != text:
        made.top[path] = new
        made.beslissen.append(f"{what[0].upper()}{what[1:]} voor {made.jaar} ({path.parent.name}/{path.name}): "
                              f"overgenomen uit {made.bron}; vul de echte in (elke regel zegt 'na te kijken').")


def _projects(made: NewYear, path: Path, year_end: PeriodRealisation) -> None:
    """The regional projects not finished at year end, with the hours they have left; the
    finished ones left out. Edited as text, so every description and comment stays as written."""
    text = read(path)
    head, *blocks = re.split(r"(?m)^(?=  - code: )", text)
    kept, finished, carried = [], [], []
    for block in blocks:
        code = re.match(r"  - code: (\S+)", block).group(1)
        realised = year_end.projecten[code]
        if realised.status in PROJECT_ENDED:  # not carried over
            finished.append(f"{code} ({realised.status.lower()})")
            continue
        planned = yaml.safe_load(re.search(r"(?m)^    capaciteit_uren: (.*)$", block).group(1))
        left = remaining_hours(planned, int(realised.uren))
        block = re.sub(r"(?m)^    capaciteit_uren: .*$", f"    capaciteit_uren: {yaml.safe_dump(left).split()[0]}"
                       f"  # {made.bron}: {planned} gepland, {int(realised.uren)} geschreven; na te kijken", block, count=1)
        block = re.sub(r"(?m)^    status: .*$", f"    status: {realised.status}", block, count=1)
        kept.append(block)
        carried.append(f"{code} {left}" + (" uur" if isinstance(left, int) else ""))
        if left == 0:
            made.beslissen.append(f"Project {code} loopt door, maar heeft in {made.bron} al zijn uren geschreven "
                                  f"({int(realised.uren)} van {planned}): hoeveel uren krijgt het in {made.jaar}?")
    made.data["projecten.yaml"] = (comment(f"Projecten {made.jaar}, gemaakt door 'uvpgen nieuw-jaar {made.jaar}': de projecten "
                                          f"die eind {made.bron} nog liepen, met de uren die over waren (gepland min "
                                          f"geschreven, niet minder dan 0) en hun status van 31-12-{made.bron}. Afgerond "
                                          f"en weggelaten: {', '.join(finished) or 'geen'}.")
                                  + head + "".join(kept).rstrip("\n") + "\n")
    made.gedaan.append(f"Projecten doorgeschoven met hun resterende uren: {', '.join(carried) or 'geen'}; "
                       f"afgerond of gestopt en weggelaten: {', '.join(finished) or 'geen'}.")
    made.beslissen.append("Nieuwe Twentse projecten voor het nieuwe jaar voegt u zelf toe in projecten.yaml.")


def _documents(made: NewYear, path: Path) -> None:
    """Every document a concept again, version 0.1, without adoption or previous version, dated a year on."""
    text = read(path)
    header = "".join(line for line in text.splitlines(keepends=True)[:_comment_lines(text)])
    data = yaml.safe_load(text)
    blocks, dates = [], []
    for key, meta in data.items():
        meta = {k: v for k, v in meta.items() if k not in ("vaststelling", "vorige_versie")}
        meta.update(versie="0.1", status="concept", datum=a_year_on(meta["datum"]))
        dates.append(f"{key} {meta['datum']:%d-%m-%Y}")
        blocks.append(yaml.safe_dump({key: meta}, allow_unicode=True, sort_keys=False, width=120))
    made.data["document.yaml"] = (header + "#\n" + comment(f"Gemaakt door 'uvpgen nieuw-jaar {made.jaar}': elk document een "
                                                           f"concept, versie 0.1, zonder vaststelling; de datums een jaar "
                                                           f"na die van {made.bron}.") + "\n".join(blocks))
    made.gedaan.append("Documenten (document.yaml): concept, versie 0.1, geen vaststelling en geen vorige versie.")
    made.beslissen.append(f"De datums van de documenten zijn die van {made.bron} een jaar later ({', '.join(dates)}): "
                          "zet ze op de echte datums van deze versies.")


def _comment_lines(text: str) -> int:
    lines = text.splitlines()
    return next((i for i, line in enumerate(lines) if line.strip() and not line.startswith("#")), len(lines))


def _monitoring(made: NewYear, path: Path, cycle: Cycle) -> None:
    """The peildata a year on; the rule for signals and the seasonal profiles as they were."""
    text = read(path)
    perioden = cycle.data.monitoring.perioden
    for periode, date in perioden.items():
        text = re.sub(rf"(?m)^(  {periode}: ){date.isoformat()}", rf"\g<1>{a_year_on(date).isoformat()}", text)
    made.data["monitoring.yaml"] = text.replace(f"UVP {made.bron}", f"UVP {made.jaar}", 1)
    made.gedaan.append("Peildata (monitoring.yaml): "
                       + ", ".join(f"{p} {a_year_on(d):%d-%m-%Y}" for p, d in perioden.items())
                       + "; de signaleringsregel en de seizoensprofielen overgenomen.")


def _doelen(made: NewYear, path: Path, cycle: Cycle) -> None:
    """Goals and indicators carried over; a planned streefwaarde whose date has passed is dropped
    (the plan is no longer a plan), and every indicator without a streefwaarde is listed."""
    start = dt.date(made.jaar, 1, 1)
    lapsed = [i.id for d in cycle.data.doelen for i in d.indicatoren
              if i.streefwaarde_gepland is not None and i.streefwaarde_gepland.uiterlijk < start]

    def drop(match: re.Match) -> str:
        if dt.date.fromisoformat(match.group(2)) >= start:
            return match.group(0)
        return (f"{match.group(1)}streefwaarde_gepland: null  # {made.bron}: gepland uiterlijk {match.group(2)}, "
                "niet vastgesteld; wie stelt haar vast, en wanneer?")
    text = re.sub(r"(?m)^(\s*)streefwaarde_gepland: \{.*uiterlijk: (\d{4}-\d\d-\d\d).*$", drop,
                  read(path))
    made.data["doelen.yaml"] = comment(f"Overgenomen uit {made.bron} door 'uvpgen nieuw-jaar {made.jaar}': na te kijken voor "
                                       f"{made.jaar} (doelen, indicatoren en streefwaarden).") + text
    missing = [i.id for d in cycle.data.doelen for i in d.indicatoren if i.streefwaarde is None]
    made.gedaan.append("Doelen en indicatoren (doelen.yaml) overgenomen.")
    if missing:
        made.beslissen.append(f"Indicatoren zonder vastgestelde streefwaarde (nog steeds): {', '.join(missing)}.")
    if lapsed:
        made.beslissen.append(f"Geplande streefwaarden waarvan de datum in {made.bron} verliep, nu zonder planning "
                              f"(een ontbrekend wettelijk element tot u er een plant): {', '.join(lapsed)}.")


def _typed_years(made: NewYear, content: Path) -> None:
    """Every year typed in the copied content and in the texts of the new data: story, not data."""
    found = []
    for path in (p for p in regular_files(content) if p.suffix == ".md"):
        lines = [n for n, line in enumerate(read(path).splitlines(), 1)
                 if TYPED_YEAR.search(re.sub(r"\{\{.*?\}\}", "", line))]
        if lines:
            target = Path("content") / str(made.jaar) / path.relative_to(content)
            found.append(f"{target} (regel {', '.join(map(str, lines))})")
    for name, text in sorted(made.data.items()):
        if name.endswith(".yaml"):
            lines = [n for n, line in enumerate(text.splitlines(), 1)
                     if not line.lstrip().startswith("#") and TYPED_YEAR.search(line.split(" #")[0])]
            if lines:
                found.append(f"data/{made.jaar}/{name} (regel {', '.join(map(str, lines))})")
    made.gedaan.append(f"Tekst gekopieerd naar content/{made.jaar}/.")
    if found:
        made.beslissen.append("Jaartallen die getypt zijn in plaats van uit de data te komen (gebruik {{ jaar }}, "
                              "{{ vorig_jaar }} of {{ volgend_jaar }}, of lees de zin na): " + "; ".join(found) + ".")


# --- writing ------------------------------------------------------------------------------------

def write(root: Path, made: NewYear) -> None:
    """data/<jaar>/ and content/<jaar>/ built in hidden folders beside them, the extended
    top-level files as temporary files beside them; then everything renamed, data/<jaar>/ last
    (the folder that makes the year exist). Whatever fails, nothing is left behind: what was
    already renamed is put back."""
    paths = ProjectPaths(root)
    data_dir, content_dir = paths.data / str(made.jaar), paths.content / str(made.jaar)
    data_tmp, content_tmp = paths.data / f".nieuw-jaar-{made.jaar}", paths.content / f".nieuw-jaar-{made.jaar}"
    top_tmp = {path: path.with_name(f".{path.name}.nieuw-jaar") for path in made.top}
    originals = {path: path.read_bytes() for path in made.top}
    done = False
    try:
        for leftover in (data_tmp, content_tmp):
            shutil.rmtree(leftover, ignore_errors=True)
        for name, text in made.data.items():
            target = data_tmp / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        for path in regular_files(paths.content / str(made.bron)):
            target = content_tmp / path.relative_to(paths.content / str(made.bron))
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(read_bytes(path, limit_of(path)))
        for path, tmp in top_tmp.items():
            tmp.write_text(made.top[path], encoding="utf-8")
        os.rename(content_tmp, content_dir)
        for path, tmp in top_tmp.items():
            os.replace(tmp, path)
        os.rename(data_tmp, data_dir)
        done = True
    finally:
        if not done:
            shutil.rmtree(content_dir, ignore_errors=True)
            for path, text in originals.items():
                if path.read_bytes() != text:
                    path.write_bytes(text)
        for leftover in (data_tmp, content_tmp):
            shutil.rmtree(leftover, ignore_errors=True)
        for tmp in top_tmp.values():
            tmp.unlink(missing_ok=True)


def report(made: NewYear) -> str:
    lines = [f"Nieuw jaar {made.jaar} gemaakt uit {made.bron}: data/{made.jaar}/ en content/{made.jaar}/.", "",
             "Gedaan:"]
    lines += [f"- {item}" for item in made.gedaan]
    lines += ["", "Nog te beslissen door de coördinator:"]
    lines += [f"- {item}" for item in made.beslissen]
    lines += ["", f"Daarna: python build.py --jaar {made.jaar} --gemeente <slug> maakt het UVP {made.jaar}; de "
                  f"monitoring en het jaarverslag {made.jaar} volgen zodra hun exports in data/{made.jaar}/realisatie/ staan."]
    return "\n".join(lines) + "\n"

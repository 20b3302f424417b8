"""Command line: `uvpgen --gemeente enschede`, `--twente`, `--alle` (or `python build.py ...`).

Exit codes: 0 done, 2 bad input (a message naming file, line/row, field and value),
1 an internal error (a message, for unexpected errors with a traceback, and a request to
report it), 130 interrupted. Nothing is written unless every document succeeded.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import traceback
from pathlib import Path

from .build import (FORMATS, TWENTE, Document, ProjectPaths, compose_jaarverslagen, compose_monitorings,
                    compose_uvps, output_path, render_all, seconds, write_atomically)
from .consistency import ConsistencyError
from .data import latest_year, load_year
from .errors import InputError, display_path


def _formats(value: str) -> tuple[str, ...]:
    chosen = tuple(part.strip() for part in value.split(",") if part.strip())
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        raise argparse.ArgumentTypeError(f"onbekend formaat {', '.join(unknown) or value!r}; kies uit {','.join(FORMATS)}")
    return tuple(f for f in FORMATS if f in chosen)


def _jobs(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"--jobs verwacht een geheel getal van 1 of meer, niet {value!r}")
    return int(value)


def argument_parser() -> argparse.ArgumentParser:
    cli = argparse.ArgumentParser(
        prog="uvpgen", description="Maak de uitvoeringsprogramma's (UVP) van de OD Twente als DOCX, PDF en "
                                   "Markdown uit data/ en content/.")
    which = cli.add_mutually_exclusive_group(required=True)
    which.add_argument("--gemeente", metavar="SLUG",
                       help="één deelnemer, bijv. enschede, hof-van-twente of overijssel")
    which.add_argument("--twente", action="store_true", help="alleen het Twentse UVP (de hele regio)")
    which.add_argument("--alle", action="store_true", help="alle vijftien deelnemers en het Twentse UVP")
    cli.add_argument("--jaar", type=int, help="programmajaar (standaard: het nieuwste jaar in data/)")
    cli.add_argument("--document", choices=["uvp", "monitoring", "jaarverslag"], default="uvp",
                     help="soort document (standaard: uvp)")
    cli.add_argument("--periode", choices=["voorjaar", "najaar"],
                     help="bij --document monitoring: voorjaar (peildatum 30 april) of najaar (31 augustus)")
    cli.add_argument("--format", type=_formats, default=FORMATS, metavar="LIJST",
                     help="formaten, komma-gescheiden (standaard: docx,pdf,md)")
    cli.add_argument("--jobs", type=_jobs, default=os.cpu_count() or 1, metavar="N",
                     help="zoveel documenten tegelijk maken (standaard: het aantal processorkernen)")
    cli.add_argument("--output", type=Path, help="uitvoermap (standaard: output/ in het project)")
    return cli


def run(args: argparse.Namespace, root: Path) -> None:
    started = time.perf_counter()
    paths = ProjectPaths(root)
    jaar = args.jaar or latest_year(paths.data)
    data = load_year(paths.data, jaar)
    if args.gemeente:
        slugs = [data.deelnemer(args.gemeente).slug]
    else:
        slugs = ([d.slug for d in data.deelnemers] if args.alle else []) + [TWENTE]
    if args.document == "monitoring":
        if not args.periode:
            raise InputError("bij --document monitoring hoort --periode", field="--periode",
                             expected="voorjaar of najaar")
        documents = compose_monitorings(paths, data, args.periode)
    elif args.document == "jaarverslag":
        documents = compose_jaarverslagen(paths, data)
    else:
        documents = compose_uvps(paths, data)
    chosen: list[Document] = [documents[slug] for slug in slugs]
    output_dir = args.output or root / "output"
    verbose = len(chosen) > 1

    def progress(done: int, document: Document, elapsed: float) -> None:
        if verbose:
            print(f"[{done:>2}/{len(chosen)}] {document.stem:<32} {seconds(elapsed):>8}   "
                  f"(totaal {seconds(time.perf_counter() - started)})", flush=True)

    if verbose:
        print(f"{len(chosen)} documenten maken, {min(args.jobs, len(chosen))} tegelijk ...", flush=True)
    rendered = render_all(chosen, args.format, paths.templates, args.jobs, progress)
    files = {output_path(output_dir, jaar, d.slug, d.stem, fmt): content
             for d in chosen for fmt, content in rendered[d.slug].items()}
    write_atomically(files)

    warnings = [w for d in chosen for w in d.warnings]
    for warning in warnings:
        print(f"waarschuwing: {warning}", file=sys.stderr)
    if verbose:
        print(f"Klaar: {len(chosen)} documenten ({len(files)} bestanden) in "
              f"{seconds(time.perf_counter() - started)}, {len(warnings)} waarschuwing(en). "
              f"De bestanden staan in {display_path(output_dir / str(jaar))}/.")
    else:
        for path in files:
            print(f"geschreven: {display_path(path)}")


def main(argv: list[str] | None = None, root: Path | None = None) -> int:
    args = argument_parser().parse_args(argv)
    try:
        run(args, (root or Path.cwd()).resolve())
    except InputError as err:
        print(f"uvpgen: fout: {err}", file=sys.stderr)
        print("Er is niets geschreven.", file=sys.stderr)
        return 2
    except ConsistencyError as err:
        print(f"uvpgen: interne fout: {err} Meld dit aan de beheerders van uvpgen.", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("uvpgen: afgebroken; er is niets half geschreven.", file=sys.stderr)
        return 130
    except Exception:  # noqa: BLE001 - the last line of defence: explain, then show the traceback
        traceback.print_exc()
        print("uvpgen: interne fout. Dit is een fout in uvpgen, niet in uw invoer: meld dit met de "
              "melding hierboven aan de beheerders.", file=sys.stderr)
        return 1
    return 0

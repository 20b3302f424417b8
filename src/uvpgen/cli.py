"""Command line: `uvpgen --gemeente enschede`, `--twente`, `--alle` (or `python build.py ...`).

Exit codes: 0 done, 2 bad input (a message naming file, line/row, field and value),
1 an internal error (a message, for unexpected errors with a traceback, and a request to
report it), 3 --check found output/ stale, 130 interrupted. Nothing is written unless every
document succeeded.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import traceback
from pathlib import Path

from .build import (FORMATS, TWENTE, Document, ProjectPaths, compose_jaarverslagen, compose_monitorings,
                    compose_uvps, output_path, render_all, seconds, with_change_appendix, write_atomically)
from .consistency import ConsistencyError
from .data import YearData, latest_year, load_year
from .errors import InputError, display_path
from .review import change_report, read_version, textconv


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
    cli.add_argument("--document", choices=["uvp", "monitoring", "jaarverslag"],
                     help="soort document (standaard: uvp; bij --check zonder --document: alle soorten)")
    cli.add_argument("--periode", choices=["voorjaar", "najaar"],
                     help="bij --document monitoring: voorjaar (peildatum 30 april) of najaar (31 augustus)")
    cli.add_argument("--format", type=_formats, default=FORMATS, metavar="LIJST",
                     help="formaten, komma-gescheiden (standaard: docx,pdf,md)")
    cli.add_argument("--jobs", type=_jobs, default=os.cpu_count() or 1, metavar="N",
                     help="zoveel documenten tegelijk maken (standaard: het aantal processorkernen)")
    cli.add_argument("--output", type=Path, help="uitvoermap (standaard: output/ in het project)")
    cli.add_argument("--document-appendix", action="store_true",
                     help="voeg een bijlage toe met de wijzigingen ten opzichte van de vorige versie "
                          "(vorige_versie in data/<jaar>/document.yaml)")
    cli.add_argument("--check", action="store_true",
                     help="niets schrijven; exitcode 3 en de namen van de bestanden als output/ niet precies is "
                          "wat de bronnen opleveren")
    return cli


ALL_DOCUMENTS = (("uvp", None), ("monitoring", "voorjaar"), ("monitoring", "najaar"), ("jaarverslag", None))


def compose_kind(paths: ProjectPaths, data: YearData, document: str, periode: str | None) -> dict[str, Document]:
    if document == "monitoring":
        if not periode:
            raise InputError("bij --document monitoring hoort --periode", field="--periode",
                             expected="voorjaar of najaar")
        return compose_monitorings(paths, data, periode)
    if document == "jaarverslag":
        return compose_jaarverslagen(paths, data)
    return compose_uvps(paths, data)


def run(args: argparse.Namespace, root: Path) -> int:
    started = time.perf_counter()
    paths = ProjectPaths(root)
    jaar = args.jaar or latest_year(paths.data)
    data = load_year(paths.data, jaar)
    if args.gemeente:
        slugs = [data.deelnemer(args.gemeente).slug]
    else:
        slugs = ([d.slug for d in data.deelnemers] if args.alle else []) + [TWENTE]
    kinds = ALL_DOCUMENTS if args.check and not args.document else [(args.document or "uvp", args.periode)]
    chosen: list[Document] = []
    output_dir = args.output or root / "output"
    for document, periode in kinds:
        documents = compose_kind(paths, data, document, periode)
        chosen += [documents[slug] for slug in slugs]
        if args.document_appendix:
            previous = data.documenten[f"{document}-{periode}" if periode else document].vorige_versie
            chosen[-len(slugs):] = [with_change_appendix(root, d, output_dir, jaar, previous)
                                    for d in chosen[-len(slugs):]]
    verbose = len(chosen) > 1

    def progress(done: int, document: Document, elapsed: float) -> None:
        if verbose:
            print(f"[{done:>2}/{len(chosen)}] {document.stem:<36} {seconds(elapsed):>8}   "
                  f"(totaal {seconds(time.perf_counter() - started)})", flush=True)

    if verbose:
        print(f"{len(chosen)} documenten maken, {min(args.jobs, len(chosen))} tegelijk ...", flush=True)
    rendered = render_all(chosen, args.format, paths, args.jobs, progress)
    files = {output_path(output_dir, jaar, d.slug, d.stem, fmt): content
             for d in chosen for fmt, content in rendered[d.stem].items()}
    warnings = [w for d in chosen for w in d.warnings]
    for warning in warnings:
        print(f"waarschuwing: {warning}", file=sys.stderr)
    if args.check:
        return check_outputs(files)
    write_atomically(files)
    if verbose:
        print(f"Klaar: {len(chosen)} documenten ({len(files)} bestanden) in "
              f"{seconds(time.perf_counter() - started)}, {len(warnings)} waarschuwing(en). "
              f"De bestanden staan in {display_path(output_dir / str(jaar))}/.")
    else:
        for path in files:
            print(f"geschreven: {display_path(path)}")
    return 0


def check_outputs(files: dict[Path, bytes]) -> int:
    """--check: compare what the sources produce with output/ and write nothing. Exit 3 if stale."""
    stale = [path for path, content in files.items() if not path.is_file() or path.read_bytes() != content]
    if not stale:
        print(f"output/ is bij: alle {len(files)} bestanden zijn precies wat de bronnen opleveren.")
        return 0
    print(f"output/ is niet bij: {len(stale)} van de {len(files)} bestanden wijken af van wat de bronnen "
          "opleveren. Maak ze opnieuw (zonder --check) en commit ze:", file=sys.stderr)
    for path in stale:
        print(f"  {'ontbreekt' if not path.is_file() else 'verouderd'}: {display_path(path)}", file=sys.stderr)
    return 3


def review(argv: list[str]) -> int:
    """`uvpgen textconv FILE` and `uvpgen diff OLD NEW [--bestand PATH]`."""
    cli = argparse.ArgumentParser(prog="uvpgen")
    commands = cli.add_subparsers(dest="command", required=True)
    conv = commands.add_parser("textconv", help="de tekst van een uitvoerbestand (voor git diff)")
    conv.add_argument("file", type=Path)
    diff = commands.add_parser("diff", help="wat er veranderde tussen twee versies van een document")
    diff.add_argument("old", help="oud .md-bestand, of een git-ref")
    diff.add_argument("new", help="nieuw .md-bestand, of een git-ref")
    diff.add_argument("--bestand", help="bij git-refs: het pad van het document, bijv. "
                                        "output/2025/enschede/uvp-2025-enschede.md")
    args = cli.parse_args(argv)
    if args.command == "textconv":
        sys.stdout.write(textconv(args.file))
    else:
        (old, _), (new, name) = read_version(args.old, args.bestand), read_version(args.new, args.bestand)
        sys.stdout.write(change_report(old, new, name))
    return 0


def main(argv: list[str] | None = None, root: Path | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    try:
        if argv[:1] in (["textconv"], ["diff"]):
            return review(argv)
        args = argument_parser().parse_args(argv)
        return run(args, (root or Path.cwd()).resolve())
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

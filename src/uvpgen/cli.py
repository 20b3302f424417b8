"""Command line: `uvpgen` (or `python build.py`) brings output/ up to date; `--gemeente`,
`--twente`, `--alle` and `--document` select; `uvpgen diff`, `uvpgen textconv` review.

Exit codes: 0 done, 2 bad input (a message naming file, line/row, field and value),
1 an internal error (a message, for unexpected errors with a traceback, and a request to
report it), 3 --check found output/ stale, 130 interrupted (Ctrl-C), 143 stopped (SIGTERM).
Nothing is written unless every document succeeded.
"""

from __future__ import annotations

import argparse
import atexit
import gc
import os
import signal
import sys
import traceback
from pathlib import Path
from typing import NoReturn

from . import documents
from .build import ALL_FORMATS, FORMATS, OPTIONAL_FORMATS, Options, Selection, run
from .documents import TWENTE
from .errors import ConsistencyError, InputError

DUTCH = {  # argparse's own messages (Python 3.11), as the rest of uvpgen speaks
    "usage: ": "gebruik: ",
    "%(prog)s: error: %(message)s\n": "%(prog)s: fout: %(message)s\n",
    "the following arguments are required: %s": "deze opties zijn verplicht: %s",
    "one of the arguments %s is required": "een van deze opties is verplicht: %s",
    "argument %(argument_name)s: %(message)s": "optie %(argument_name)s: %(message)s",
    "invalid choice: %(value)r (choose from %(choices)s)": "ongeldige keuze: %(value)r (kies uit %(choices)s)",
    "expected one argument": "verwacht één waarde",
    "unrecognized arguments: %s": "onbekende opties: %s",
    "not allowed with argument %s": "niet samen met %s",
    "show this help message and exit": "toon deze hulp en stop",
    "positional arguments": "argumenten",
    "options": "opties",
    "invalid %(type)s value: %(value)r": "ongeldige waarde: %(value)r",
    "ambiguous option: %(option)s could match %(matches)s": "onduidelijke optie: %(option)s kan %(matches)s zijn",
    "the following arguments are required: %s\n": "deze argumenten zijn verplicht: %s\n",
}
argparse._ = lambda text: DUTCH.get(text, text)  # argparse looks its messages up through this name


def _formats(value: str) -> tuple[str, ...]:
    chosen = tuple(part.strip() for part in value.split(",") if part.strip())
    unknown = [f for f in chosen if f not in ALL_FORMATS]
    if unknown or not chosen:
        raise argparse.ArgumentTypeError(f"onbekend formaat {', '.join(unknown) or repr(value)}; "
                                         f"kies uit {','.join(ALL_FORMATS)}")
    return tuple(f for f in ALL_FORMATS if f in chosen)


def _jobs(value: str) -> int:
    if not value.isdigit() or not 1 <= int(value) <= 64:
        raise argparse.ArgumentTypeError(f"verwacht een geheel getal van 1 tot en met 64, niet {value!r}")
    return int(value)


def _year(value: str) -> int:
    if not value.isdigit() or not 2000 <= int(value) <= 2100:
        raise argparse.ArgumentTypeError(f"verwacht een jaartal zoals 2025, niet {value!r}")
    return int(value)


def _port(value: str) -> int:
    if not value.isdigit() or not 0 <= int(value) <= 65535:
        raise argparse.ArgumentTypeError(f"verwacht een poortnummer van 0 (een vrije poort) tot en met 65535, niet {value!r}")
    return int(value)


def _which_document(cli: argparse.ArgumentParser, alle: bool) -> None:
    """The options that choose documents, shared by the build and the preview (which shows one)."""
    kinds = sorted({k.document for k in documents.TYPES})
    periods = sorted({k.periode for k in documents.TYPES if k.periode})
    which = cli.add_mutually_exclusive_group(required=not alle)
    which.add_argument("--gemeente", metavar="SLUG",
                       help="één deelnemer, bijv. enschede, hof-van-twente of overijssel (standaard: het UVP)")
    which.add_argument("--twente", action="store_true", help="alleen het Twentse document (de hele regio)")
    if alle:
        which.add_argument("--alle", action="store_true", help="alle vijftien deelnemers en Twente")
    cli.add_argument("--jaar", type=_year, help="programmajaar (standaard: het nieuwste jaar in data/)")
    defaults = "--gemeente, --twente of --alle; zonder keuze: alle soorten" if alle else "--gemeente of --twente"
    cli.add_argument("--document", choices=kinds, help=f"soort document (standaard: uvp bij {defaults})")
    cli.add_argument("--periode", choices=periods,
                     help="bij --document monitoring: voorjaar (peildatum 30 april) of najaar (31 augustus)")


def argument_parser() -> argparse.ArgumentParser:
    cli = argparse.ArgumentParser(
        prog="uvpgen",
        description="Maak de documenten van de OD Twente (uitvoeringsprogramma's, monitoringsrapportages en "
                    "jaarverslagen) als DOCX, PDF en Markdown uit data/, content/ en templates/. Zonder keuze "
                    "brengt het alle documenten van het jaar bij, en maakt het alleen opnieuw wat veranderd is.",
        epilog="Andere commando's: 'uvpgen preview --gemeente SLUG' (het document als webpagina die meeloopt "
               "met wat u opslaat), 'uvpgen diff OUD NIEUW' (wat er veranderde tussen twee versies van een "
               "document), 'uvpgen textconv BESTAND' (de tekst van een .docx, .pdf of .md, voor git diff) en "
               "'uvpgen nieuw-jaar JAAR' (het programma van het volgende jaar, uit de resultaten van dit jaar). "
               "Exitcodes: 0 klaar, 2 fout in de invoer, 3 --check vond verouderde bestanden, 1 interne fout, "
               "130 afgebroken.")
    _which_document(cli, alle=True)
    cli.add_argument("--format", type=_formats, metavar="LIJST",
                     help=f"formaten, komma-gescheiden, uit {','.join(ALL_FORMATS)} (standaard: {','.join(FORMATS)}, "
                          f"en {' en '.join(OPTIONAL_FORMATS)} zodra output/ die heeft); archief is de PDF/A-versie "
                          "<naam>-archief.pdf, html een toegankelijke webpagina <naam>.html met "
                          "output/<jaar>/index.html")
    cli.add_argument("--jobs", type=_jobs, default=os.cpu_count() or 1, metavar="N",
                     help=f"zoveel documenten tegelijk maken (standaard: het aantal processorkernen, hier "
                          f"{os.cpu_count() or 1}); het aantal verandert geen byte aan de uitvoer")
    cli.add_argument("--output", type=Path, metavar="MAP", help="uitvoermap (standaard: output/ in het project)")
    cli.add_argument("--check", action="store_true",
                     help="niets schrijven; exitcode 3 en de namen van de bestanden als output/ niet precies is wat "
                          "de bronnen opleveren (snel via de vingerafdrukken in output/manifest.txt)")
    cli.add_argument("--volledig", action="store_true",
                     help="alles opnieuw maken (bij --check: alles opnieuw maken en byte voor byte vergelijken), "
                          "ook wat volgens de vingerafdrukken al bij is")
    cli.add_argument("--document-appendix", action="store_true",
                     help="voeg een bijlage toe met de wijzigingen ten opzichte van de vorige versie "
                          "(vorige_versie in data/<jaar>/document.yaml)")
    cli.add_argument("--wijzigingen-docx", action="store_true",
                     help="maak naast de andere bestanden <naam>-wijzigingen.docx: het document als Word-bestand "
                          "waarin elke wijziging ten opzichte van de vorige versie (vorige_versie in "
                          "data/<jaar>/document.yaml) een bijgehouden wijziging is, om te accepteren of te weigeren")
    return cli


def selection(args: argparse.Namespace) -> Selection:
    chosen = bool(args.gemeente or args.twente or getattr(args, "alle", False))
    if args.periode and not args.document:
        args.document = "monitoring"
    kinds = documents.select(args.document or ("uvp" if chosen else None), args.periode)
    slugs = (args.gemeente,) if args.gemeente else (TWENTE,) if args.twente else None
    return Selection(tuple(kinds), slugs, getattr(args, "format", None))


def review(argv: list[str], root: Path) -> int:
    """`uvpgen textconv FILE` and `uvpgen diff OLD NEW [--bestand PATH] [--docx OUT [--auteur NAME]]`."""
    cli = argparse.ArgumentParser(prog="uvpgen")
    commands = cli.add_subparsers(dest="command", required=True)
    conv = commands.add_parser("textconv", help="de tekst van een uitvoerbestand (voor git diff)")
    conv.add_argument("file", type=Path)
    diff = commands.add_parser("diff", help="wat er veranderde tussen twee versies van een document")
    diff.add_argument("old", help="oud bestand (.md, .docx of .pdf), of een git-versie")
    diff.add_argument("new", help="nieuw bestand (.md, .docx of .pdf), of een git-versie")
    diff.add_argument("--bestand", help="bij git-versies: het pad van het document, bijv. "
                                        "output/2025/enschede/uvp-2025-enschede.md")
    diff.add_argument("--docx", type=Path, metavar="UIT.docx",
                      help="schrijf de nieuwe versie als Word-bestand waarin elke wijziging een bijgehouden wijziging "
                           "is (uit de .md-bestanden of git-versies)")
    diff.add_argument("--auteur", default="uvpgen", metavar="NAAM",
                      help="bij --docx: de naam bij de wijzigingen (standaard: uvpgen)")
    args = cli.parse_args(argv)
    from .review import change_report, read_version, textconv

    if args.command == "textconv":
        sys.stdout.write(textconv(args.file))
    elif args.docx is not None:
        return tracked_changes(args, root)
    else:
        (old, _), (new, name) = read_version(args.old, args.bestand), read_version(args.new, args.bestand)
        sys.stdout.write(change_report(old, new, name))
    return 0


def tracked_changes(args: argparse.Namespace, root: Path) -> int:
    """`uvpgen diff OLD NEW --docx OUT`: the new version with its changes as tracked changes."""
    from .build import Transaction
    from .documents import ProjectPaths
    from .redline import tracked_docx, version
    from .review import markdown_version

    if args.docx.suffix.lower() != ".docx":
        raise InputError("het uitvoerbestand is geen .docx", field="--docx", value=str(args.docx),
                         expected="een pad als wijzigingen.docx")
    if not args.auteur.strip():
        raise InputError("lege naam", field="--auteur", value=args.auteur, expected="een naam, zoals OD Twente")
    paths = ProjectPaths(root)
    if not (paths.templates / "reference.docx").is_file():
        raise InputError("de huisstijl ontbreekt", path=paths.templates / "reference.docx",
                         expected="uvpgen diff --docx uitgevoerd in de map van het project")
    (old, old_name), (new, new_name) = (markdown_version(spec, args.bestand) for spec in (args.old, args.new))
    content, changed = tracked_docx(version(old, old_name), version(new, new_name),
                                    paths.templates / "reference.docx", paths.content, args.auteur.strip())
    Transaction(args.docx.absolute().parent).write({args.docx.absolute(): content})
    print(f"geschreven: {args.docx} (" + ("met bijgehouden wijzigingen" if changed else
                                          "geen wijzigingen: het document heeft geen bijgehouden wijzigingen") + ")")
    return 0


def preview(argv: list[str], root: Path) -> int:
    """`uvpgen preview --gemeente SLUG [--document ... --periode ...] [--port N]`."""
    cli = argparse.ArgumentParser(
        prog="uvpgen preview",
        description="Toon één document als webpagina op uw eigen computer (alleen voor u: 127.0.0.1). De pagina "
                    "werkt zichzelf bij zodra u een bestand in content/, data/ of templates/ opslaat, en toont een "
                    "fout in de invoer met bestand, regel en waarde. Er wordt niets geschreven. Stoppen: Ctrl-C.")
    _which_document(cli, alle=False)
    cli.add_argument("--port", type=_port, default=0, metavar="N",
                     help="de poort (standaard: een vrije poort, die uvpgen noemt)")
    cli.add_argument("--geen-browser", action="store_true",
                     help="open de pagina niet zelf in de browser (standaard opent uvpgen haar, als er een scherm is)")
    args = cli.parse_args(argv)
    chosen = selection(args)
    from .preview import serve

    return serve(root, args.jaar, chosen.kinds[0], chosen.slugs[0], args.port, not args.geen_browser)


def new_year(argv: list[str], root: Path) -> int:
    """`uvpgen nieuw-jaar JAAR [--prognose realisatie|vorig-jaar]`."""
    from .newyear import RULES, plan, report, write

    cli = argparse.ArgumentParser(
        prog="uvpgen nieuw-jaar",
        description="Begin het programma van het volgende jaar uit de resultaten van het nieuwste jaar: maakt "
                    "data/<jaar>/ en content/<jaar>/ en zegt wat u nog moet beslissen. Het schrijft niets als het jaar "
                    "al bestaat, niet het volgende jaar is, of het nieuwste jaar nog geen jaarverslaggegevens heeft.")
    cli.add_argument("jaar", type=_year, help="het nieuwe jaar, het jaar na het nieuwste jaar in data/")
    cli.add_argument("--prognose", choices=list(RULES), default="realisatie",
                     help="de prognose per deelnemer en product: realisatie (standaard: het aantal afgeronde producten "
                          "volgens het jaarverslag van het vorige jaar) of vorig-jaar (de prognose van het vorige jaar)")
    args = cli.parse_args(argv)
    made = plan(root, args.jaar, args.prognose)
    write(root, made)
    sys.stdout.write(report(made))
    return 0


def _terminate(signum, frame) -> None:
    raise SystemExit(143)


def main(argv: list[str] | None = None, root: Path | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    gc.freeze()  # the modules imported so far live as long as the process: the collector need not walk them
    previous = signal.signal(signal.SIGTERM, _terminate)
    try:
        project = (root or Path.cwd()).resolve()
        if argv[:1] in (["textconv"], ["diff"]):
            return review(argv, project)
        if argv[:1] == ["preview"]:
            return preview(argv[1:], project)
        if argv[:1] == ["nieuw-jaar"]:
            return new_year(argv[1:], project)
        args = argument_parser().parse_args(argv)
        if args.check and args.wijzigingen_docx:  # --check writes nothing and holds only a shared lock
            raise InputError("--check en --wijzigingen-docx gaan niet samen: --check schrijft niets",
                             expected="eerst --check, daarna --wijzigingen-docx zonder --check")
        return run(Options(root=project, output_dir=(args.output or project / "output").absolute(), jaar=args.jaar,
                           selection=selection(args), jobs=args.jobs, check=args.check, force=args.volledig,
                           appendix=args.document_appendix, tracked_changes=args.wijzigingen_docx))
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
    except SystemExit as stop:
        if stop.code != 143:
            raise
        print("uvpgen: gestopt (SIGTERM); er is niets half geschreven.", file=sys.stderr)
        return 143
    except Exception:  # noqa: BLE001 - the last line of defence: explain, then show the traceback
        traceback.print_exc()
        print("uvpgen: interne fout. Dit is een fout in uvpgen, niet in uw invoer: meld dit met de "
              "melding hierboven aan de beheerders.", file=sys.stderr)
        return 1
    finally:
        signal.signal(signal.SIGTERM, previous)


def command(root: Path | None = None) -> NoReturn:
    """The `uvpgen` command and `python build.py`: `main`, then exit without Python freeing every
    object one by one, which takes a tenth of a second after a build (mypy exits the same way).
    The exit handlers run first (multiprocessing's clean-up among them) and the output is flushed."""
    code = main(root=root)
    atexit._run_exitfuncs()  # noqa: SLF001 - what the interpreter's own exit would run
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except OSError:
            pass  # a reader that went away (uvpgen ... | head) does not change the outcome
    os._exit(code)

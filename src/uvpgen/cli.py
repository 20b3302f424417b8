"""Command line: `uvpgen --gemeente enschede` (or `python build.py ...` from the repository).

Exit codes: 0 done, 2 bad input (a message naming file, line/row, field and value),
1 an internal error (a traceback and a request to report it), 130 interrupted.
"""

from __future__ import annotations

import argparse
import sys
import traceback
from pathlib import Path

from .build import FORMATS, ProjectPaths, output_path, render_uvp, write_atomically
from .data import latest_year, load_year
from .errors import InputError


def _formats(value: str) -> tuple[str, ...]:
    chosen = tuple(part.strip() for part in value.split(",") if part.strip())
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        raise argparse.ArgumentTypeError(f"onbekend formaat {', '.join(unknown) or value!r}; kies uit {','.join(FORMATS)}")
    return chosen


def argument_parser() -> argparse.ArgumentParser:
    cli = argparse.ArgumentParser(
        prog="uvpgen", description="Maak het uitvoeringsprogramma (UVP) van een deelnemer van de OD Twente "
                                   "als DOCX, PDF en Markdown uit data/ en content/.")
    cli.add_argument("--gemeente", metavar="SLUG", required=True,
                     help="de deelnemer, bijv. enschede, hof-van-twente of overijssel")
    cli.add_argument("--jaar", type=int, help="programmajaar (standaard: het nieuwste jaar in data/)")
    cli.add_argument("--document", choices=["uvp"], default="uvp", help="soort document (standaard: uvp)")
    cli.add_argument("--format", type=_formats, default=FORMATS, metavar="LIJST",
                     help="formaten, komma-gescheiden (standaard: docx,pdf,md)")
    cli.add_argument("--output", type=Path, help="uitvoermap (standaard: output/ in het project)")
    return cli


def run(args: argparse.Namespace, root: Path) -> list[Path]:
    paths = ProjectPaths(root)
    jaar = args.jaar or latest_year(paths.data)
    data = load_year(paths.data, jaar)
    slug = data.deelnemer(args.gemeente).slug
    rendered = render_uvp(paths, data, slug, args.format)
    output_dir = args.output or root / "output"
    files = {output_path(output_dir, args.document, jaar, slug, fmt): content for fmt, content in rendered.items()}
    write_atomically(files)
    return list(files)


def main(argv: list[str] | None = None, root: Path | None = None) -> int:
    args = argument_parser().parse_args(argv)
    try:
        written = run(args, (root or Path.cwd()).resolve())
    except InputError as err:
        print(f"uvpgen: fout: {err}", file=sys.stderr)
        print("Er is niets geschreven.", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("uvpgen: afgebroken; er is niets half geschreven.", file=sys.stderr)
        return 130
    except Exception:  # noqa: BLE001 - the last line of defence: explain, then show the traceback
        traceback.print_exc()
        print("uvpgen: interne fout. Dit is een fout in uvpgen, niet in uw invoer: meld dit met de "
              "melding hierboven aan de beheerders.", file=sys.stderr)
        return 1
    for path in written:
        print(f"geschreven: {path}")
    return 0

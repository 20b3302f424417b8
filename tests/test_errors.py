"""Inputs a user gets wrong: a clear message naming file, row, field and value; exit code 2;
nothing written to output/ and nothing changed in data/ or content/."""

from __future__ import annotations

import contextlib
import io
import time

import pytest

from conftest import ROOT, build, snapshot


@pytest.fixture
def run(project, capsys):
    """Build in a broken copy of the project; return (exit code, stderr) after checking that
    output/ kept its previous contents and the sources were not touched."""
    output = project / "output"
    (output / "2025" / "enschede").mkdir(parents=True)
    (output / "2025" / "enschede" / "uvp-2025-enschede.pdf").write_bytes(b"previous version")

    def go(*args: str) -> tuple[int, str]:
        before = snapshot(output), snapshot(project / "data"), snapshot(project / "content")
        code = build(project, output, *args)
        after = snapshot(output), snapshot(project / "data"), snapshot(project / "content")
        assert after == before, "a failed build must not write or change any file"
        return code, capsys.readouterr().err

    return go


def replace_in(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_unknown_deelnemer_lists_valid_slugs_and_suggests_nearest(run):
    code, err = run("--gemeente", "enschde")
    assert code == 2
    assert "onbekende deelnemer 'enschde'" in err and "Bedoelde u 'enschede'?" in err
    assert "almelo, borne, dinkelland" in err and "overijssel" in err


def test_prognose_code_missing_from_catalogue(run, project):
    replace_in(project / "data/2025/prognose/enschede.csv", "A1.17.01;8;", "A1.17.99;8;")
    code, err = run("--gemeente", "enschede")
    assert code == 2
    assert "data/2025/prognose/enschede.csv, rij 7, veld 'code'" in err
    assert "niet in de catalogus" in err and "'A1.17.99'" in err


def test_duplicate_prognose_code(run, project):
    replace_in(project / "data/2025/prognose/enschede.csv", "A1.17.01;8;", "A1.17.00;8;")
    code, err = run("--gemeente", "enschede")
    assert code == 2
    assert "rij 7, veld 'code': dubbele productcode (waarde: 'A1.17.00'); verwacht: elke code één keer (ook op rij 6)" in err


def test_negative_count(run, project):
    replace_in(project / "data/2025/prognose/enschede.csv", "A1.35.03;470;", "A1.35.03;-470;")
    code, err = run("--gemeente", "enschede")
    assert code == 2
    assert "enschede.csv, rij 18, veld 'aantal'" in err and "-470" in err


def test_count_that_is_not_a_whole_number(run, project):
    replace_in(project / "data/2025/prognose/enschede.csv", "A1.35.03;470;", "A1.35.03;4,5;")
    code, err = run("--gemeente", "enschede")
    assert code == 2
    assert "rij 18, veld 'aantal': aantal is geen geheel getal (waarde: '4,5')" in err


def test_missing_content_file(run, project):
    (project / "content/2025/uvp/scope.md").unlink()
    code, err = run("--gemeente", "enschede")
    assert code == 2
    assert "content/2025/uvp/scope.md: tekstbestand ontbreekt" in err


def test_catalogue_code_in_the_wrong_programme(run, project):
    # The reference prints the periodic inspection as A3.02.05 (a handhaving code) in the toezicht table.
    replace_in(project / "data/pdc.yaml", "  - code: A2.02.05\n", "  - code: A3.02.06\n")
    code, err = run("--gemeente", "enschede")
    assert code == 2
    assert "data/pdc.yaml, regel" in err and "code A3.02.06 hoort bij programma 'handhaving', niet 'toezicht'" in err


def test_two_part_code_is_refused(run, project):
    # The reference prints A4.19 where every other code has three parts.
    replace_in(project / "data/pdc.yaml", "  - code: A4.19.00\n", "  - code: A4.19\n")
    line = (project / "data/pdc.yaml").read_text(encoding="utf-8").split("\n").index("  - code: A4.19") + 1
    code, err = run("--gemeente", "enschede")
    assert code == 2
    assert f"data/pdc.yaml, regel {line}, veld 'producten." in err
    assert ".code': productcode in de vorm A1.17.00" in err and "(waarde: 'A4.19')" in err


def test_unknown_figure_in_content(run, project):
    replace_in(project / "content/2025/uvp/scope.md", "Het UVP", "Het {{ totaal.toezich }} UVP")
    code, err = run("--gemeente", "enschede")
    assert code == 2
    assert "scope.md, regel 1: onbekende verwijzing 'totaal.toezich'; verwacht: een van: deelnemer.aanduiding" in err
    assert "totaal.toezicht" in err


def test_a_message_shows_a_bounded_value_however_large_or_deeply_shared():
    """A billion laughs, once parsed, is small (shared lists) but its repr is 9**10 items: a message
    shows a short repr of it, at once. So are huge numbers, long texts and field names."""
    from uvpgen.errors import InputError

    laughs: list = ["lol"] * 9
    for _ in range(10):
        laughs = [laughs] * 9
    start = time.monotonic()
    messages = [str(InputError("te groot", field="k" * 10_000, value=value))
                for value in (laughs, 10**5000, "x" * 10_000_000, {str(i): i for i in range(10**5)})]
    assert time.monotonic() - start < 1
    assert all(len(message) < 600 for message in messages), [len(m) for m in messages]
    assert "getal van meer dan 4300 cijfers" in messages[1]


def _lines(node) -> list[int]:
    """The line of every node of a YAML node tree, depth first."""
    children = [] if node is None or isinstance(node.value, str) else \
        [child for pair in node.value for child in (pair if isinstance(pair, tuple) else (pair,))]
    return ([] if node is None else [node.start_mark.line]) + [line for child in children for line in _lines(child)]


@pytest.mark.parametrize("path", sorted(str(p.relative_to(ROOT)) for p in (ROOT / "data").rglob("*.yaml")))
def test_libyaml_reads_every_data_file_as_pyyaml_does(path):
    """Data files are parsed by LibYAML (fast) and, for the message of an error, by PyYAML: both
    must give the same data, with the same line for every value."""
    from uvpgen.data import _DataLoader, _FastDataLoader, _parse

    text = (ROOT / path).read_text(encoding="utf-8")
    fast, slow = _parse(_FastDataLoader, text, ROOT / path), _parse(_DataLoader, text, ROOT / path)
    assert fast[0] == slow[0] and _lines(fast[1]) == _lines(slow[1])


@pytest.mark.parametrize("line, message", [
    ("{{ f.bestaat_niet }}", "onbekende naam in sjabloon: 'uvpgen.figures.JaarverslagFigures object' has no "
                             "attribute 'bestaat_niet'"),
    ("{% macro lus() %}{{ lus() }}{% endmacro %}{{ lus() }}", "sjabloon roept zichzelf zonder einde aan"),
    ("{{ 1 / 0 }}", "fout in sjabloon: division by zero"),
])
def test_a_template_that_fails_while_it_renders_names_its_line(project, line, message):
    """Issue 25: a runtime error in a template is the template's, at its line; not "interne fout"."""
    template = project / "templates/_lessen.md.j2"
    lines = template.read_text(encoding="utf-8").splitlines()
    template.write_text("\n".join([*lines, line]) + "\n", encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = build(project, project / "output", "--gemeente", "enschede", "--document", "jaarverslag",
                     "--format", "md")
    assert code == 2 and snapshot(project / "output") == {}
    assert f"templates/_lessen.md.j2, regel {len(lines) + 1}: {message}" in err.getvalue()
    assert "Traceback" not in err.getvalue() and "interne fout" not in err.getvalue()


def test_an_output_path_that_is_a_file(run, project):
    code, err = run("--gemeente", "borne", "--format", "md", "--output", str(project / "data/pdc.yaml"))
    assert code == 2 and "data/pdc.yaml, veld '--output': --output is geen map" in err and "Traceback" not in err


def test_check_and_tracked_changes_do_not_go_together(run, project):
    """--check writes nothing and holds only a shared lock; --wijzigingen-docx writes a file."""
    code, err = run("--gemeente", "hengelo", "--check", "--wijzigingen-docx")
    assert code == 2
    assert "--check en --wijzigingen-docx gaan niet samen" in err
    assert not list((project / "output").rglob("*-wijzigingen.docx"))

"""The same sources give byte-identical files, whatever the machine, time zone, locale or day.

The tests read the committed output/ as published; here three documents are rebuilt
from scratch in other processes, in another time zone and locale, and compared byte for byte
with the committed files in all five formats (the web page too). With the quick check of the
fingerprints (the `committed` fixture) that proves the committed output is what the sources
produce today."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from concurrent.futures import ThreadPoolExecutor

import pytest
from pypdf import PdfReader

from conftest import ROOT, snapshot

# A UVP, a report with charts and a jaarverslag, each built in its own process (the renderers are
# the same for every type; the UVP alone takes as long as the other two together).
REBUILDS = {"uvp-2025-enschede": ["--gemeente", "enschede"],
            "monitoring-najaar-2025-hengelo": ["--gemeente", "hengelo", "--document", "monitoring", "--periode", "najaar"],
            "jaarverslag-2025-enschede": ["--gemeente", "enschede", "--document", "jaarverslag"]}


@pytest.fixture(scope="module")
def rebuilt(committed, tmp_path_factory) -> dict[str, bytes]:
    """Each document built in its own output folder: one build at a time holds a folder."""
    outputs = {stem: tmp_path_factory.mktemp("opnieuw") for stem in REBUILDS}
    env = {**os.environ, "TZ": "Pacific/Kiritimati", "LC_ALL": "C.UTF-8", "PYTHONHASHSEED": "12345"}
    commands = [[sys.executable, str(ROOT / "build.py"), *args, "--format", "docx,pdf,archief,md,html", "--output",
                 str(outputs[stem])] for stem, args in REBUILDS.items()]
    with ThreadPoolExecutor(max_workers=2) as pool:
        for result in pool.map(lambda command: subprocess.run(command, env=env, capture_output=True, text=True),
                               commands):
            assert result.returncode == 0, result.stderr
    return {name: data for output in outputs.values() for name, data in snapshot(output / "2025").items()
            if not name.startswith(".")}


@pytest.mark.parametrize("stem", REBUILDS)
def test_rebuild_in_another_process_and_time_zone_is_byte_identical(committed, rebuilt, stem):
    files = {name: data for name, data in rebuilt.items() if name.split("/")[-1].startswith(stem)}
    assert len(files) == 5, sorted(files)  # .docx, .pdf, -archief.pdf, .md, .html
    for name, data in files.items():
        assert data == (committed / name).read_bytes(), name


def test_docx_zip_has_fixed_timestamps_and_order(enschede):
    with zipfile.ZipFile(enschede["docx"]) as package:
        infos = package.infolist()
    assert infos[0].filename == "[Content_Types].xml"
    assert {info.date_time for info in infos} == {(2000, 1, 1, 0, 0, 0)}
    assert [i.filename for i in infos[1:]] == sorted(i.filename for i in infos[1:])


def test_pdf_dates_come_from_the_data(enschede):
    info = PdfReader(enschede["pdf"]).metadata
    assert info["/CreationDate"] == "D:20241121"  # document.yaml's datum, not the build time
    assert "/ModDate" not in info

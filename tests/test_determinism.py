"""The same sources give byte-identical files, whatever the machine, time zone, locale or day."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile

from pypdf import PdfReader

from conftest import ROOT


def test_rebuild_in_another_process_and_time_zone_is_byte_identical(enschede, tmp_path):
    env = {**os.environ, "TZ": "Pacific/Kiritimati", "LC_ALL": "C.UTF-8", "PYTHONHASHSEED": "12345"}
    subprocess.run([sys.executable, str(ROOT / "build.py"), "--gemeente", "enschede", "--output", str(tmp_path)],
                   check=True, env=env, capture_output=True)
    for fmt, first in enschede.items():
        second = tmp_path / "2025" / "enschede" / first.name
        assert second.read_bytes() == first.read_bytes(), fmt


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

"""Checkers we did not write, as the tests and tools/check_published.py call them: pdfua for
PDF/UA-1 and openxml-audit for the OOXML schema. A plain module (no fixtures), so the tool that
checks every published file in CI uses the same calls as the tests that check a sample."""

from __future__ import annotations

from pathlib import Path

import pdfua
import pdfua.rules.structure
import pikepdf
from openxml_audit import OpenXmlValidator


def as_integer(value):
    """pdfua's as_integer, answering for an array too. pdfua 0.1.3 skips its empty-heading rule
    (UA-14-001) on any PDF whose structure elements have an array as /K, which ISO 32000-1
    Table 323 allows and WeasyPrint always writes: as_integer asks a pikepdf.Array for an
    attribute, and pikepdf raises ValueError, not AttributeError. The fault is pdfua's; with
    this answer (an array is not a number) the rule runs on our files."""
    return None if isinstance(value, pikepdf.Array) else pdfua.document.as_integer(value)


def pdfua_says(path: Path) -> list[str]:
    """Every rule pdfua skipped and every finding, at any severity (picklable: runs in a worker)."""
    pdfua.rules.structure.as_integer = as_integer
    report = pdfua.validate(str(path))
    return ([f"{o.rule_id} niet getoetst: {o.skipped_reason}" for o in report.skipped]
            + [f"{f.rule_id} {f.severity.name} {f.location.describe()}: {f.message}" for f in report.findings])


def ooxml_says(path: Path) -> list[str]:
    """Every error openxml-audit finds against the OOXML schema."""
    result = OpenXmlValidator(max_errors=0).validate(str(path))
    return [f"{error.part_uri} {error.path}: {error.description}" for error in result.errors]

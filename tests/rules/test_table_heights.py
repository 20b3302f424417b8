"""Issue 24: a table of at most 12 rows is never split over two pages, unless it cannot fit on
one; a table whose rows are tall keeps only its first row with its header. Both follow from
the document model's estimate of a table's height (document.TableBlock.height), worked out
here by hand: column widths in characters as a browser's automatic table layout shares them
out, each row as many lines as its longest cell needs in its column, 9,6 pt a line (8,5 in a
wide table), 9,5 pt a row, 11 pt for the table."""

from __future__ import annotations

import pytest

from uvpgen.document import Cell, TableBlock, TableRow, Text

WORDS_33 = " ".join(["woord"] * 33)  # 197 characters
WORDS_50 = " ".join(["woord"] * 50)  # 299 characters
WORDS_60 = " ".join(["woord"] * 60)  # 359 characters
WORDS_130 = " ".join(["woord"] * 130)  # 779 characters


def table(header: list[str], rows: list[list[str]], numeric: list[bool] | None = None, wide: bool = False) -> TableBlock:
    def cells(texts: list[str]) -> tuple[Cell, ...]:
        return tuple(Cell((Text(text),)) for text in texts)
    return TableBlock("t", 1, (Text("Tabel"),), cells(header), tuple(numeric or [False] * len(header)),
                      tuple(TableRow(None, cells(row)) for row in rows), wide=wide)


def test_a_short_table_is_one_line_a_row():
    # Widths: Code 4 (its header), Product 17 ("Vergunning milieu"), Aantal 6 (its header word);
    # 27 characters of the 97 there are, so every cell holds on one line.
    short = table(["Code", "Product", "Aantal"], [["A1", "Vergunning milieu", "12"]], [False, False, True])
    assert short.height == pytest.approx(9.6 + 9.5 + 11)  # 30,1 pt
    assert short.kept_whole and not short.tall_rows


def test_a_long_text_gets_the_width_the_short_column_leaves():
    # Least: Risico 9 ("Personeel"), Omschrijving 12 (its header); most: 9 and 299. Of the 98
    # characters (100 less a column's padding each) 77 are spare and all go to the text, which
    # wants 287 more: 12 + 77 = 89 characters a line, so 299 characters take 4 lines.
    risk = table(["Risico", "Omschrijving"], [["Personeel", WORDS_50]])
    assert risk.height == pytest.approx(9.6 * 4 + 9.5 + 11)  # 58,9 pt
    assert not risk.tall_rows  # 4 lines is not over 8


def test_twelve_rows_that_fit_a_page_are_kept_whole_and_thirteen_are_not():
    fits = table(["Risico", "Omschrijving"], [["Personeel", WORDS_50]] * 12)
    assert fits.height == pytest.approx(9.6 * 48 + 9.5 * 12 + 11)  # 585,8 pt <= 610
    assert fits.kept_whole
    assert not table(["Risico", "Omschrijving"], [["Personeel", "Werving"]] * 13).kept_whole


def test_twelve_rows_taller_than_a_page_are_split():
    # 359 characters in 89 a line: 5 lines a row, 60 in all: 576 + 114 + 11 = 701 pt > 610,
    # so WeasyPrint is not asked to keep the table whole (it would leave the caption alone).
    long = table(["Risico", "Omschrijving"], [["Personeel", WORDS_60]] * 12)
    assert long.height == pytest.approx(9.6 * 60 + 9.5 * 12 + 11)
    assert not long.kept_whole and not long.tall_rows  # 5 lines: three rows still fit at a page's foot


def test_rows_of_more_than_eight_lines_keep_only_the_first_with_the_header():
    # 779 characters in 89 a line: 8,75, so 9 lines a row.
    tall = table(["Risico", "Omschrijving"], [["Personeel", WORDS_130]] * 3)
    assert tall.height == pytest.approx(9.6 * 27 + 9.5 * 3 + 11)
    assert tall.tall_rows and tall.kept_whole
    eight = table(["Risico", "Omschrijving"], [["Personeel", WORDS_130[:712]]])  # 712 / 89 = 8 lines exactly
    assert eight.height == pytest.approx(9.6 * 8 + 9.5 + 11) and not eight.tall_rows


def test_a_wide_table_has_smaller_type_and_more_characters_a_line():
    # 105 - 2 = 103 characters: 9 for Risico, 94 for the text; 299 / 94 -> 4 lines of 8,5 pt.
    wide = table(["Risico", "Omschrijving"], [["Personeel", WORDS_50]], wide=True)
    assert wide.height == pytest.approx(8.5 * 4 + 9.5 + 11)


def test_words_in_a_number_column_wrap_numbers_do_not():
    # 97 characters for three columns. Least: Indicator 10 ("overtreder"), Definitie 9 (its
    # header), 2024 10 ("verdeling,"); most: 15, 197, 24. Spare 97 - 29 = 68, shared 5 : 188 : 14:
    # the definition gets 9 + 68 * 188 / 207 = 70,8 characters a line -> 3 lines of 197.
    indicator = table(["Indicator", "Definitie", "2024"],
                      [["Type overtreder", WORDS_33, "verdeling, zie hieronder"]], [False, False, True])
    assert indicator.height == pytest.approx(9.6 * 3 + 9.5 + 11)
    # An amount of the same 24 characters never wraps: least 24, spare 97 - 43 = 54, shared
    # 5 : 188 : 0: 9 + 54 * 188 / 193 = 61,6 characters a line -> 4 lines.
    amount = table(["Indicator", "Definitie", "2024"], [["Type overtreder", WORDS_33, "1.234.567.890.123.456,78"]],
                   [False, False, True])
    assert amount.height == pytest.approx(9.6 * 4 + 9.5 + 11)

"""Files that open right: one CSV writer (UTF-8 with BOM) and one XLSX writer (typed cells),
and only text that a spreadsheet would run is neutralised."""

import csv
import datetime as dt
import io
import pathlib
from decimal import Decimal

import pandas as pd
from openpyxl import load_workbook

from tandem.spreadsheets import csv_bytes, sheet_name, xlsx_bytes

TANDEM = pathlib.Path(__file__).resolve().parents[1]
ROWS = [
    ["Name", "Started on", "Decided at", "Conversations", "Score", "Change"],
    ["St Mary’s C of E Académie", dt.date(2025, 9, 1), dt.datetime(2025, 9, 2, 14, 30), 3, 2.5, -4],  # noqa: DTZ001,
    ['=HYPERLINK("http://evil.example")', None, None, 0, Decimal("1.25"), "-4 points"],
]


def test_every_csv_is_utf8_with_a_byte_order_mark_so_excel_reads_it():
    content = csv_bytes(ROWS)
    assert content.startswith(b"\xef\xbb\xbf")
    frame = pd.read_csv(io.BytesIO(content), encoding="utf-8-sig")
    assert frame.columns[0] == "Name"
    assert frame.iloc[0]["Name"] == "St Mary’s C of E Académie"


def test_csv_neutralises_formula_text_but_not_numbers_or_dates():
    rows = list(csv.reader(io.StringIO(csv_bytes(ROWS).decode("utf-8-sig"))))
    assert rows[1][1:] == ["2025-09-01", "2025-09-02 14:30:00", "3", "2.5", "-4"]
    assert rows[2][0] == '\'=HYPERLINK("http://evil.example")'
    assert rows[2][5] == "'-4 points"  # text starting with - is still neutralised
    assert rows[2][1] == ""


def test_xlsx_cells_are_typed_and_formula_text_is_stored_as_text():
    sheet = load_workbook(io.BytesIO(xlsx_bytes([("People", ROWS)]))).active
    name, started, decided, num, score, change = (cell for cell in sheet[2])
    assert name.value == "St Mary’s C of E Académie"
    assert started.is_date
    assert started.value == dt.datetime(2025, 9, 1)  # noqa: DTZ001 - Excel has no zones
    assert decided.is_date
    assert decided.value == dt.datetime(2025, 9, 2, 14, 30)  # noqa: DTZ001
    assert (num.data_type, num.value) == ("n", 3)
    assert (score.data_type, score.value) == ("n", 2.5)
    assert (change.data_type, change.value) == ("n", -4)  # a negative number is not a formula
    formula = sheet.cell(3, 1)
    # Shown exactly as typed (no visible '), stored as text, with Excel's hidden quote prefix.
    assert formula.value == '=HYPERLINK("http://evil.example")'
    assert formula.data_type == "s"
    assert formula.quotePrefix is True
    assert sheet.cell(3, 6).quotePrefix is True  # "-4 points" would start a formula
    assert sheet.cell(2, 1).quotePrefix is False  # plain text is left alone


def test_pandas_reads_dates_and_numbers_with_their_types():
    frame = pd.read_excel(io.BytesIO(xlsx_bytes([("People", ROWS)])))
    assert pd.api.types.is_datetime64_any_dtype(frame["Started on"])
    assert pd.api.types.is_numeric_dtype(frame["Conversations"])
    assert frame["Change"].iloc[0] == -4


def test_a_time_zone_aware_datetime_is_written_as_its_wall_clock_time():
    aware = dt.datetime(2025, 9, 2, 14, 30, tzinfo=dt.UTC)
    sheet = load_workbook(io.BytesIO(xlsx_bytes([("x", [[aware]])]))).active
    assert sheet.cell(1, 1).value == dt.datetime(2025, 9, 2, 14, 30)  # noqa: DTZ001


def test_sheet_names_are_ones_excel_accepts_and_unique():
    taken: set[str] = set()
    assert sheet_name("Results: how/why?", taken) == "Results  how why"
    long = "How confident do you feel about leading learning conversations?"
    first = sheet_name(long, taken)
    second = sheet_name(long, taken)
    assert len(first) <= 31
    assert len(second) <= 31
    assert first != second


def test_no_module_writes_csv_or_xlsx_except_the_shared_writer():
    """Every export goes through tandem.spreadsheets, so none can forget the BOM, the typed
    cells or the neutralising."""
    writers = []
    for path in TANDEM.rglob("*.py"):
        if "tests" in path.parts or path.name == "spreadsheets.py":
            continue
        text = path.read_text()
        if "csv.writer" in text or "csv.DictWriter" in text or "Workbook(" in text:
            writers.append(str(path.relative_to(TANDEM)))
    assert writers == []

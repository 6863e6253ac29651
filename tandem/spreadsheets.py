"""Shared by every CSV and XLSX export: one writer for each format, and the neutralising of
spreadsheet formula injection.

Spreadsheets run a cell that starts with = + - @ (or a tab or carriage return that hides
one) as a formula, so a name like `=HYPERLINK(...)` typed into Tandem could act on the
computer of whoever opens an export. Every exported text cell goes through `neutralise`
(CSV) or is stored as text with the hidden quote prefix (XLSX); numbers and dates are not
text and are written as they are.

Every CSV is UTF-8 with a byte-order mark: without it Excel on Windows reads the file as
Windows-1252 and shows "St Mary’s" as "St Maryâ€™s". Every XLSX writes typed cells, so a
date sorts as a date and a number adds up.
"""

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# A sheet name may not hold these, and is at most 31 characters (Excel's rules).
SHEET_NAME_FORBIDDEN = str.maketrans(dict.fromkeys("[]:*?/\\", " "))

Row = Sequence[object]
NUMBERS = (int, float, Decimal)  # bool is an int too, and is written as a boolean


def neutralise(value: object) -> str:
    """The cell's text, prefixed with a single quote if a spreadsheet would run it."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def is_formula_like(value: object) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def csv_cell(value: object) -> str:
    """A CSV cell: numbers and dates as written (a negative number is not a formula), and
    only text that a spreadsheet would run is given the quote prefix."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, NUMBERS):
        return str(value)
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat(sep=" ") if isinstance(value, dt.datetime) else value.isoformat()
    return neutralise(value)


def csv_bytes(rows: Iterable[Row]) -> bytes:
    """The rows as a CSV file in UTF-8 with a byte-order mark, so Excel reads it right."""
    text = io.StringIO()
    text.write(BOM)
    writer = csv.writer(text)
    for row in rows:
        writer.writerow([csv_cell(value) for value in row])
    return text.getvalue().encode("utf-8")


def _xlsx_cell(sheet: WriteOnlyWorksheet, value: object) -> object:
    """Numbers as numbers and dates as dates (Excel has no time zones: callers pass local
    time); text as text, and text a spreadsheet would run is stored as text with the quote
    prefix Excel itself uses, which is hidden rather than a visible '."""
    if value is None or isinstance(value, (bool, *NUMBERS)):
        return value
    if isinstance(value, dt.date):
        if isinstance(value, dt.datetime) and value.tzinfo is not None:
            value = value.replace(tzinfo=None)
        cell = WriteOnlyCell(sheet, value=value)
        is_datetime = isinstance(value, dt.datetime)
        cell.number_format = "yyyy-mm-dd hh:mm" if is_datetime else "yyyy-mm-dd"
        return cell
    text = str(value)
    if not is_formula_like(text):
        return text
    cell = WriteOnlyCell(sheet, value=text)
    cell.data_type = "s"  # openpyxl would otherwise store "=…" as a formula
    cell.quotePrefix = True
    return cell


def sheet_name(title: str, taken: set[str]) -> str:
    """A sheet name Excel accepts: no [ ] : * ? / \\, at most 31 characters, unique."""
    base = (title.translate(SHEET_NAME_FORBIDDEN).strip() or "Sheet")[:31]
    name, number = base, 2
    while name.lower() in taken:
        suffix = f" ({number})"
        name, number = base[: 31 - len(suffix)] + suffix, number + 1
    taken.add(name.lower())
    return name


def xlsx_bytes(sheets: Iterable[tuple[str, Iterable[Row]]]) -> bytes:
    """A workbook with one sheet per (title, rows), every cell typed."""
    workbook = Workbook(write_only=True)
    taken: set[str] = set()
    for title, rows in sheets:
        sheet = workbook.create_sheet(title=sheet_name(title, taken))
        for row in rows:
            sheet.append([_xlsx_cell(sheet, value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()

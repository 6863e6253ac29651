"""Reads CSV and XLSX files into a heading row and text cells, with clear errors. Rows are
streamed from the file, so a large import never holds the whole file in memory."""

import codecs
import csv
import datetime as dt
import io
import zipfile
from collections.abc import Iterator
from typing import IO

from openpyxl import load_workbook


class ImportFileError(Exception):
    """The file cannot be read at all (not a row-level problem)."""


NOT_UTF8 = (
    "The file is not UTF-8 text. In Excel choose Save As → “CSV UTF-8 (comma "
    "delimited)”, or upload the .xlsx file instead."
)


def iter_table(handle: IO[bytes], file_name: str) -> tuple[list[str], Iterator[list[str]]]:
    """The headings of the first sheet, and its data rows one at a time (blank rows
    skipped), every cell as stripped text. `handle` must stay open while rows are read."""
    raw = _iter_xlsx(handle) if file_name.lower().endswith(".xlsx") else _iter_csv(handle)
    rows = (row for row in raw if any(cell.strip() for cell in row))
    first = next(rows, None)
    if first is None:
        message = "The file is empty: it needs a heading row and at least one person."
        raise ImportFileError(message)
    headers = [cell.strip() for cell in first]
    if not any(headers):
        message = "The first row must hold column headings (for example Email, Full name)."
        raise ImportFileError(message)
    seen: set[str] = set()
    for heading in headers:
        if heading and heading.lower() in seen:
            message = f"The heading “{heading}” appears twice: give each column its own heading."
            raise ImportFileError(message)
        seen.add(heading.lower())
    width = len(headers)
    padding = [""] * width
    body = ([cell.strip() for cell in (row + padding)[:width]] for row in rows)
    return headers, body


def _iter_csv(handle: IO[bytes]) -> Iterator[list[str]]:
    start = handle.read(16384)
    handle.seek(0)
    try:
        # An incremental decoder, so a multi-byte character cut at the end is not an error.
        sample = codecs.getincrementaldecoder("utf-8-sig")().decode(start)
    except UnicodeDecodeError as error:
        raise ImportFileError(NOT_UTF8) from error
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(
            sample[:4096], delimiters=",;\t"
        )
    except csv.Error:
        dialect = csv.excel
    text = io.TextIOWrapper(handle, encoding="utf-8-sig", newline="")
    try:
        yield from csv.reader(text, dialect)
    except UnicodeDecodeError as error:
        raise ImportFileError(NOT_UTF8) from error
    finally:
        text.detach()


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _iter_xlsx(handle: IO[bytes]) -> Iterator[list[str]]:
    try:
        workbook = load_workbook(handle, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        message = "The file is not a readable Excel workbook (.xlsx)."
        raise ImportFileError(message) from error
    try:
        for row in workbook.worksheets[0].iter_rows(values_only=True):
            yield [_cell(value) for value in row]
    finally:
        workbook.close()


def parse_date(text: str) -> dt.date | None:
    """ISO (2025-09-01) or British (01/09/2025) dates; None if blank; ValueError if bad."""
    if not text:
        return None
    for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(text, pattern).date()  # noqa: DTZ007 - a date, no time
        except ValueError:
            continue
    message = f"“{text}” is not a date: write it as 2025-09-01 or 01/09/2025."
    raise ValueError(message)

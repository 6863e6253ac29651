"""Reads CSV and XLSX files into a heading row and text cells, with clear errors."""

import csv
import datetime as dt
import io
import zipfile

from openpyxl import load_workbook


class ImportFileError(Exception):
    """The file cannot be read at all (not a row-level problem)."""


def read_table(content: bytes, file_name: str) -> tuple[list[str], list[list[str]]]:
    """The headings and data rows of the first sheet; every cell as stripped text."""
    rows = _read_xlsx(content) if file_name.lower().endswith(".xlsx") else _read_csv(content)
    rows = [row for row in rows if any(cell.strip() for cell in row)]
    if not rows:
        message = "The file is empty: it needs a heading row and at least one person."
        raise ImportFileError(message)
    headers = [cell.strip() for cell in rows[0]]
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
    body = [[cell.strip() for cell in (row + [""] * width)[:width]] for row in rows[1:]]
    return headers, body


def _read_csv(content: bytes) -> list[list[str]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        message = (
            "The file is not UTF-8 text. In Excel choose Save As → “CSV UTF-8 (comma "
            "delimited)”, or upload the .xlsx file instead."
        )
        raise ImportFileError(message) from error
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return list(csv.reader(io.StringIO(text), dialect))


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


def _read_xlsx(content: bytes) -> list[list[str]]:
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        message = "The file is not a readable Excel workbook (.xlsx)."
        raise ImportFileError(message) from error
    sheet = workbook.worksheets[0]
    rows = [[_cell(value) for value in row] for row in sheet.iter_rows(values_only=True)]
    workbook.close()
    return rows


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

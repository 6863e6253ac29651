"""Reads CSV and XLSX files into a heading row and text cells, with clear errors. Rows are
streamed from the file, so a large import never holds the whole file in memory.

Files exported from school systems are read as they come: the text encoding is detected
(UTF-8, or Excel's usual Windows-1252 for a UK "CSV (comma delimited)" file), the delimiter
is sniffed (commas, semicolons, tabs), and a title or blank rows above the headings are
skipped by finding the row that holds the most headings Tandem knows."""

import codecs
import csv
import datetime as dt
import io
import zipfile
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import chain, islice
from typing import IO

from charset_normalizer import from_bytes
from openpyxl import load_workbook

from tandem.imports.columns import known_heading


class ImportFileError(Exception):
    """The file cannot be read at all (not a row-level problem)."""


UNREADABLE_TEXT = (
    "Tandem could not tell how the text in this file is written. In Excel choose Save As → "
    "“CSV UTF-8 (comma delimited)”, or upload the .xlsx file instead."
)
# Headings are looked for in this many non-blank rows at the top of the file.
HEADING_SEARCH_ROWS = 20
# A row is taken for the headings when it holds at least this many known ones (one could
# be a title that happens to read "Staff").
MIN_HEADINGS = 2
DELIMITERS = ",;\t|"
ENCODING_NAMES = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8",
    "cp1252": "Windows-1252 (Excel’s usual CSV)",
    "latin-1": "Latin-1",
    "utf-16": "UTF-16 (Excel’s Unicode text)",
    "iso8859-15": "Latin-9 (ISO 8859-15)",
    "mac-roman": "Mac Roman",
    "cp850": "DOS Latin-1 (code page 850)",
}
DELIMITER_NAMES = {",": "commas", ";": "semicolons", "\t": "tabs", "|": "vertical bars"}
CHUNK_BYTES = 65536
# The single-byte encodings spreadsheets written in the UK and Europe use; left open,
# detection on a short file often picks a Central European code page for "é" or "’".
LIKELY_ENCODINGS = ["cp1252", "iso8859_15", "mac_roman", "cp850"]


@dataclass
class Table:
    """A file's headings and data rows, and how it was read (shown on the import page)."""

    headers: list[str]
    rows: Iterator[list[str]]
    heading_row: int  # the file's row number holding the headings (1 is the first)
    skipped: list[str]  # text of the non-blank rows above the headings (a title, say)
    encoding: str = ""  # Python codec name; blank for a workbook
    delimiter: str = ""

    @property
    def first_row(self) -> int:
        return self.heading_row + 1


def describe_encoding(encoding: str) -> str:
    return ENCODING_NAMES.get(encoding, encoding.upper())


def describe_delimiter(delimiter: str) -> str:
    return DELIMITER_NAMES.get(delimiter, f"“{delimiter}”")


def read_table(
    handle: IO[bytes],
    file_name: str,
    *,
    heading_row: int | None = None,
    encoding: str = "",
) -> Table:
    """The headings and data rows (blank rows skipped), every cell as stripped text.
    `heading_row` (1-based) overrides the search for headings; `encoding` skips detecting
    it. `handle` must stay open while rows are read."""
    delimiter = ""
    if file_name.lower().endswith(".xlsx"):
        raw: Iterator[list[str]] = _iter_xlsx(handle)
    else:
        encoding = encoding or detect_encoding(handle)
        delimiter, raw = _iter_csv(handle, encoding)
    numbered = ((number, row) for number, row in enumerate(raw, start=1))
    rows = ((number, row) for number, row in numbered if any(cell.strip() for cell in row))
    top = list(islice(rows, HEADING_SEARCH_ROWS))
    if not top:
        message = "The file is empty: it needs a heading row and at least one person."
        raise ImportFileError(message)
    position = _heading_position(top, heading_row)
    number, first = top[position]
    headers = [cell.strip() for cell in first]
    if not any(headers):
        message = "The heading row must hold column headings (for example Email, Full name)."
        raise ImportFileError(message)
    seen: set[str] = set()
    for heading in headers:
        if heading and heading.lower() in seen:
            message = f"The heading “{heading}” appears twice: give each column its own heading."
            raise ImportFileError(message)
        seen.add(heading.lower())
    skipped = [" ".join(cell.strip() for cell in row if cell.strip()) for _n, row in top[:position]]
    width = len(headers)
    padding = [""] * width
    rest = chain(top[position + 1 :], rows)
    body = ([cell.strip() for cell in (row + padding)[:width]] for _n, row in rest)
    return Table(headers, body, number, skipped, encoding, delimiter)


def iter_table(handle: IO[bytes], file_name: str) -> tuple[list[str], Iterator[list[str]]]:
    """The headings and data rows of a file; see read_table."""
    table = read_table(handle, file_name)
    return table.headers, table.rows


def _heading_position(top: list[tuple[int, list[str]]], heading_row: int | None) -> int:
    """Where in `top` the headings are: the row asked for, else the first row with the
    most known headings (a title row above them holds none), else the first row."""
    if heading_row is not None:
        for position, (number, _row) in enumerate(top):
            if number >= heading_row:
                return position
        message = f"Row {heading_row} is blank or beyond the first rows of the file."
        raise ImportFileError(message)
    scores = [sum(known_heading(cell) for cell in row) for _number, row in top]
    best = max(scores)
    return scores.index(best) if best >= MIN_HEADINGS else 0


def detect_encoding(handle: IO[bytes]) -> str:
    """UTF-8 if every byte of the file is valid UTF-8 (checked in chunks, never holding the
    file); otherwise what charset-normalizer makes of the start and the first bad chunk."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    start = handle.read(CHUNK_BYTES)
    if start.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # Excel's "Unicode text" export.
        handle.seek(0)
        return "utf-16"
    chunk = start
    try:
        while chunk:
            decoder.decode(chunk)
            chunk = handle.read(CHUNK_BYTES)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        sample = start + (chunk if chunk is not start else b"")
        guess = from_bytes(sample, cp_isolation=LIKELY_ENCODINGS).best()
        encoding = _codec(guess.encoding) if guess else ""
        if not encoding or encoding.startswith("utf"):
            # A UK spreadsheet that is not UTF-8 is almost always Windows-1252.
            encoding = "cp1252"
    else:
        encoding = "utf-8-sig" if start.startswith(codecs.BOM_UTF8) else "utf-8"
    finally:
        handle.seek(0)
    return encoding


def _codec(name: str) -> str:
    try:
        canonical = codecs.lookup(name).name
    except LookupError:
        return ""
    # Windows-1252 is a superset of Latin-1's printable characters, and what Excel writes.
    return "cp1252" if canonical in {"iso8859-1", "latin-1"} else canonical


def _sniff_delimiter(lines: list[str]) -> str:
    """The delimiter that splits most of the first lines into the same number (> 1) of
    cells; commas if none does."""
    best, best_score = ",", 0
    for delimiter in DELIMITERS:
        widths = Counter(len(row) for row in csv.reader(lines, delimiter=delimiter) if len(row) > 1)
        score = widths.most_common(1)[0][1] if widths else 0
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _iter_csv(handle: IO[bytes], encoding: str) -> tuple[str, Iterator[list[str]]]:
    text = io.TextIOWrapper(handle, encoding=encoding, errors="replace", newline="")
    lines = list(islice(text, 30))
    delimiter = _sniff_delimiter(lines)

    def rows() -> Iterator[list[str]]:
        try:
            yield from csv.reader(chain(lines, text), delimiter=delimiter)
        except UnicodeDecodeError as error:
            raise ImportFileError(UNREADABLE_TEXT) from error
        except csv.Error as error:
            message = f"The file is not a readable CSV file ({error})."
            raise ImportFileError(message) from error
        finally:
            text.detach()

    return delimiter, rows()


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
    patterns = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%y", "%d %b %Y", "%d %B %Y")
    for pattern in patterns:
        try:
            return dt.datetime.strptime(text, pattern).date()  # noqa: DTZ007 - a date, no time
        except ValueError:
            continue
    message = f"“{text}” is not a date: write it as 2025-09-01 or 01/09/2025."
    raise ValueError(message)


def profile_columns(headers: list[str], rows: Iterable[list[str]], *, limit: int = 40) -> dict:
    """Per heading: how many cells are filled, how many look like “Surname, Forename”, and
    its distinct values (None once there are more than `limit`, so memory stays bounded).
    Returns the profile and the number of rows."""
    filled = [0] * len(headers)
    commas = [0] * len(headers)
    values: list[set[str] | None] = [set() for _heading in headers]
    total = 0
    for row in rows:
        total += 1
        for position, cell in enumerate(row):
            if not cell:
                continue
            filled[position] += 1
            if cell.count(",") == 1 and not cell.replace(",", "").replace(" ", "").isdigit():
                commas[position] += 1
            seen = values[position]
            if seen is not None:
                seen.add(cell)
                if len(seen) > limit:
                    values[position] = None
    profile = {
        heading: {
            "filled": filled[position],
            "commas": commas[position],
            "values": sorted(values[position]) if values[position] is not None else None,  # type: ignore[arg-type]
        }
        for position, heading in enumerate(headers)
        if heading
    }
    return {"columns": profile, "total": total}

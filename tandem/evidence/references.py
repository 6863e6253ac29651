"""Reading and writing reference files: a pasted list of DOIs, BibTeX and RIS.

Parsing is done by the maintained parsers (bibtexparser 1.x, rispy); this module splits a
file into its entries first, so that each entry is read on its own and one bad entry is
refused with its line number and reason instead of silently swallowing its neighbours.
Nothing here touches the network: a DOI is stored as written (normalised), never resolved.
Plain Python, no Django: the services decide what is a duplicate and what is added.
"""

import re
import unicodedata
from dataclasses import dataclass, field

import bibtexparser
import rispy
from bibtexparser.bibdatabase import BibDatabase
from bibtexparser.bparser import BibTexParser
from bibtexparser.bwriter import BibTexWriter
from bibtexparser.customization import convert_to_unicode

MAX_BYTES = 2_000_000  # about 5,000 typical references: larger files are split first
MAX_ENTRIES = 2_000
FIELDS = [
    "source_type",
    "title",
    "authors",
    "year",
    "venue",
    "volume",
    "issue",
    "pages",
    "publisher",
    "doi",
    "url",
    "abstract",
    "keywords",
]
DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)
DOI_LABEL = re.compile(r"\bdoi:\s*", re.IGNORECASE)
DOI_PATTERN = re.compile(r"^10\.\d{4,9}/\S+$")
YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d|21\d\d)\b")
# A UTF-8 multibyte sequence: its presence beside invalid bytes means mixed encodings.
UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)


class ReadError(Exception):
    """The whole file cannot be read; the message says why and what to do."""


@dataclass
class Entry:
    line: int  # where the entry starts in the file (1-based)
    fields: dict[str, object] = field(default_factory=dict)


@dataclass
class Refusal:
    line: int
    title: str
    reason: str


@dataclass
class Reading:
    entries: list[Entry] = field(default_factory=list)
    refused: list[Refusal] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def normalise_doi(text: str) -> str:
    """'https://doi.org/10.1080/ABC' → '10.1080/abc' (DOIs are case-insensitive)."""
    return DOI_PREFIX.sub("", text.strip()).strip().rstrip(".").lower()


def is_doi(text: str) -> bool:
    return bool(DOI_PATTERN.match(text))


def title_key(title: str) -> str:
    """The title folded for duplicate checks: no accents, case, punctuation or extra spaces."""
    decomposed = unicodedata.normalize("NFKD", title)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(re.sub(r"[\W_]+", " ", plain.casefold()).split())[:500]


def parse_year(text: object) -> int | None:
    match = YEAR.search(str(text or ""))
    return int(match.group(1)) if match else None


def decode(data: bytes) -> tuple[str, list[str]]:
    """The file's text, and any note about how it was read. UTF-8 (with or without a
    byte-order mark) and UTF-16 with a mark are read as they are; a file wholly in
    Windows-1252 (older reference managers on Windows) is read as that, with a note."""
    if len(data) > MAX_BYTES:
        message = (
            f"The file is {len(data) / 1_000_000:.1f} MB; the most Tandem reads at once is "
            f"{MAX_BYTES // 1_000_000} MB. Split it into smaller files and import each."
        )
        raise ReadError(message)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return _not_empty(data.decode("utf-16")), []
        except UnicodeDecodeError as error:
            message = "The file says it is UTF-16 but is not. Save it as UTF-8 and try again."
            raise ReadError(message) from error
    if b"\x00" in data:
        message = "This is not a text file. Export the references as BibTeX (.bib) or RIS (.ris)."
        raise ReadError(message)
    try:
        return _not_empty(data.decode("utf-8-sig")), []
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        if UTF8_SEQUENCE.search(data):
            message = (
                f"The file mixes text encodings: line {line} is not UTF-8, but other lines "
                "are. Save the whole file as UTF-8 in your reference manager and try again."
            )
            raise ReadError(message) from error
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as error:
        message = "The file's text encoding is not one Tandem can read. Save it as UTF-8."
        raise ReadError(message) from error
    note = (
        "The file was not UTF-8, so it was read as Windows-1252 (Western European). "
        "Check that accented letters look right below before adding."
    )
    return _not_empty(text), [note]


def _not_empty(text: str) -> str:
    if not text.strip():
        message = "The file is empty. Choose the file your reference manager exported."
        raise ReadError(message)
    return text


def _too_many(count: int) -> None:
    if count > MAX_ENTRIES:
        message = (
            f"The file holds {count:,} entries; Tandem adds at most {MAX_ENTRIES:,} at once. "
            "Split it into smaller files."
        )
        raise ReadError(message)


# DOIs ----------------------------------------------------------------------------------


def read_dois(text: str) -> Reading:
    """One DOI a line (commas and spaces also separate them); each becomes a source with
    only its DOI, for a reviewer to complete."""
    reading = Reading()
    if not text.strip():
        message = "Paste at least one DOI, one a line."
        raise ReadError(message)
    items = [
        (number, item)
        for number, line in enumerate(text.splitlines(), start=1)
        for item in re.split(r"[\s,;]+", DOI_LABEL.sub("", line).strip())
        if item
    ]
    _too_many(len(items))
    for number, item in items:
        doi = normalise_doi(item)
        if is_doi(doi):
            reading.entries.append(Entry(number, _blank_fields(doi=doi)))
        else:
            reason = "This is not a DOI: a DOI starts 10. then a slash, e.g. 10.1080/1363243."
            reading.refused.append(Refusal(number, item[:200], reason))
    return reading


def _blank_fields(**values: object) -> dict[str, object]:
    fields: dict[str, object] = dict.fromkeys(FIELDS, "")
    fields["year"] = None
    fields["source_type"] = "other"
    fields.update(values)
    return fields


# BibTeX --------------------------------------------------------------------------------

BIBTEX_START = re.compile(r"^\s*@\s*([A-Za-z]+)\s*[{(]")
BIBTEX_TYPES = {
    "article": "article",
    "book": "book",
    "booklet": "book",
    "inbook": "chapter",
    "incollection": "chapter",
    "techreport": "report",
    "report": "report",
    "inproceedings": "conference",
    "conference": "conference",
    "proceedings": "conference",
    "phdthesis": "thesis",
    "mastersthesis": "thesis",
    "thesis": "thesis",
    "online": "web",
    "electronic": "web",
    "www": "web",
}


def _brace_problem(chunk: str) -> str:
    depth = 0
    previous = ""
    for char in chunk:
        if previous != "\\":
            if char == "{":
                depth += 1
            elif char == "}":
                depth -= 1
                if depth < 0:
                    return "A closing brace } comes before its opening brace {."
        previous = char
    if depth > 0:
        return "The braces { } do not balance: a closing brace } is missing."
    return ""


def _bibtex_title(chunk: str) -> str:
    match = re.search(r"title\s*=\s*[{\"](.{0,200})", chunk, re.IGNORECASE)
    return match.group(1).split("}")[0].strip("{ ") if match else ""


def read_bibtex(text: str) -> Reading:
    reading = Reading()
    lines = text.splitlines()
    starts = [number for number, line in enumerate(lines) if BIBTEX_START.match(line)]
    if not starts:
        message = "No BibTeX entries found: each entry starts with @ and its type, e.g. @article{."
        raise ReadError(message)
    chunks = [
        (start + 1, "\n".join(lines[start:end]))
        for start, end in zip(starts, [*starts[1:], len(lines)], strict=True)
    ]
    strings = "\n".join(
        chunk
        for _line, chunk in chunks
        if BIBTEX_START.match(chunk)[1].lower() == "string"  # type: ignore[index]
    )
    references = [
        (line, chunk)
        for line, chunk in chunks
        if BIBTEX_START.match(chunk)[1].lower() not in {"string", "comment", "preamble"}  # type: ignore[index]
    ]
    _too_many(len(references))
    for line, chunk in references:
        problem = _brace_problem(chunk)
        if problem:
            reading.refused.append(Refusal(line, _bibtex_title(chunk), problem))
            continue
        parser = BibTexParser(common_strings=True, ignore_nonstandard_types=False)
        parser.customization = convert_to_unicode
        try:
            parsed = bibtexparser.loads(f"{strings}\n{chunk}", parser=parser).entries
        except Exception:  # noqa: BLE001 - the parser raises many kinds; the entry is refused
            parsed = []
        if len(parsed) != 1:
            reason = "Tandem could not read this entry: check for a missing comma or quote."
            reading.refused.append(Refusal(line, _bibtex_title(chunk), reason))
            continue
        _add(reading, line, _from_bibtex(parsed[0]))
    return reading


def _clean(value: object) -> str:
    text = str(value or "").replace("{", "").replace("}", "")
    return " ".join(text.split())


def _from_bibtex(entry: dict[str, str]) -> dict[str, object]:
    authors = re.split(r"\s+and\s+", entry.get("author", "") or entry.get("editor", ""))
    keywords = re.split(r"[,;]\s*", entry.get("keywords", ""))
    return _blank_fields(
        source_type=BIBTEX_TYPES.get(entry.get("ENTRYTYPE", "").lower(), "other"),
        title=_clean(entry.get("title")),
        authors="\n".join(_clean(author) for author in authors if author.strip()),
        year=parse_year(entry.get("year") or entry.get("date")),
        venue=_clean(entry.get("journal") or entry.get("journaltitle") or entry.get("booktitle")),
        volume=_clean(entry.get("volume")),
        issue=_clean(entry.get("number") or entry.get("issue")),
        pages=_clean(entry.get("pages")).replace("--", "-"),
        publisher=_clean(entry.get("publisher") or entry.get("institution") or entry.get("school")),
        doi=normalise_doi(_clean(entry.get("doi"))),
        url=_clean(entry.get("url")),
        abstract=_clean(entry.get("abstract")),
        keywords="\n".join(_clean(word) for word in keywords if word.strip()),
    )


def _add(reading: Reading, line: int, fields: dict[str, object]) -> None:
    title = str(fields["title"])
    doi = str(fields["doi"])
    if doi and not is_doi(doi):
        reason = f"The DOI '{doi[:60]}' is not a DOI (it should start 10. then a slash)."
        reading.refused.append(Refusal(line, title[:200], reason))
    elif not title and not doi:
        reason = "The entry has neither a title nor a DOI, so it cannot be found again."
        reading.refused.append(Refusal(line, "", reason))
    else:
        fields["title"] = title[:500]
        fields["url"] = str(fields["url"]) if str(fields["url"]).startswith("http") else ""
        reading.entries.append(Entry(line, fields))


# RIS -----------------------------------------------------------------------------------

RIS_TAG = re.compile(r"^([A-Z][A-Z0-9])  -(?: (.*))?$")
RIS_TYPES = {
    "JOUR": "article",
    "JFULL": "article",
    "MGZN": "article",
    "BOOK": "book",
    "EBOOK": "book",
    "CHAP": "chapter",
    "ECHAP": "chapter",
    "RPRT": "report",
    "GOVDOC": "report",
    "CONF": "conference",
    "CPAPER": "conference",
    "THES": "thesis",
    "ELEC": "web",
    "WEB": "web",
}


def read_ris(text: str) -> Reading:
    reading = Reading()
    records: list[tuple[int, list[str]]] = []
    current: list[str] | None = None
    start = 0
    if not re.search(r"^TY  -", text, re.MULTILINE):
        message = "No RIS entries found: each entry starts with TY  - and ends with ER  - ."
        raise ReadError(message)
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip()
        match = RIS_TAG.match(line)
        tag = match.group(1) if match else ""
        if tag == "TY":
            if current is not None:
                reason = "The entry has no end line (ER  - ) before the next entry starts."
                reading.refused.append(Refusal(start, _ris_title(current), reason))
            current, start = [line], number
        elif current is None:
            if line.strip():
                reason = "This line is outside any entry: each entry starts with TY  - ."
                reading.refused.append(Refusal(number, line[:80], reason))
        else:
            current.append(line)
            if tag == "ER":
                records.append((start, current))
                current = None
    if current is not None:
        reason = "The entry has no end line (ER  - ): the file may have been cut short."
        reading.refused.append(Refusal(start, _ris_title(current), reason))
    _too_many(len(records))
    for first_line, record in records:
        try:
            (parsed,) = rispy.loads("\n".join(record) + "\n")
        except Exception:  # noqa: BLE001 - rispy raises several kinds; the entry is refused
            reason = (
                "Tandem could not read this entry: check its tags "
                "(two capitals, two spaces, a dash)."
            )
            reading.refused.append(Refusal(first_line, _ris_title(record), reason))
            continue
        _add(reading, first_line, _from_ris(parsed))
    return reading


def _ris_title(record: list[str]) -> str:
    for line in record:
        match = RIS_TAG.match(line)
        if match and match.group(1) in {"TI", "T1"}:
            return (match.group(2) or "")[:200]
    return ""


def _first(entry: dict, *keys: str) -> str:
    for key in keys:
        value = entry.get(key)
        if isinstance(value, list):
            value = value[0] if value else ""
        if value:
            return _clean(value)
    return ""


def _from_ris(entry: dict) -> dict[str, object]:
    authors = [*entry.get("authors", []), *entry.get("first_authors", [])]
    pages = "-".join(
        page for page in (_first(entry, "start_page"), _first(entry, "end_page")) if page
    )
    return _blank_fields(
        source_type=RIS_TYPES.get(str(entry.get("type_of_reference", "")).upper(), "other"),
        title=_first(entry, "title", "primary_title"),
        authors="\n".join(dict.fromkeys(_clean(author) for author in authors if author)),
        year=parse_year(_first(entry, "year", "publication_year", "date")),
        venue=_first(
            entry, "journal_name", "secondary_title", "alternate_title3", "alternate_title1"
        ),
        volume=_first(entry, "volume"),
        issue=_first(entry, "number"),
        pages=pages,
        publisher=_first(entry, "publisher"),
        doi=normalise_doi(_first(entry, "doi")),
        url=_first(entry, "urls"),
        abstract=_first(entry, "abstract", "notes_abstract"),
        keywords="\n".join(_clean(word) for word in entry.get("keywords", []) if word),
    )


def read(file_format: str, data: bytes | str) -> Reading:
    """Read a pasted list of DOIs ("doi"), or a BibTeX or RIS file's bytes."""
    if file_format == "doi":
        return read_dois(data if isinstance(data, str) else decode(data)[0])
    text, notes = decode(data) if isinstance(data, bytes) else (_not_empty(data), [])
    reading = read_bibtex(text) if file_format == "bibtex" else read_ris(text)
    reading.notes = notes + reading.notes
    return reading


# Export --------------------------------------------------------------------------------

BIBTEX_FOR_TYPE = {
    "article": "article",
    "book": "book",
    "chapter": "incollection",
    "report": "techreport",
    "conference": "inproceedings",
    "thesis": "phdthesis",
    "web": "online",
    "other": "misc",
}
RIS_FOR_TYPE = {
    "article": "JOUR",
    "book": "BOOK",
    "chapter": "CHAP",
    "report": "RPRT",
    "conference": "CONF",
    "thesis": "THES",
    "web": "ELEC",
    "other": "GEN",
}
VENUE_FIELD = {"article": "journal", "chapter": "booktitle", "conference": "booktitle"}


def _lines(value: object) -> list[str]:
    return [line.strip() for line in str(value or "").splitlines() if line.strip()]


def write_bibtex(references: list[dict[str, object]]) -> str:
    """BibTeX for the given sources' fields (as `FIELDS`, plus "key")."""
    database = BibDatabase()
    for reference in references:
        source_type = str(reference["source_type"])
        entry = {
            "ENTRYTYPE": BIBTEX_FOR_TYPE.get(source_type, "misc"),
            "ID": str(reference["key"]),
            "title": reference["title"],
            "author": " and ".join(_lines(reference["authors"])),
            "year": str(reference["year"] or ""),
            VENUE_FIELD.get(
                source_type, "howpublished" if source_type == "web" else "journal"
            ): reference["venue"],
            "volume": reference["volume"],
            "number": reference["issue"],
            "pages": str(reference["pages"]).replace("-", "--"),
            "publisher": reference["publisher"],
            "doi": reference["doi"],
            "url": reference["url"],
            "abstract": reference["abstract"],
            "keywords": ", ".join(_lines(reference["keywords"])),
        }
        database.entries.append({name: str(value) for name, value in entry.items() if value})
    writer = BibTexWriter()
    writer.order_entries_by = None
    return writer.write(database)


def write_ris(references: list[dict[str, object]]) -> str:
    entries = []
    for reference in references:
        start, _dash, end = str(reference["pages"]).partition("-")
        entry = {
            "type_of_reference": RIS_FOR_TYPE.get(str(reference["source_type"]), "GEN"),
            "title": reference["title"],
            "authors": _lines(reference["authors"]),
            "year": str(reference["year"] or ""),
            "journal_name": reference["venue"],
            "volume": reference["volume"],
            "number": reference["issue"],
            "start_page": start,
            "end_page": end,
            "publisher": reference["publisher"],
            "doi": reference["doi"],
            "urls": [reference["url"]] if reference["url"] else [],
            "abstract": reference["abstract"],
            "keywords": _lines(reference["keywords"]),
        }
        entries.append({name: value for name, value in entry.items() if value})
    return rispy.dumps(entries)

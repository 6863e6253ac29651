"""Reading BibTeX, RIS and DOI lists, good and bad, and writing them back."""

import pytest

from tandem.evidence import references
from tandem.evidence.references import ReadError, read

BIBTEX = r"""
% Exported from a reference manager
@string{sesi = "School Effectiveness and School Improvement"}

@article{boyle2005,
  author = {Boyle, Bill and Lamprianou, Iasonas and Boyle, Tony},
  title = {A longitudinal study of teacher change:
    {W}hat makes professional development effective?},
  journal = sesi,
  year = 2005,
  volume = {16},
  number = {1},
  pages = {1--27},
  doi = {https://doi.org/10.1080/09243450500114819},
  keywords = {CPD, teacher change}
}

@incollection{hafford2007,
  author = {Hafford-Letchfield, Trish and Leonard, Kate},
  title = {Coach mentoring as a developmental tool in the workplace},
  booktitle = {Leadership and Management in Social Care},
  publisher = {Sage},
  year = {2007}
}

@book{muller2006,
  author = {M{\"u}ller, J{\"o}rg and Fran{\c{c}}ois, Ren{\'e}e},
  title = {{\"U}ber Mentoring: caf{\'e} conversations},
  year = {2006}
}
"""

RIS = """TY  - JOUR
AU  - Jones, M.
AU  - Nettleton, P.
AU  - Smith, L.
TI  - The mentoring chameleon
PY  - 2005
JO  - Paper presented at BERA
SP  - 12
EP  - 19
DO  - 10.1234/chameleon
KW  - mentoring
KW  - nursing
ER  -

TY  - RPRT
AU  - Allan, P.
TI  - Devon LA Headteacher Coaching Pilot 2007
ER  -

TY  - BOOK
PY  - 2006
ER  -
"""


def test_bibtex_entries_are_read_with_accents_strings_and_odd_braces():
    reading = read("bibtex", BIBTEX.encode())
    assert reading.refused == []
    boyle, hafford, muller = (entry.fields for entry in reading.entries)
    assert boyle["title"] == (
        "A longitudinal study of teacher change: What makes professional development effective?"
    )
    assert boyle["venue"] == "School Effectiveness and School Improvement"
    assert boyle["authors"] == "Boyle, Bill\nLamprianou, Iasonas\nBoyle, Tony"
    assert boyle["doi"] == "10.1080/09243450500114819"
    assert (boyle["year"], boyle["issue"], boyle["pages"]) == (2005, "1", "1-27")
    assert boyle["keywords"] == "CPD\nteacher change"
    assert hafford["source_type"] == "chapter"
    assert hafford["venue"] == "Leadership and Management in Social Care"
    assert muller["authors"] == "Müller, Jörg\nFrançois, Renée"
    assert muller["title"] == "Über Mentoring: café conversations"
    assert [entry.line for entry in reading.entries] == [5, 18, 26]


def test_a_bibtex_entry_with_unbalanced_braces_is_refused_with_its_line_alone():
    text = BIBTEX.replace("title = {Coach mentoring", "title = {{Coach mentoring")
    reading = read("bibtex", text.encode())
    assert [entry.fields["year"] for entry in reading.entries] == [2005, 2006]
    (refused,) = reading.refused
    assert refused.line == 18
    assert refused.title == "Coach mentoring as a developmental tool in the workplace"
    assert "braces" in refused.reason


def test_a_bibtex_entry_missing_a_comma_is_refused():
    text = "@article{a,\n title = {One}\n year = {2001}\n}\n@article{b, title={Two}, year=2002}\n"
    reading = read("bibtex", text.encode())
    assert [entry.fields["title"] for entry in reading.entries] == ["Two"]
    assert reading.refused[0].line == 1


def test_ris_reads_several_authors_and_tolerates_missing_fields():
    reading = read("ris", RIS.encode())
    jones, allan = (entry.fields for entry in reading.entries)
    assert jones["authors"] == "Jones, M.\nNettleton, P.\nSmith, L."
    assert (jones["pages"], jones["doi"], jones["keywords"]) == (
        "12-19",
        "10.1234/chameleon",
        "mentoring\nnursing",
    )
    assert allan["source_type"] == "report"
    assert allan["year"] is None
    assert allan["authors"] == "Allan, P."
    (untitled,) = reading.refused
    assert untitled.line == 20
    assert "neither a title nor a DOI" in untitled.reason


def test_an_ris_entry_without_its_end_line_is_refused():
    reading = read("ris", RIS.replace("ER  -\n\nTY  - RPRT", "\nTY  - RPRT").encode())
    assert reading.refused[0].line == 1
    assert "no end line" in reading.refused[0].reason


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "The file is empty"),
        (b"   \n\n", "The file is empty"),
        (b"%PDF-1.4\x00\x01binary", "not a text file"),
        (
            b"TY  - JOUR\nTI  - Caf\xc3\xa9\nER  - \nTY  - JOUR\nTI  - Caf\xe9\nER  - \n",
            "line 5 is not UTF-8",
        ),
        (b"x" * (references.MAX_BYTES + 1), "Split it"),
        (b"Just some notes, no entries at all.\n", "No RIS entries"),
    ],
)
def test_files_that_cannot_be_read_get_a_clear_message(data, message):
    with pytest.raises(ReadError, match=message):
        read("ris", data)


def test_a_file_wholly_in_windows_1252_is_read_with_a_note():
    reading = read("ris", "TY  - JOUR\nTI  - Café culture\nER  - \n".encode("cp1252"))
    assert reading.entries[0].fields["title"] == "Café culture"
    assert "Windows-1252" in reading.notes[0]


def test_utf16_and_a_byte_order_mark_are_read():
    text = "TY  - JOUR\nTI  - Zoë's study\nER  - \n"
    for data in (text.encode("utf-16"), "\ufeff".encode() + text.encode()):
        assert read("ris", data).entries[0].fields["title"] == "Zoë's study"


def test_too_many_entries_are_refused_whole():
    text = "TY  - JOUR\nTI  - A\nER  - \n" * (references.MAX_ENTRIES + 1)
    with pytest.raises(ReadError, match="at most 2,000"):
        read("ris", text.encode())


def test_dois_are_normalised_and_bad_ones_refused_by_line():
    reading = read("doi", "https://doi.org/10.1080/ABC.123\ndoi: 10.1000/xyz, not-a-doi\n\n10.12/x")
    assert [entry.fields["doi"] for entry in reading.entries] == ["10.1080/abc.123", "10.1000/xyz"]
    assert [(refusal.line, refusal.title) for refusal in reading.refused] == [
        (2, "not-a-doi"),
        (4, "10.12/x"),
    ]


def test_title_keys_ignore_case_accents_and_punctuation():
    assert references.title_key("Über  Mentoring: Café!") == references.title_key(
        "uber mentoring cafe"
    )


def test_bibtex_and_ris_round_trip():
    reading = read("bibtex", BIBTEX.encode())
    originals = [
        dict(entry.fields, key=f"k{number}") for number, entry in enumerate(reading.entries)
    ]
    again = read("bibtex", references.write_bibtex(originals).encode()).entries
    assert [entry.fields for entry in again] == [entry.fields for entry in reading.entries]
    ris_again = read("ris", references.write_ris(originals).encode()).entries
    compared = [
        "title",
        "authors",
        "year",
        "venue",
        "volume",
        "issue",
        "pages",
        "doi",
        "source_type",
    ]
    assert [{name: entry.fields[name] for name in compared} for entry in ris_again] == [
        {name: entry.fields[name] for name in compared} for entry in reading.entries
    ]

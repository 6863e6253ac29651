"""Malformed .qdpx and .qdc files are refused whole, with a message naming what is wrong,
and nothing is written."""

import io
import re
import zipfile

import pytest
from django.db import transaction

from tandem.research.interchange import export, importing, reading
from tandem.research.interchange.importing import import_project
from tandem.research.interchange.xml import InterchangeError
from tandem.research.models import Study
from tandem.research.tests.cast import build_study_cast

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def exported(django_db_setup, django_db_blocker):
    """The cast's study as a .qdpx (files by name), built once for the module."""
    with django_db_blocker.unblock(), transaction.atomic():
        cast = build_study_cast()
        content = export.project_archive(cast["study"])
        transaction.set_rollback(True)
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def zipped(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def with_qde(files: dict[str, bytes], change) -> bytes:
    qde = files["project.qde"].decode()
    return zipped(files | {"project.qde": change(qde).encode()})


def refusal(data: bytes) -> InterchangeError:
    with pytest.raises(InterchangeError) as caught:
        reading.read_project(data)
    return caught.value


def test_the_untouched_export_is_accepted(exported):
    plan = reading.read_project(zipped(exported))
    assert plan.num_segments == 4


def test_not_a_zip():
    assert "is not one" in refusal(b"PK? certainly not a zip").message


def test_too_large_upload(monkeypatch, exported):
    monkeypatch.setattr(reading, "MAX_UPLOAD_BYTES", 100)
    assert "larger than" in refusal(zipped(exported)).message


def test_zip_bomb_is_refused_before_unpacking():
    bomb = zipped({"project.qde": b"<x/>", "Sources/big.txt": b"\0" * (260 * 1024 * 1024)})
    error = refusal(bomb)
    assert "zip bomb" in error.message
    assert len(bomb) < 2 * 1024 * 1024


def test_too_many_entries(monkeypatch, exported):
    monkeypatch.setattr(reading, "MAX_ENTRIES", 2)
    assert "at most 2" in refusal(zipped(exported)).message


def test_missing_project_qde(exported):
    files = {name: data for name, data in exported.items() if name != "project.qde"}
    assert "no project.qde" in refusal(zipped(files)).message


def test_xml_not_well_formed_names_the_line(exported):
    error = refusal(with_qde(exported, lambda qde: qde.replace("</Users>", "</Userz>")))
    assert "not well-formed" in error.message
    assert re.search(r"line \d+", error.message)


def test_entities_are_not_expanded(exported):
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE Project [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        '<Project xmlns="urn:QDA-XML:project:1.0" name="&b;"/>'
    )
    error = refusal(zipped(exported | {"project.qde": laughs.encode()}))
    assert "DTD" in error.message


def test_schema_errors_are_listed_with_line_numbers(exported):
    error = refusal(
        with_qde(exported, lambda qde: qde.replace('isCodable="true"', 'isCodable="maybe"'))
    )
    assert "does not follow the REFI-QDA project schema" in error.message
    assert 1 <= len(error.details) <= 5
    assert all(re.match(r"line \d+: ", detail) for detail in error.details)
    assert "isCodable" in error.details[0]


def test_selection_out_of_range(exported):
    error = refusal(
        with_qde(
            exported, lambda qde: re.sub(r'endPosition="\d+"', 'endPosition="99999"', qde, count=1)
        )
    )
    assert "outside its text" in error.details[0]


def test_zero_length_selection(exported):
    def empty(qde: str) -> str:
        start = re.search(r'startPosition="(\d+)"', qde).group(1)
        return re.sub(r'endPosition="\d+"', f'endPosition="{start}"', qde, count=1)

    assert "zero length" in refusal(with_qde(exported, empty)).details[0]


def test_unknown_code_ref(exported):
    def unknown(qde: str) -> str:
        return re.sub(
            r'<CodeRef targetGUID="[^"]+"',
            '<CodeRef targetGUID="00000000-0000-0000-0000-000000000000"',
            qde,
            count=1,
        )

    error = refusal(with_qde(exported, unknown))
    assert "not in the codebook" in error.details[0]


def test_duplicate_guids(exported):
    def duplicate(qde: str) -> str:
        guids = re.findall(r'<Code guid="([^"]+)"', qde)
        return qde.replace(f'<Code guid="{guids[1]}"', f'<Code guid="{guids[0]}"')

    error = refusal(with_qde(exported, duplicate))
    assert "same guid" in error.message


def test_source_text_not_utf8(exported):
    name = next(name for name in exported if name.startswith("Sources/"))
    latin = exported[name].decode().replace("nervous", "nérvous").encode("latin-1")
    error = refusal(zipped(exported | {name: latin + "café".encode("latin-1")}))
    assert "not UTF-8" in error.message
    assert name in error.message


def test_source_file_missing(exported):
    name = next(name for name in exported if name.startswith("Sources/"))
    files = {key: data for key, data in exported.items() if key != name}
    assert "missing from the archive" in refusal(zipped(files)).message


def test_source_outside_the_archive(exported):
    error = refusal(
        with_qde(exported, lambda qde: qde.replace("internal://", "absolute:///etc/", 1))
    )
    assert "outside the archive" in error.message


def test_codebook_not_xml():
    with pytest.raises(InterchangeError, match="not well-formed"):
        reading.read_codebook(b"<CodeBook")


def test_codebook_wrong_root():
    with pytest.raises(InterchangeError) as caught:
        reading.read_codebook(b'<Project xmlns="urn:QDA-XML:project:1.0" name="x"/>')
    assert "not CodeBook" in caught.value.details[0]


def test_codebook_missing_guid():
    qdc = (
        b'<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>'
        b'<Code name="Time" isCodable="true"/></Codes></CodeBook>'
    )
    with pytest.raises(InterchangeError) as caught:
        reading.read_codebook(qdc)
    assert "guid" in caught.value.details[0]


def test_codebook_sibling_names_clash():
    qdc = (
        b'<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>'
        b'<Code guid="11111111-1111-1111-1111-111111111111" name="Time" isCodable="true"/>'
        b'<Code guid="22222222-2222-2222-2222-222222222222" name="time" isCodable="true"/>'
        b"</Codes></CodeBook>"
    )
    with pytest.raises(InterchangeError, match="same parent"):
        reading.read_codebook(qdc)


def test_a_failing_import_writes_nothing(exported, monkeypatch):
    cast = build_study_cast()
    plan = reading.read_project(zipped(exported))
    before = Study.objects.count()

    def broken(**kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(importing, "_create_memos", broken)
    with pytest.raises(RuntimeError):
        import_project(actor=cast["lead"], organisation=cast["moorland"], plan=plan)
    assert Study.objects.count() == before

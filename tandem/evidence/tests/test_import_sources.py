"""Importing sources: preview, duplicates, refusals, all-or-nothing confirmation."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tandem.audit.models import AuditEvent
from tandem.evidence import services
from tandem.evidence.models import Source, SourceImport

RIS = b"""TY  - JOUR
AU  - Hobson, A.
AU  - Sharp, C.
TI  - Head to Head: Mentoring New Head Teachers
PY  - 2005
ER  -
TY  - JOUR
TI  - Professional mentors' perceptions
AU  - Child, A.
PY  - 2003
DO  - 10.1080/13674580300200224
ER  -
TY  - JOUR
TI  - Professional mentors' perceptions (again)
DO  - https://doi.org/10.1080/13674580300200224
ER  -
TY  - JOUR
AU  - Nobody, N.
ER  -
"""


def test_the_preview_sorts_new_entries_duplicates_and_refusals(cast):
    preview = services.prepare_import(
        actor=cast["moderator"], base=cast["base"], file_format="ris", data=RIS, file_name="a.ris"
    )
    assert [row["fields"]["title"] for row in preview.entries] == [
        "Professional mentors' perceptions"
    ]
    assert [(row["line"], row["reason"]) for row in preview.duplicates] == [
        (1, "Same title and year (2005)"),
        (13, "DOI 10.1080/13674580300200224"),
    ]
    assert [row["line"] for row in preview.refused] == [17]
    assert Source.objects.filter(base=cast["base"]).count() == 3  # nothing added yet


def test_confirming_adds_every_new_source_and_is_audited(cast):
    preview = services.prepare_import(
        actor=cast["moderator"], base=cast["base"], file_format="ris", data=RIS
    )
    assert services.confirm_import(actor=cast["moderator"], source_import=preview) == 1
    added = Source.objects.get(doi="10.1080/13674580300200224")
    assert (added.authors, added.year, added.status) == ("Child, A.", 2003, "unreviewed")
    assert AuditEvent.objects.filter(action="evidence.sources-imported").exists()
    with pytest.raises(ValidationError, match="already been added"):
        services.confirm_import(actor=cast["moderator"], source_import=preview)


def test_a_duplicate_added_since_the_preview_is_skipped_not_doubled(cast):
    preview = services.prepare_import(
        actor=cast["moderator"],
        base=cast["base"],
        file_format="doi",
        data="10.5555/one\n10.5555/two",
    )
    Source.objects.create(base=cast["base"], doi="10.5555/one")
    assert services.confirm_import(actor=cast["moderator"], source_import=preview) == 1
    assert Source.objects.filter(doi__startswith="10.5555/").count() == 2


def test_an_invalid_entry_at_confirmation_adds_nothing(cast):
    preview = services.prepare_import(
        actor=cast["moderator"],
        base=cast["base"],
        file_format="doi",
        data="10.5555/one\n10.5555/two",
    )
    preview.entries[1]["fields"]["source_type"] = "pamphlet"  # tampered with
    preview.save()
    with pytest.raises(ValidationError, match="Nothing was added"):
        services.confirm_import(actor=cast["moderator"], source_import=preview)
    assert not Source.objects.filter(doi__startswith="10.5555/").exists()


def test_reviewers_cannot_import(cast):
    with pytest.raises(PermissionError):
        services.prepare_import(
            actor=cast["reviewer"], base=cast["base"], file_format="doi", data="10.1/x"
        )


def test_the_pages_preview_then_add(client, cast):
    client.force_login(cast["moderator"])
    start = reverse("evidence:import-start", args=[cast["base"].uuid])
    upload = SimpleUploadedFile("refs.ris", RIS, content_type="application/x-research-info-systems")
    response = client.post(start, {"file_format": "ris", "file": upload})
    preview = SourceImport.objects.exclude(pk=cast["import"].pk).get()
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "1 to add" in page
    assert "2 already in the base" in page
    assert "neither a title nor a DOI" in page
    assert client.post(response["Location"]).status_code == 302
    preview.refresh_from_db()
    assert preview.status == "confirmed"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"file_format": "ris"}, "Choose the file to import."),
        ({"file_format": "doi", "dois": "  "}, "Paste at least one DOI"),
        (
            {"file_format": "ris", "file": SimpleUploadedFile("e.ris", b"")},
            "The submitted file is empty.",
        ),
        (
            {"file_format": "bibtex", "file": SimpleUploadedFile("x.bib", b"\x00\x01")},
            "not a text file",
        ),
        ({"file_format": "ris", "file": SimpleUploadedFile("x.ris", b"hello\n")}, "No RIS entries"),
    ],
)
def test_bad_uploads_are_explained_and_nothing_is_kept(client, cast, data, message):
    client.force_login(cast["moderator"])
    response = client.post(reverse("evidence:import-start", args=[cast["base"].uuid]), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert SourceImport.objects.count() == 1  # only the cast's

"""The interchange pages: export downloads, and imports previewed then confirmed."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from tandem.audit.models import AuditEvent
from tandem.research.interchange import export
from tandem.research.models import Code, CodedSegment, Document, Study
from tandem.research.tests.cast import build_study_cast

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast():
    return build_study_cast()


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def test_lead_downloads_the_project(client, cast):
    client.force_login(cast["lead"])
    response = client.get(reverse("research:interchange-export-project", args=[cast["study"].uuid]))
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.qdpx"')
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        assert "project.qde" in archive.namelist()
    assert AuditEvent.objects.filter(action="research.export-qdpx").count() == 1


def test_codebook_export_of_an_empty_codebook_says_so(client, cast):
    study = cast["study"]
    CodedSegment.objects.all().delete()
    Code.objects.filter(parent__isnull=False).delete()
    Code.objects.all().delete()
    client.force_login(cast["lead"])
    response = client.get(
        reverse("research:interchange-export-codebook", args=[study.uuid]), follow=True
    )
    assert "nothing to export" in response.content.decode()
    assert not AuditEvent.objects.filter(action="research.export-qdc").exists()


def test_codebook_import_previews_then_adds(client, cast):
    study, lead = cast["study"], cast["lead"]
    qdc = (
        b'<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>'
        b'<Code guid="11111111-1111-1111-1111-111111111111" name="Barriers" isCodable="true">'
        b'<Code guid="22222222-2222-2222-2222-222222222222" name="Workload" isCodable="true">'
        b"<Description>Too much to do</Description></Code></Code>"
        b"</Codes></CodeBook>"
    )
    client.force_login(lead)
    url = reverse("research:interchange-import-codebook", args=[study.uuid])
    preview = client.post(url, {"file": upload("book.qdc", qdc)})
    page = preview.content.decode()
    assert "Codes to add (1)" in page
    assert "Workload (open: the file gives no level)" in page
    assert "same name and parent" in page
    assert "keep their level of coding" in page
    assert Code.objects.filter(study=study).count() == 3  # nothing saved yet
    token = preview.context["confirm"].initial["token"]
    confirm = reverse("research:interchange-import-codebook-confirm", args=[study.uuid])
    done = client.post(confirm, {"token": token}, follow=True)
    assert "1 code added; 1 code matched one you already had" in done.content.decode()
    workload = Code.objects.get(study=study, name="Workload")
    assert workload.parent == cast["codes"]["barriers"]
    assert str(workload.uuid) == "22222222-2222-2222-2222-222222222222"
    # The staged upload is gone once used.
    again = client.post(confirm, {"token": token}, follow=True)
    assert "expired" in again.content.decode()
    assert Code.objects.filter(study=study).count() == 4


def test_codebook_import_reports_a_bad_file(client, cast):
    client.force_login(cast["lead"])
    url = reverse("research:interchange-import-codebook", args=[cast["study"].uuid])
    response = client.post(url, {"file": upload("book.qdc", b"<CodeBook><Codes>")})
    assert response.status_code == 200
    assert "not well-formed XML" in response.content.decode()


def test_an_upload_is_confirmed_only_from_the_session_that_made_it(client, cast):
    study = cast["study"]
    client.force_login(cast["lead"])
    content = export.codebook_document(study).replace(b"Safe space", b"Safe haven")
    preview = client.post(
        reverse("research:interchange-import-codebook", args=[study.uuid]),
        {"file": upload("book.qdc", content)},
    )
    token = preview.context["confirm"].initial["token"]
    elsewhere = Client()
    elsewhere.force_login(cast["lead"])
    confirm = reverse("research:interchange-import-codebook-confirm", args=[study.uuid])
    response = elsewhere.post(confirm, {"token": token}, follow=True)
    assert "expired" in response.content.decode()
    assert not AuditEvent.objects.filter(action="research.import-qdc").exists()


def test_project_import_creates_a_study_led_by_the_importer(client, cast):
    lead = cast["lead"]
    content = export.project_archive(cast["study"])
    client.force_login(lead)
    preview = client.post(
        reverse("research:interchange-import-project"),
        {
            "organisation": cast["moorland"].pk,
            "title": "Moorland, imported",
            "file": upload("p.qdpx", content),
        },
    )
    page = preview.content.decode()
    assert "3 documents" in page
    assert "4 coded segments" in page
    assert "reviewed its pseudonyms" in page
    assert not Study.objects.filter(title="Moorland, imported").exists()
    confirm = preview.context["confirm"]
    done = client.post(
        reverse("research:interchange-import-project-confirm"),
        {key: confirm.initial[key] for key in ("token", "organisation", "title")},
        follow=True,
    )
    study = Study.objects.get(title="Moorland, imported")
    assert done.redirect_chain[-1][0] == reverse("research:interchange", args=[study.uuid])
    assert "Review each document" in done.content.decode()
    assert Document.objects.filter(study=study).count() == 3
    assert CodedSegment.objects.filter(document__study=study).count() == 4


def test_project_import_reports_a_broken_archive(client, cast):
    client.force_login(cast["lead"])
    response = client.post(
        reverse("research:interchange-import-project"),
        {"organisation": cast["moorland"].pk, "file": upload("p.qdpx", b"not a zip")},
    )
    assert "zip archive" in response.content.decode()
    assert Study.objects.count() == 1

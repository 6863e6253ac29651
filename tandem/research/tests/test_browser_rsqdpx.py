"""End to end, REFI-QDA interchange: the lead of Moorland's peer-coaching study exports the
project for other analysis software, imports a codebook a colleague made elsewhere into the
study, and imports the exported project as a new study, where the codes and coded segments
are found again. Every page is checked with axe for WCAG 2.2 AA."""

import io
import zipfile

import pytest
from django.urls import reverse
from lxml import etree
from playwright.sync_api import expect

from tandem.research.interchange.xml import safe_parser, schema_errors
from tandem.research.models import CodedSegment, Study
from tandem.research.tests.cast import build_study_cast
from tandem.testing.browser import assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CODEBOOK = """<?xml version="1.0" encoding="UTF-8"?>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="elsewhere">
  <Codes>
    <Code guid="{barriers}" name="Barriers" isCodable="true">
      <Code guid="6f1c3e52-8a51-4d8e-9a4c-1f2e3d4c5b6a" name="Workload" isCodable="true"
            color="#AA3300"><Description>Too much else to do.</Description></Code>
    </Code>
  </Codes>
</CodeBook>
"""


def test_lead_exports_then_imports_a_codebook_and_a_project(page, live_server, tmp_path):
    cast = build_study_cast()
    study, lead = cast["study"], cast["lead"]

    sign_in(page, live_server, lead)
    page.goto(live_server.url + reverse("research:study-detail", args=[study.uuid]))
    page.get_by_role("link", name="Exchange with other analysis software").click()
    expect(
        page.get_by_role("heading", name="Export for other analysis software (REFI-QDA)")
    ).to_be_visible()
    assert_accessible(page)

    # The project download is a zip whose project.qde follows the REFI-QDA schema.
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the project (.qdpx)").click()
    project_file = tmp_path / "moorland.qdpx"
    download.value.save_as(project_file)
    with zipfile.ZipFile(io.BytesIO(project_file.read_bytes())) as archive:
        assert schema_errors(etree.fromstring(archive.read("project.qde"), safe_parser())) == []

    # A codebook made elsewhere: Barriers (the same code) with a new child, Workload.
    codebook_file = tmp_path / "colleague.qdc"
    codebook_file.write_text(CODEBOOK.format(barriers=cast["codes"]["barriers"].uuid))
    page.get_by_role("link", name="Import a codebook (.qdc) into this study").click()
    assert_accessible(page)
    page.get_by_label("Codebook (.qdc)").set_input_files(codebook_file)
    page.get_by_role("button", name="Upload and preview").click()
    expect(page.get_by_role("heading", name="Codes to add (1)")).to_be_visible()
    expect(
        page.get_by_text("Barriers matches your code “Barriers” (same identifier)")
    ).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Import the codebook").click()
    expect(page.get_by_text("1 code added; 1 code matched one you already had")).to_be_visible()
    expect(page.get_by_role("rowheader", name="Workload")).to_be_visible()
    assert_accessible(page)

    # The exported project comes back as a new study.
    page.get_by_role("link", name="Import a project (.qdpx) as a new study").click()
    assert_accessible(page)
    page.get_by_label("Title of the new study").fill("Moorland, second look")
    page.get_by_label("Project (.qdpx)").set_input_files(project_file)
    page.get_by_role("button", name="Upload and preview").click()
    expect(page.get_by_text("4 coded segments")).to_be_visible()
    expect(page.get_by_text("waits until a lead has reviewed its pseudonyms")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Create the study").click()
    expect(page.get_by_text("Project imported as a new study")).to_be_visible()
    expect(
        page.get_by_role("heading", name="Exchange with other analysis software")
    ).to_be_visible()
    protected = page.get_by_role("row").filter(
        has=page.get_by_role("rowheader", name="Protected time")
    )
    expect(protected.get_by_role("cell")).to_have_text("3")
    expect(page.get_by_role("rowheader", name="Safe space")).to_be_visible()
    assert_accessible(page)

    copy = Study.objects.get(title="Moorland, second look")
    assert CodedSegment.objects.filter(document__study=copy).count() == 4
    assert copy.team.get().user == lead

"""DOCX and PDF exports: each section's text and the verified sources, read back; the
page limit checked and reported; every export audited."""

import io

import pytest
from django.urls import reverse
from docx import Document
from pypdf import PdfReader

from tandem.audit.models import AuditEvent
from tandem.impact.models import CaseSection
from tandem.impact.tests.cast import DETAILS, RESEARCH, SUMMARY

pytestmark = pytest.mark.django_db


def _docx_text(content: bytes) -> str:
    return "\n".join(paragraph.text for paragraph in Document(io.BytesIO(content)).paragraphs)


def _pdf_text(content: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def _squash(text: str) -> str:
    return " ".join(text.split())


def test_docx_holds_every_section_the_references_and_only_verified_sources(client, cast):
    client.force_login(cast["reader"])
    response = client.get(reverse("impact:case-docx", args=[cast["case"].uuid]))
    assert response["Content-Disposition"].startswith('attachment; filename="impact-case-study-')
    text = _docx_text(response.content)
    for heading in (
        "1. Summary of the impact",
        "2. Underpinning research",
        "3. References to the research",
        "4. Details of the impact",
        "5. Sources to corroborate the impact",
    ):
        assert heading in text
    for body in (SUMMARY, RESEARCH, DETAILS):
        assert body in text
    assert "Researcher, R. and Researcher, R. (2014) Mentor training and open questions." in text
    assert "https://doi.org/10.1234/jms.2014.001" in text
    assert "Retention figures 2015 to 2019 (data)" in text
    # Requested, not verified: not in the submission.
    assert "Letter from the head teacher" not in text
    assert AuditEvent.objects.filter(action="impact.exported", detail="DOCX").count() == 1


def test_pdf_holds_the_same_text(client, cast):
    client.force_login(cast["partner"])
    response = client.get(reverse("impact:case-pdf", args=[cast["case"].uuid]))
    assert response["Content-Type"] == "application/pdf"
    text = _squash(_pdf_text(response.content))
    for body in (SUMMARY, RESEARCH, DETAILS):
        assert _squash(body) in text
    assert "Retention figures 2015 to 2019" in text
    assert "Letter from the head teacher" not in text
    assert AuditEvent.objects.filter(action="impact.exported", detail="PDF").count() == 1


def test_the_export_page_reports_the_page_count_against_the_limit(client, cast):
    client.force_login(cast["lead"])
    url = reverse("impact:case-export", args=[cast["case"].uuid])
    assert "The PDF runs to 1 page of the 5 allowed." in client.get(url).content.decode()
    details = CaseSection.objects.get(case=cast["case"], kind="details")
    details.text = "\n\n".join(["A long paragraph of evidence about the impact. " * 30] * 30)
    details.save(update_fields=["text"])
    page = client.get(url).content.decode()
    assert "over the limit of 5" in page

"""Exports: a real PDF (parsed back) and a spreadsheet-safe CSV."""

import csv
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from tandem.audit.models import AuditEvent
from tandem.framework.tests.cast import build_cast
from tandem.testing.files import assert_tagged_pdf


@pytest.fixture
def cast(db):
    return build_cast()


def test_the_pdf_export_is_a_real_pdf_containing_the_review(client, cast):
    outcome = cast["outcome"]
    outcome.current_practice = "Tutors meet school-based mentors every half term."
    outcome.rating = "developing"
    outcome.save()
    client.force_login(cast["reviewer"])
    response = client.get(reverse("framework:review-pdf", args=[cast["review"].uuid]))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    text = " ".join(text.split())
    assert "Pennine Institute of Education" in text
    assert "Creating the ethos: Developing" in text
    assert "Tutors meet school-based mentors every half term." in text
    assert "Brief tutors" in text


def test_the_csv_export_has_one_row_per_outcome_and_defuses_formulas(client, cast):
    outcome = cast["outcome"]
    outcome.current_practice = "=HYPERLINK('http://evil.example')"
    outcome.save()
    client.force_login(cast["lead"])
    response = client.get(reverse("framework:review-csv", args=[cast["review"].uuid]))
    assert response.content.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM, for Excel
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:6] == ["Organisation", "Core concept", "Cycle", "Status", "Outcome", "Rating"]
    assert len(rows) == 6
    assert rows[1][4] == "Creating the ethos"
    assert rows[1][6].startswith("'=")
    assert "Brief tutors (Priya Shah, due 31/01/2030, not started)" in rows[1][-1]


def test_every_export_is_written_to_the_audit_log(client, cast):
    client.force_login(cast["lead"])
    review = cast["review"]
    client.get(reverse("framework:review-csv", args=[review.uuid]))
    client.get(reverse("framework:review-pdf", args=[review.uuid]))
    events = AuditEvent.objects.filter(object_uuid=review.uuid).order_by("at")
    assert [(event.action, event.detail, event.actor) for event in events] == [
        ("review.export", "csv", cast["lead"]),
        ("review.export", "pdf", cast["lead"]),
    ]


def test_the_pdf_export_is_tagged_for_screen_readers(client, cast):
    client.force_login(cast["reviewer"])
    review = cast["review"]
    response = client.get(reverse("framework:review-pdf", args=[review.uuid]))
    tags = assert_tagged_pdf(response.content, title=f"review, cycle {review.cycle}")
    assert {"/Table", "/TH", "/H2"} <= tags

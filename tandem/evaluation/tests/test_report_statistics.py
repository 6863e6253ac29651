"""The report's statistics as a reader sees them: dose–response rows for each impact
outcome, p-values adjusted across the whole report, "< 0.001" rather than "0.000", and no
"-0.00" anywhere (page, CSV and PDF)."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from tandem.evaluation.reports import build_report
from tandem.evaluation.reports.impact import ADJUSTED_P
from tandem.evaluation.tables import NOT_COMPUTABLE, format_p, interval
from tandem.evaluation.tests.cast import add_surveys, answer_all, more_pairs
from tandem.relationships.models import Conversation, Relationship

# (baseline, end, meetings) per mentee: a clear change, more meetings with more change.
PEOPLE = [(1, 5, 9), (2, 5, 7), (1, 5, 8), (2, 4, 3), (1, 5, 6), (2, 5, 5)]


def _programme_with(cast, people):
    surveys = add_surveys(cast)
    for (_mentor, mentee), (before, after, meetings) in zip(
        more_pairs(cast, len(people)), people, strict=True
    ):
        answer_all(surveys["mentee-baseline"], mentee, "mentee", before)
        answer_all(surveys["mentee-end"], mentee, "mentee", after)
        relationship = Relationship.objects.get(members__user=mentee)
        Conversation.objects.bulk_create(
            Conversation(
                relationship=relationship,
                status=Conversation.Status.HELD,
                starts_at=timezone.now() - dt.timedelta(days=1 + meeting),
                duration_minutes=30 + 15 * (meeting % 3),
                mode=Conversation.Mode.IN_PERSON,
            )
            for meeting in range(meetings)
        )
    return cast["programme"]


@pytest.mark.django_db
def test_dose_response_relates_meetings_and_contact_time_to_each_impact_outcome(cast):
    report = build_report(_programme_with(cast, PEOPLE))
    table = report.dose_response
    labels = [row.label for row in table.rows]
    impact_labels = [row.label for row in report.impact.rows]
    assert len(labels) == 2 * len(impact_labels)
    assert any(label.startswith("Meetings held and change in") for label in labels)
    assert any(label.startswith("Contact hours and change in") for label in labels)
    for row in table.rows:
        assert not row.is_suppressed
        assert row.n == len(PEOPLE)
        assert str(row.values[1]).startswith(("rho = ", NOT_COMPUTABLE))
    assert report.table("dose-response") is table


@pytest.mark.django_db
def test_dose_response_is_suppressed_under_five_people(cast):
    report = build_report(_programme_with(cast, PEOPLE[:4]))
    assert report.dose_response.rows
    assert all(row.is_suppressed for row in report.dose_response.rows)


@pytest.mark.django_db
def test_every_shown_p_value_is_adjusted_across_the_report_and_the_count_is_stated(cast):
    report = build_report(_programme_with(cast, PEOPLE))
    shown = []
    for table in (report.impact, report.associations, report.dose_response):
        column = table.columns.index(ADJUSTED_P) - 1
        for row in table.rows:
            if row.is_suppressed or row.values[column - 1] == NOT_COMPUTABLE:
                continue
            shown.append(row)
            raw, adjusted = row.values[column - 1], row.values[column]
            assert adjusted != NOT_COMPUTABLE
            # Benjamini–Hochberg never makes a result look stronger.
            if raw != "< 0.001":
                assert adjusted == "< 0.001" or float(adjusted) >= float(raw)
    assert len(shown) > 1
    assert f"This report shows {len(shown)} statistical tests in all" in report.impact.note
    assert "Benjamini–Hochberg" in report.dose_response.note


@pytest.mark.django_db
def test_no_reader_sees_0_000_or_minus_zero(client, cast):
    programme = _programme_with(cast, PEOPLE)
    client.force_login(cast["coordinator"])
    page = client.get(reverse("evaluation:report", args=[programme.uuid])).content.decode()
    csv = client.get(reverse("evaluation:report-csv", args=[programme.uuid, "impact"]))
    pdf = client.get(reverse("evaluation:report-pdf", args=[programme.uuid])).content
    pdf_text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    for text in (page, csv.content.decode(), pdf_text):
        assert "0.000" not in text
        assert "-0.00" not in text
    assert "&lt; 0.001" in page  # the paired change is that clear
    assert "Dose–response" in page
    assert "Dose–response" in pdf_text


def test_p_values_and_intervals_are_printed_honestly():
    assert format_p(0.0004) == "< 0.001"
    assert format_p(0.0) == "< 0.001"
    assert format_p(0.049) == "0.049"
    assert format_p(None) == NOT_COMPUTABLE
    assert interval(-0.001, 0.2) == "0.00 to 0.20"
    assert interval(-0.3, -0.004) == "-0.30 to 0.00"
    assert interval(None, 1) == NOT_COMPUTABLE

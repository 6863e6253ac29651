"""Figures about fewer than 5 people never appear: not on the page, in CSV or in the PDF."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from tandem.audit.models import AuditEvent
from tandem.evaluation.tables import SUPPRESSED, Row, Table, suppress_small_groups
from tandem.evaluation.tests.cast import add_surveys, answer_all, more_pairs
from tandem.testing.files import xlsx_text


def test_rows_under_five_people_lose_every_figure():
    table = Table("t", "T", ("Group", "Mean"), (Row("Small", (4.2,), 4), Row("Big", (3.1,), 5)))
    suppressed = suppress_small_groups(table)
    assert suppressed.rows[0].values == (SUPPRESSED,)
    assert suppressed.rows[1].values == (3.1,)


def _answer(cast, pairs, *, baseline, end):
    surveys = add_surveys(cast)
    for _mentor, mentee in pairs:
        answer_all(surveys["mentee-baseline"], mentee, "mentee", baseline)
        answer_all(surveys["mentee-end"], mentee, "mentee", end, comments="Private worry")
    return surveys


def _pdf_text(content):
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def _coordinators_view(client, cast, survey):
    """What the coordinator gets as text: the report's page, impact CSV and PDF, and the
    survey's results page and workbook."""
    client.force_login(cast["coordinator"])
    programme = cast["programme"]

    def text(name, *args):
        return client.get(reverse(f"evaluation:{name}", args=args)).content.decode()

    report = (
        text("report", programme.uuid),
        text("report-csv", programme.uuid, "impact"),
        _pdf_text(client.get(reverse("evaluation:report-pdf", args=[programme.uuid])).content),
    )
    results = client.get(reverse("evaluation:survey-results-xlsx", args=[survey.uuid])).content
    return report, text("survey-results", survey.uuid), xlsx_text(results)


@pytest.mark.django_db
def test_four_respondents_are_suppressed_in_page_csv_and_pdf(client, cast):
    surveys = _answer(cast, more_pairs(cast, 4), baseline=2, end=4)
    report, results, results_csv = _coordinators_view(client, cast, surveys["mentee-end"])
    _page, csv, _pdf = report
    assert "Confident" not in csv or SUPPRESSED in csv
    for text in report:
        assert "Suppressed" in text
        assert "2.00" not in text  # the baseline mean of the four
        assert "4.00" not in text  # and their end mean
    for text in (results, results_csv):
        assert "Private worry" not in text
        assert "4.00" not in text
    assert SUPPRESSED in results_csv


@pytest.mark.django_db
def test_five_respondents_are_shown_in_page_csv_and_pdf(client, cast):
    surveys = _answer(cast, more_pairs(cast, 5), baseline=2, end=4)
    report, body, results_csv = _coordinators_view(client, cast, surveys["mentee-end"])
    for text in report:
        assert "2.00" in text
        assert "4.00" in text
    assert body.count("Private worry") == 5
    # Pseudonymous: no respondent's name appears beside the answers.
    assert "Mentee 0" not in body
    assert results_csv.count("Private worry") == 5
    assert "4.00" in results_csv
    assert "Mentee 0" not in results_csv


@pytest.mark.django_db
def test_every_export_is_audited(client, cast):
    client.force_login(cast["leader"])
    programme = cast["programme"]
    client.get(reverse("evaluation:report-csv", args=[programme.uuid, "engagement"]))
    client.get(reverse("evaluation:report-pdf", args=[programme.uuid]))
    actions = set(
        AuditEvent.objects.filter(actor=cast["leader"], object_uuid=programme.uuid).values_list(
            "action", flat=True
        )
    )
    assert actions == {"report.export-csv", "report.export-pdf"}


@pytest.mark.django_db
def test_engagement_by_organisation_counts_each_learners_school_and_suppresses_small_ones(cast):
    from tandem.evaluation.reports import build_report  # noqa: PLC0415
    from tandem.relationships.models import Relationship  # noqa: PLC0415

    pairs = more_pairs(cast, 5)
    # Pairs count once they have started (their agreement signed).
    programme = cast["programme"]
    Relationship.objects.filter(programme=programme).update(started_on=programme.starts_on)
    report = build_report(programme)
    table = report.engagement_by_organisation
    rows = {row.label: row for row in table.rows}
    moorland = rows[cast["moorland"].name]
    assert moorland.n >= len(pairs)
    assert not moorland.is_suppressed
    assert moorland.values[0] == moorland.n
    small = [row for row in table.rows if row.n < 5]
    assert all(row.is_suppressed for row in small)
    assert report.table("engagement-by-organisation") is table

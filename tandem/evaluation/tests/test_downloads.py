"""Files that open right: report tables as CSV with a BOM, survey results as one workbook
with a sheet per question (typed cells), and the report PDF tagged for screen readers."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tandem.evaluation.tests.cast import add_surveys, answer_all, more_pairs
from tandem.testing.files import assert_tagged_pdf


@pytest.fixture
def answered(cast):
    surveys = add_surveys(cast)
    for _mentor, mentee in more_pairs(cast, 5):
        answer_all(surveys["mentee-end"], mentee, "mentee", 4, comments="Helpful")
    return surveys["mentee-end"]


@pytest.mark.django_db
def test_a_report_table_csv_is_utf8_with_a_byte_order_mark(client, cast):
    client.force_login(cast["coordinator"])
    response = client.get(reverse("evaluation:report-csv", args=[cast["programme"].uuid, "impact"]))
    assert response.status_code == 200
    assert response.content.startswith(b"\xef\xbb\xbf")
    assert response["Content-Type"] == "text/csv; charset=utf-8"


@pytest.mark.django_db
def test_survey_results_are_a_workbook_with_one_table_per_sheet(client, cast, answered):
    client.force_login(cast["coordinator"])
    response = client.get(reverse("evaluation:survey-results-xlsx", args=[answered.uuid]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="tandem-survey-results.xlsx"'
    workbook = load_workbook(io.BytesIO(response.content))
    questions = list(answered.questions.order_by("position"))
    assert len(workbook.worksheets) == len(questions)
    first = workbook.worksheets[0]
    assert first.cell(1, 1).value == questions[0].text  # the full title, above its table
    likert = next(
        sheet
        for sheet, question in zip(workbook.worksheets, questions, strict=True)
        if question.kind == "likert"
    )
    assert [cell.value for cell in likert[2]] == ["Answer", "People", "Share"]
    level_4 = next(row for row in likert.iter_rows(min_row=3) if row[0].value == "4")
    assert (level_4[1].data_type, level_4[1].value) == ("n", 5)  # a count is a number


@pytest.mark.django_db
def test_the_survey_results_csv_of_stacked_tables_is_gone(client, cast, answered):
    client.force_login(cast["coordinator"])
    url = reverse("evaluation:survey-results-xlsx", args=[answered.uuid])
    assert client.get(url.replace(".xlsx", ".csv")).status_code == 404


@pytest.mark.django_db
def test_the_report_pdf_is_tagged_for_screen_readers(client, cast):
    client.force_login(cast["coordinator"])
    programme = cast["programme"]
    response = client.get(reverse("evaluation:report-pdf", args=[programme.uuid]))
    tags = assert_tagged_pdf(response.content, title=f"Programme report – {programme.name}")
    assert {"/Table", "/TH", "/TD", "/H2"} <= tags

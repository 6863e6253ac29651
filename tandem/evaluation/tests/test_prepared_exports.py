"""The report PDF and a survey's results are prepared in the background like every large
export (tandem.imports.export_files), and hold the same figures as the pages."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tandem.evaluation import selectors
from tandem.evaluation.tests.cast import add_surveys
from tandem.imports.models import ExportFile


def download(client, export) -> bytes:
    response = client.get(reverse("imports:export-download", args=[export.uuid]))
    assert response.status_code == 200
    return b"".join(response.streaming_content)


@pytest.mark.django_db
class TestPreparedEvaluationExports:
    def test_the_report_pdf_is_prepared_then_downloaded(self, client, cast):
        client.force_login(cast["coordinator"])
        url = reverse("evaluation:report-pdf-prepare", args=[cast["programme"].uuid])
        response = client.post(url)
        export = ExportFile.objects.get(owner=cast["coordinator"], kind="report")
        assert response.url == export.get_absolute_url()
        assert download(client, export).startswith(b"%PDF")

    def test_survey_results_are_prepared_as_a_workbook(self, client, cast):
        survey = add_surveys(cast)["mentee-baseline"]
        client.force_login(cast["leader"])
        client.post(reverse("evaluation:survey-results-prepare", args=[survey.uuid]))
        export = ExportFile.objects.get(owner=cast["leader"], kind="survey-results")
        assert export.subject_uuid == survey.uuid
        workbook = load_workbook(io.BytesIO(download(client, export)))
        assert len(workbook.sheetnames) == len(selectors.survey_results(survey))

    def test_the_report_page_offers_to_prepare_the_pdf(self, client, cast):
        client.force_login(cast["coordinator"])
        page = client.get(reverse("evaluation:report", args=[cast["programme"].uuid]))
        url = reverse("evaluation:report-pdf-prepare", args=[cast["programme"].uuid])
        assert f'action="{url}"' in page.content.decode()

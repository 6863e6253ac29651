"""The evaluation's exports built in the background (tandem.imports.export_building): the
programme report as a PDF and a survey's results as a workbook (one sheet per question),
the same files the pages offer."""

from tandem.evaluation import exports, selectors, snapshots
from tandem.evaluation.health import health_check
from tandem.evaluation.models import Survey
from tandem.evaluation.reports import build_report
from tandem.imports.export_building import register_builder
from tandem.imports.models import ExportFile, ExportKind


@register_builder(ExportKind.REPORT)
def report_pdf(export: ExportFile) -> bytes:
    """The stored report the page shows (or, before the first is stored, a fresh one)."""
    programme = export.programme_or_fail()
    built, _snapshot = snapshots.stored_report(programme)
    features = health_check(programme)["features"]
    return exports.report_pdf(built or build_report(programme), features)


@register_builder(ExportKind.SURVEY_RESULTS)
def survey_results_xlsx(export: ExportFile) -> bytes:
    if export.subject_uuid is None:
        message = "A survey-results export names its survey."
        raise ValueError(message)
    survey = Survey.objects.select_related("programme").get(
        uuid=export.subject_uuid, programme=export.programme
    )
    tables = selectors.survey_results(survey)
    return exports.tables_xlsx(tables)


def register() -> None:
    """Importing this module registers the builders; the app's ready() calls this."""

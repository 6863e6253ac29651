from django.urls import path

from tandem.research.views import analysis, studies

app_name = "research"

urlpatterns = [
    path("", studies.study_list, name="study-list"),
    path("<uuid:study_uuid>/", studies.study_detail, name="study-detail"),
    path(
        "<uuid:study_uuid>/documents/<uuid:document_uuid>/",
        studies.document_detail,
        name="document-detail",
    ),
    # rsanalysis: constant comparison, frequencies, themes, agreement, case summaries, report
    path("<uuid:study_uuid>/analysis/", analysis.analysis_home, name="analysis-home"),
    path(
        "<uuid:study_uuid>/analysis/similar/",
        analysis.similar_segments,
        name="analysis-similar",
    ),
    path(
        "<uuid:study_uuid>/analysis/merge-suggestions/",
        analysis.merge_suggestions,
        name="analysis-merge-suggestions",
    ),
    path(
        "<uuid:study_uuid>/analysis/frequencies/",
        analysis.frequencies,
        name="analysis-frequencies",
    ),
    path("<uuid:study_uuid>/analysis/themes/", analysis.theme_list, name="analysis-theme-list"),
    path(
        "<uuid:study_uuid>/analysis/themes/new/",
        analysis.theme_edit,
        name="analysis-theme-create",
    ),
    path(
        "<uuid:study_uuid>/analysis/themes/<uuid:theme_uuid>/edit/",
        analysis.theme_edit,
        name="analysis-theme-edit",
    ),
    path(
        "<uuid:study_uuid>/analysis/themes/<uuid:theme_uuid>/quotes/",
        analysis.theme_quotes,
        name="analysis-theme-quotes",
    ),
    path(
        "<uuid:study_uuid>/analysis/themes/<uuid:theme_uuid>/move/",
        analysis.theme_move,
        name="analysis-theme-move",
    ),
    path(
        "<uuid:study_uuid>/analysis/themes/<uuid:theme_uuid>/delete/",
        analysis.theme_delete,
        name="analysis-theme-delete",
    ),
    path("<uuid:study_uuid>/analysis/agreement/", analysis.agreement, name="analysis-agreement"),
    path(
        "<uuid:study_uuid>/analysis/agreement/disagreements/",
        analysis.disagreements,
        name="analysis-disagreements",
    ),
    path("<uuid:study_uuid>/analysis/cases/", analysis.case_list, name="analysis-case-list"),
    path(
        "<uuid:study_uuid>/analysis/cases/<uuid:participant_uuid>/",
        analysis.case_edit,
        name="analysis-case-edit",
    ),
    path("<uuid:study_uuid>/analysis/report/", analysis.report, name="analysis-report"),
    path(
        "<uuid:study_uuid>/analysis/report/findings.pdf",
        analysis.report_download,
        {"file_format": "pdf"},
        name="analysis-report-pdf",
    ),
    path(
        "<uuid:study_uuid>/analysis/report/findings.docx",
        analysis.report_download,
        {"file_format": "docx"},
        name="analysis-report-docx",
    ),
]

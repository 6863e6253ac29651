from django.urls import path

from tandem.evaluation import views, views_local_authority

app_name = "evaluation"

urlpatterns = [
    path(
        "local-authorities/<uuid:organisation_uuid>/schools/",
        views_local_authority.schools_overview,
        name="schools-overview",
    ),
    path("programmes/<uuid:programme_uuid>/surveys/", views.survey_list, name="survey-list"),
    path(
        "programmes/<uuid:programme_uuid>/surveys/new/", views.survey_create, name="survey-create"
    ),
    path("programmes/<uuid:programme_uuid>/health/", views.health, name="health"),
    path(
        "programmes/<uuid:programme_uuid>/health/self-assessment/<slug:item_key>/",
        views.self_assessment,
        name="self-assessment",
    ),
    path(
        "programmes/<uuid:programme_uuid>/health/at-risk/",
        views.at_risk_list,
        name="at-risk-list",
    ),
    path("programmes/<uuid:programme_uuid>/report/", views.report, name="report"),
    path(
        "programmes/<uuid:programme_uuid>/report/pupil-outcomes/",
        views.pupil_outcomes_report,
        name="pupil-outcomes",
    ),
    path(
        "programmes/<uuid:programme_uuid>/report/refresh/",
        views.report_refresh,
        name="report-refresh",
    ),
    path(
        "programmes/<uuid:programme_uuid>/report/status/",
        views.report_status,
        name="report-status",
    ),
    path("programmes/<uuid:programme_uuid>/report.pdf", views.report_pdf, name="report-pdf"),
    path(
        "programmes/<uuid:programme_uuid>/report.pdf/prepare/",
        views.report_pdf_prepare,
        name="report-pdf-prepare",
    ),
    path(
        "programmes/<uuid:programme_uuid>/report/<slug:table>.csv",
        views.report_csv,
        name="report-csv",
    ),
    path("surveys/<uuid:survey_uuid>/", views.survey_respond, name="survey-respond"),
    path("surveys/<uuid:survey_uuid>/results/", views.survey_results, name="survey-results"),
    path(
        "surveys/<uuid:survey_uuid>/results.xlsx",
        views.survey_results_xlsx,
        name="survey-results-xlsx",
    ),
    path(
        "surveys/<uuid:survey_uuid>/results.csv/prepare/",
        views.survey_results_prepare,
        name="survey-results-prepare",
    ),
]

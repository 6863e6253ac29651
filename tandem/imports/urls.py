from django.urls import path

from tandem.imports import views

app_name = "imports"

urlpatterns = [
    path(
        "organisations/<uuid:organisation_uuid>/people/",
        views.people_import,
        name="people-import",
    ),
    path(
        "organisations/<uuid:organisation_uuid>/people.<str:file_format>",
        views.people_export,
        name="people-export",
    ),
    path(
        "programmes/<uuid:programme_uuid>/enrolments/",
        views.enrolment_import,
        name="enrolment-import",
    ),
    path(
        "programmes/<uuid:programme_uuid>/enrolments.<str:file_format>",
        views.enrolment_export,
        name="enrolment-export",
    ),
    path(
        "programmes/<uuid:programme_uuid>/relationships.<str:file_format>",
        views.relationship_export,
        name="relationship-export",
    ),
    path(
        "organisations/<uuid:organisation_uuid>/people.<str:file_format>/prepare/",
        views.people_export_prepare,
        name="people-export-prepare",
    ),
    path(
        "programmes/<uuid:programme_uuid>/enrolments.<str:file_format>/prepare/",
        views.enrolment_export_prepare,
        name="enrolment-export-prepare",
    ),
    path(
        "programmes/<uuid:programme_uuid>/relationships.<str:file_format>/prepare/",
        views.relationship_export_prepare,
        name="relationship-export-prepare",
    ),
    path("exports/<uuid:export_uuid>/", views.export_detail, name="export-detail"),
    path("exports/<uuid:export_uuid>/download/", views.export_download, name="export-download"),
    path("exports/<uuid:export_uuid>/retry/", views.export_retry, name="export-retry"),
    path("my-goals.<str:file_format>", views.goal_export, name="goal-export"),
    path("templates/<str:kind>.<str:file_format>", views.template_download, name="template"),
    path("jobs/<uuid:job_uuid>/", views.job_detail, name="job-detail"),
    path("jobs/<uuid:job_uuid>/commit/", views.job_commit, name="job-commit"),
    path("jobs/<uuid:job_uuid>/retry/", views.job_retry, name="job-retry"),
    path("jobs/<uuid:job_uuid>/discard/", views.job_discard, name="job-discard"),
]

from django.urls import path

from tandem.research.views import interchange, studies

app_name = "research"

urlpatterns = [
    path("", studies.study_list, name="study-list"),
    path("<uuid:study_uuid>/", studies.study_detail, name="study-detail"),
    path(
        "<uuid:study_uuid>/documents/<uuid:document_uuid>/",
        studies.document_detail,
        name="document-detail",
    ),
    # rsqdpx: REFI-QDA interchange (export .qdpx/.qdc, import a codebook or a project)
    path("<uuid:study_uuid>/interchange/", interchange.interchange_page, name="interchange"),
    path(
        "<uuid:study_uuid>/interchange/project.qdpx",
        interchange.export_project,
        name="interchange-export-project",
    ),
    path(
        "<uuid:study_uuid>/interchange/codebook.qdc",
        interchange.export_codebook,
        name="interchange-export-codebook",
    ),
    path(
        "<uuid:study_uuid>/interchange/import-codebook/",
        interchange.import_codebook,
        name="interchange-import-codebook",
    ),
    path(
        "<uuid:study_uuid>/interchange/import-codebook/confirm/",
        interchange.import_codebook_confirm,
        name="interchange-import-codebook-confirm",
    ),
    path("import-project/", interchange.import_project, name="interchange-import-project"),
    path(
        "import-project/confirm/",
        interchange.import_project_confirm,
        name="interchange-import-project-confirm",
    ),
]

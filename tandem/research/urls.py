from django.urls import path

from tandem.research.views import studies

app_name = "research"

urlpatterns = [
    path("", studies.study_list, name="study-list"),
    path("<uuid:study_uuid>/", studies.study_detail, name="study-detail"),
    path(
        "<uuid:study_uuid>/documents/<uuid:document_uuid>/",
        studies.document_detail,
        name="document-detail",
    ),
]

from django.urls import path

from tandem.research.views import coding, studies

app_name = "research"

urlpatterns = [
    path("", studies.study_list, name="study-list"),
    path("<uuid:study_uuid>/", studies.study_detail, name="study-detail"),
    path(
        "<uuid:study_uuid>/documents/<uuid:document_uuid>/",
        studies.document_detail,
        name="document-detail",
    ),
    # rscoding: the codebook, coding passes, coding a document, memos
    path("<uuid:study_uuid>/codes/", coding.codebook, name="codebook"),
    path("<uuid:study_uuid>/codes/new/", coding.code_create, name="code-create"),
    path("<uuid:study_uuid>/codes/<uuid:code_uuid>/", coding.code_detail, name="code-detail"),
    path("<uuid:study_uuid>/codes/<uuid:code_uuid>/edit/", coding.code_edit, name="code-edit"),
    path("<uuid:study_uuid>/codes/<uuid:code_uuid>/merge/", coding.code_merge, name="code-merge"),
    path(
        "<uuid:study_uuid>/codes/<uuid:code_uuid>/delete/", coding.code_delete, name="code-delete"
    ),
    path("<uuid:study_uuid>/passes/", coding.pass_list, name="pass-list"),
    path("<uuid:study_uuid>/passes/start/", coding.pass_start, name="pass-start"),
    path(
        "<uuid:study_uuid>/passes/<uuid:pass_uuid>/finish/", coding.pass_finish, name="pass-finish"
    ),
    path("<uuid:study_uuid>/documents/<uuid:document_uuid>/code/", coding.coding, name="coding"),
    path(
        "<uuid:study_uuid>/documents/<uuid:document_uuid>/code/apply/",
        coding.segment_apply,
        name="segment-apply",
    ),
    path(
        "<uuid:study_uuid>/segments/<uuid:segment_uuid>/edit/",
        coding.segment_edit,
        name="segment-edit",
    ),
    path(
        "<uuid:study_uuid>/segments/<uuid:segment_uuid>/remove/",
        coding.segment_remove,
        name="segment-remove",
    ),
    path("<uuid:study_uuid>/memos/", coding.memo_list, name="memo-list"),
    path("<uuid:study_uuid>/memos/new/", coding.memo_create, name="memo-create"),
    path("<uuid:study_uuid>/memos/<uuid:memo_uuid>/edit/", coding.memo_edit, name="memo-edit"),
    path(
        "<uuid:study_uuid>/memos/<uuid:memo_uuid>/delete/", coding.memo_delete, name="memo-delete"
    ),
    # (end of rscoding paths)
]

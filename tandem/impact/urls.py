from django.urls import path

from tandem.impact.views import cases, evidence, sections

app_name = "impact"

CASE = "<uuid:case_uuid>/"

urlpatterns = [
    path("", cases.case_list, name="case-list"),
    path("new/", cases.case_create, name="case-create"),
    path(CASE, cases.case_detail, name="case-detail"),
    path(f"{CASE}settings/", cases.case_edit, name="case-edit"),
    path(f"{CASE}team/", cases.member_add, name="member-add"),
    path(f"{CASE}team/<uuid:member_uuid>/remove/", cases.member_remove, name="member-remove"),
    path(f"{CASE}export/", cases.case_export, name="case-export"),
    path(f"{CASE}export/case-study.docx", cases.case_docx, name="case-docx"),
    path(f"{CASE}export/case-study.pdf", cases.case_pdf, name="case-pdf"),
    path(f"{CASE}sections/<slug:kind>/", sections.section_edit, name="section-edit"),
    path(f"{CASE}sections/<slug:kind>/comments/", sections.comment_add, name="comment-add"),
    path(f"{CASE}sections/<slug:kind>/versions/", sections.version_list, name="version-list"),
    path(
        f"{CASE}versions/<uuid:version_uuid>/restore/",
        sections.version_restore,
        name="version-restore",
    ),
    path(f"{CASE}candidates/", evidence.candidate_list, name="candidate-list"),
    path(f"{CASE}outputs/new/", evidence.output_edit, name="output-create"),
    path(f"{CASE}outputs/<uuid:output_uuid>/", evidence.output_edit, name="output-edit"),
    path(f"{CASE}events/new/", evidence.event_edit, name="event-create"),
    path(f"{CASE}events/<uuid:event_uuid>/", evidence.event_edit, name="event-edit"),
    path(f"{CASE}sources/new/", evidence.source_edit, name="source-create"),
    path(f"{CASE}sources/report/", evidence.snapshot_attach, name="snapshot-attach"),
    path(f"{CASE}sources/<uuid:source_uuid>/", evidence.source_edit, name="source-edit"),
    path(f"{CASE}sources/<uuid:source_uuid>/status/", evidence.source_status, name="source-status"),
]

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
    # rsdata: setting up a study, its team, strands, participants and data; consent.
    path("new/", studies.study_create, name="study-create"),
    path("<uuid:study_uuid>/edit/", studies.study_edit, name="study-edit"),
    path("<uuid:study_uuid>/status/", studies.study_status, name="study-status"),
    path("<uuid:study_uuid>/team/", studies.team, name="team"),
    path(
        "<uuid:study_uuid>/team/<uuid:member_uuid>/role/",
        studies.member_role,
        name="member-role",
    ),
    path(
        "<uuid:study_uuid>/team/<uuid:member_uuid>/remove/",
        studies.member_remove,
        name="member-remove",
    ),
    path("<uuid:study_uuid>/strands/", studies.strands, name="strands"),
    path(
        "<uuid:study_uuid>/strands/<uuid:strand_uuid>/edit/",
        studies.strand_edit,
        name="strand-edit",
    ),
    path(
        "<uuid:study_uuid>/strands/<uuid:strand_uuid>/move/",
        studies.strand_move,
        name="strand-move",
    ),
    path(
        "<uuid:study_uuid>/strands/<uuid:strand_uuid>/remove/",
        studies.strand_remove,
        name="strand-remove",
    ),
    path("<uuid:study_uuid>/participants/", studies.participants, name="participants"),
    path(
        "<uuid:study_uuid>/participants/<uuid:participant_uuid>/edit/",
        studies.participant_edit,
        name="participant-edit",
    ),
    path(
        "<uuid:study_uuid>/participants/<uuid:participant_uuid>/import-records/",
        studies.participant_import_records,
        name="participant-import-records",
    ),
    path(
        "<uuid:study_uuid>/participants/<uuid:participant_uuid>/withdraw/",
        studies.participant_withdraw,
        name="participant-withdraw",
    ),
    path("<uuid:study_uuid>/documents/new/", studies.document_upload, name="document-upload"),
    path(
        "<uuid:study_uuid>/documents/<uuid:document_uuid>/edit/",
        studies.document_edit,
        name="document-edit",
    ),
    path(
        "<uuid:study_uuid>/documents/<uuid:document_uuid>/replace-text/",
        studies.document_replace_text,
        name="document-replace-text",
    ),
    path(
        "<uuid:study_uuid>/documents/<uuid:document_uuid>/review/",
        studies.document_review,
        name="document-review",
    ),
    path("taking-part/", studies.my_research, name="my-research"),
    path("taking-part/<uuid:participant_uuid>/", studies.participation, name="participation"),
    path(
        "taking-part/<uuid:participant_uuid>/withdraw/",
        studies.participation_withdraw,
        name="participation-withdraw",
    ),
]

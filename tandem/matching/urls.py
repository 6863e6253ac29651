from django.urls import path

from tandem.matching import views

app_name = "matching"

urlpatterns = [
    path("programmes/<uuid:programme_uuid>/", views.programme_matching, name="programme-matching"),
    path("programmes/<uuid:programme_uuid>/settings/", views.settings_edit, name="settings-edit"),
    path("programmes/<uuid:programme_uuid>/run/", views.run_start, name="run-start"),
    path("programmes/<uuid:programme_uuid>/rematch/", views.rematch_start, name="rematch-start"),
    path(
        "programmes/<uuid:programme_uuid>/preferences/",
        views.preferences_edit,
        name="preferences-edit",
    ),
    path("runs/<uuid:run_uuid>/", views.run_detail, name="run-detail"),
    path(
        "runs/<uuid:run_uuid>/mentees/<uuid:user_uuid>/",
        views.proposal_edit,
        name="proposal-edit",
    ),
    path("runs/<uuid:run_uuid>/export/", views.run_export, name="run-export"),
    path("runs/<uuid:run_uuid>/publish/", views.run_publish, name="run-publish"),
    path("runs/<uuid:run_uuid>/send/", views.run_send, name="run-send"),
    path("runs/<uuid:run_uuid>/close/", views.run_close, name="run-close"),
    path("runs/<uuid:run_uuid>/discard/", views.run_discard, name="run-discard"),
    path(
        "relationships/<uuid:relationship_uuid>/how-matched/",
        views.how_matched,
        name="how-matched",
    ),
    path("choose/", views.my_shortlists, name="my-shortlists"),
    path("choose/<uuid:offer_uuid>/", views.offer_choose, name="offer-choose"),
    path("requests/", views.mentor_requests, name="mentor-requests"),
    path("requests/<uuid:offer_uuid>/", views.offer_answer, name="offer-answer"),
]

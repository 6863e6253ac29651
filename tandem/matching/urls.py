from django.urls import path

from tandem.matching.views import bank, choice, groups, programme, runs

app_name = "matching"

urlpatterns = [
    path(
        "programmes/<uuid:programme_uuid>/", programme.programme_matching, name="programme-matching"
    ),
    path(
        "programmes/<uuid:programme_uuid>/settings/", programme.settings_edit, name="settings-edit"
    ),
    path("programmes/<uuid:programme_uuid>/run/", programme.run_start, name="run-start"),
    path(
        "programmes/<uuid:programme_uuid>/rematch/", programme.rematch_start, name="rematch-start"
    ),
    path(
        "programmes/<uuid:programme_uuid>/preferences/",
        choice.preferences_edit,
        name="preferences-edit",
    ),
    path("programmes/<uuid:programme_uuid>/groups/", groups.group_run_start, name="groups-start"),
    path("programmes/<uuid:programme_uuid>/find-now/", bank.find_now_list, name="find-now-list"),
    path(
        "programmes/<uuid:programme_uuid>/find-now/<uuid:enrolment_uuid>/",
        bank.find_now,
        name="find-now",
    ),
    path("runs/<uuid:run_uuid>/", runs.run_detail, name="run-detail"),
    path("runs/<uuid:run_uuid>/groups/publish/", groups.group_run_publish, name="groups-publish"),
    path(
        "runs/<uuid:run_uuid>/mentees/<uuid:user_uuid>/",
        runs.proposal_edit,
        name="proposal-edit",
    ),
    path("runs/<uuid:run_uuid>/export/", runs.run_export, name="run-export"),
    path("runs/<uuid:run_uuid>/publish/", runs.run_publish, name="run-publish"),
    path("runs/<uuid:run_uuid>/unpublish/", runs.run_unpublish, name="run-unpublish"),
    path("runs/<uuid:run_uuid>/send/", runs.run_send, name="run-send"),
    path("runs/<uuid:run_uuid>/close/", runs.run_close, name="run-close"),
    path("runs/<uuid:run_uuid>/discard/", runs.run_discard, name="run-discard"),
    path("runs/<uuid:run_uuid>/retry/", runs.run_retry, name="run-retry"),
    path(
        "relationships/<uuid:relationship_uuid>/how-matched/",
        choice.how_matched,
        name="how-matched",
    ),
    path("choose/", choice.my_shortlists, name="my-shortlists"),
    path("choose/<uuid:offer_uuid>/", choice.offer_choose, name="offer-choose"),
    path("choose/rounds/<uuid:run_uuid>/rank/", choice.shortlist_rank, name="shortlist-rank"),
    path("requests/", choice.mentor_requests, name="mentor-requests"),
    path("requests/<uuid:offer_uuid>/", choice.offer_answer, name="offer-answer"),
]

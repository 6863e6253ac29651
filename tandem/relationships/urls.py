from django.urls import path

from tandem.relationships.views import (
    agreement,
    corrections,
    goals,
    lifecycle,
    pages,
    record,
    twoway,
)

app_name = "relationships"

urlpatterns = [
    path("mine/", pages.my_mentoring, name="my-mentoring"),
    path("mentees/", pages.my_mentees, name="my-mentees"),
    path("calendar/", pages.calendar, name="calendar"),
    path("calendar/<str:token>.ics", pages.calendar_feed, name="calendar-feed"),
    path("reminders/", pages.reminder_preferences, name="reminder-preferences"),
    path(
        "reminders/unsubscribe/<str:token>/",
        pages.reminder_unsubscribe,
        name="reminder-unsubscribe",
    ),
    path(
        "programmes/<uuid:programme_uuid>/overview/",
        lifecycle.programme_overview,
        name="programme-overview",
    ),
    path(
        "programmes/<uuid:programme_uuid>/new/",
        lifecycle.relationship_create,
        name="relationship-create",
    ),
    path("<uuid:relationship_uuid>/", lifecycle.relationship_detail, name="relationship-detail"),
    path(
        "<uuid:relationship_uuid>/status/",
        lifecycle.relationship_status,
        name="relationship-status",
    ),
    path(
        "<uuid:relationship_uuid>/change-mentor/",
        lifecycle.change_request_create,
        name="change-request-create",
    ),
    path(
        "change-requests/<uuid:request_uuid>/",
        lifecycle.change_request_detail,
        name="change-request-detail",
    ),
    path(
        "change-requests/<uuid:request_uuid>/decline/",
        lifecycle.change_request_decline,
        name="change-request-decline",
    ),
    path(
        "<uuid:relationship_uuid>/agreement/", agreement.agreement_detail, name="agreement-detail"
    ),
    path(
        "<uuid:relationship_uuid>/agreement/edit/", agreement.agreement_edit, name="agreement-edit"
    ),
    path(
        "<uuid:relationship_uuid>/agreement/sign/", agreement.agreement_sign, name="agreement-sign"
    ),
    path("<uuid:relationship_uuid>/goals/add/", goals.goal_add, name="goal-add"),
    path("goals/<uuid:goal_uuid>/", goals.goal_detail, name="goal-detail"),
    path("goals/<uuid:goal_uuid>/edit/", goals.goal_edit, name="goal-edit"),
    path("goals/<uuid:goal_uuid>/progress/", goals.goal_update_add, name="goal-update-add"),
    path("<uuid:relationship_uuid>/goals/", corrections.goal_list, name="goal-list"),
    path("goals/<uuid:goal_uuid>/delete/", corrections.goal_delete, name="goal-delete"),
    path("goals/<uuid:goal_uuid>/restore/", corrections.goal_restore, name="goal-restore"),
    path(
        "<uuid:relationship_uuid>/conversations/",
        corrections.conversation_list,
        name="conversation-list",
    ),
    path(
        "conversations/<uuid:conversation_uuid>/delete/",
        corrections.conversation_delete,
        name="conversation-delete",
    ),
    path(
        "conversations/<uuid:conversation_uuid>/restore/",
        corrections.conversation_restore,
        name="conversation-restore",
    ),
    path(
        "<uuid:relationship_uuid>/conversations/add/",
        record.conversation_add,
        name="conversation-add",
    ),
    path(
        "conversations/<uuid:conversation_uuid>/",
        record.conversation_detail,
        name="conversation-detail",
    ),
    path(
        "conversations/<uuid:conversation_uuid>/edit/",
        record.conversation_edit,
        name="conversation-edit",
    ),
    path(
        "conversations/<uuid:conversation_uuid>/note/",
        record.private_note_edit,
        name="private-note-edit",
    ),
    path("actions/<uuid:action_uuid>/toggle/", record.action_toggle, name="action-toggle"),
    path("<uuid:relationship_uuid>/actions/", corrections.action_list, name="action-list"),
    path("actions/<uuid:action_uuid>/edit/", corrections.action_edit, name="action-edit"),
    path("actions/<uuid:action_uuid>/delete/", corrections.action_delete, name="action-delete"),
    path("actions/<uuid:action_uuid>/restore/", corrections.action_restore, name="action-restore"),
    path(
        "<uuid:relationship_uuid>/observations/add/",
        record.observation_add,
        name="observation-add",
    ),
    path("<uuid:relationship_uuid>/evidence/add/", record.evidence_add, name="evidence-add"),
    path(
        "evidence/<uuid:evidence_uuid>/download/",
        record.evidence_download,
        name="evidence-download",
    ),
    path("<uuid:relationship_uuid>/time/add/", record.time_add, name="time-add"),
    path("<uuid:relationship_uuid>/time/", corrections.time_list, name="time-list"),
    path("time/<uuid:entry_uuid>/edit/", corrections.time_edit, name="time-edit"),
    path("time/<uuid:entry_uuid>/delete/", corrections.time_delete, name="time-delete"),
    path("time/<uuid:entry_uuid>/restore/", corrections.time_restore, name="time-restore"),
    path(
        "<uuid:relationship_uuid>/observations/",
        corrections.observation_list,
        name="observation-list",
    ),
    path(
        "observations/<uuid:observation_uuid>/edit/",
        corrections.observation_edit,
        name="observation-edit",
    ),
    path(
        "observations/<uuid:observation_uuid>/delete/",
        corrections.observation_delete,
        name="observation-delete",
    ),
    path(
        "observations/<uuid:observation_uuid>/restore/",
        corrections.observation_restore,
        name="observation-restore",
    ),
    # Two-way learning, pupil outcomes and specialist referrals (issue 18, part 4).
    path("<uuid:relationship_uuid>/my-learning/", twoway.own_learning, name="own-learning"),
    path(
        "<uuid:relationship_uuid>/my-learning/goals/new/",
        twoway.own_goal_add,
        name="own-goal-add",
    ),
    path("my-learning/goals/<uuid:item_uuid>/edit/", twoway.own_goal_edit, name="own-goal-edit"),
    path(
        "my-learning/goals/<uuid:item_uuid>/delete/",
        twoway.own_goal_delete,
        name="own-goal-delete",
    ),
    path(
        "my-learning/goals/<uuid:item_uuid>/restore/",
        twoway.own_goal_restore,
        name="own-goal-restore",
    ),
    path(
        "<uuid:relationship_uuid>/my-learning/log/new/",
        twoway.log_entry_add,
        name="log-entry-add",
    ),
    path("my-learning/log/<uuid:item_uuid>/edit/", twoway.log_entry_edit, name="log-entry-edit"),
    path(
        "my-learning/log/<uuid:item_uuid>/delete/",
        twoway.log_entry_delete,
        name="log-entry-delete",
    ),
    path(
        "my-learning/log/<uuid:item_uuid>/restore/",
        twoway.log_entry_restore,
        name="log-entry-restore",
    ),
    path(
        "programmes/<uuid:programme_uuid>/pupil-outcomes/",
        twoway.pupil_outcome_measures,
        name="pupil-outcome-measures",
    ),
    path(
        "pupil-outcome-measures/<uuid:measure_uuid>/edit/",
        twoway.pupil_outcome_measure_edit,
        name="pupil-outcome-measure-edit",
    ),
    path(
        "<uuid:relationship_uuid>/pupil-outcomes/",
        twoway.pupil_outcomes,
        name="pupil-outcomes",
    ),
    path(
        "<uuid:relationship_uuid>/pupil-outcomes/<uuid:measure_uuid>/<slug:phase>/",
        twoway.pupil_outcome_record,
        name="pupil-outcome-record",
    ),
    path("<uuid:relationship_uuid>/referrals/new/", twoway.referral_add, name="referral-add"),
    path("referrals/", twoway.my_referrals, name="my-referrals"),
    path("referrals/<uuid:referral_uuid>/", twoway.referral_detail, name="referral-detail"),
    path(
        "referrals/<uuid:referral_uuid>/accept/",
        twoway.referral_accept,
        name="referral-accept",
    ),
    path("referrals/<uuid:referral_uuid>/end/", twoway.referral_end, name="referral-end"),
]

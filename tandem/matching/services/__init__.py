"""Matching for a programme: settings, runs, review, publishing, shortlists and answers.

Coordinators run the engine (optimal allocation, shortlists or a rematch), review and edit
the draft, then publish it as relationships. In mentee-choice mode each mentee picks one of
their suggestions, the mentor accepts or declines within the programme's deadline, and a
decline or silence lets the mentee pick again (seed 002 §4.3.4: involvement in choosing a
mentor goes with valuing mentoring; there must be a way to change mentor).

This package's modules import each other directly, never this package: callers outside it
use the names below.
"""

from tandem.matching.services.choice import (
    answer_offer,
    choose_offer,
    close_round,
    expire_overdue,
    mentor_places_left,
    rank_offers,
    send_shortlists,
    set_preferences,
)
from tandem.matching.services.computation import contributions, execute_run, round_for
from tandem.matching.services.group_runs import publish_group_run, start_group_run
from tandem.matching.services.grouping import GroupChoices
from tandem.matching.services.review import (
    UNPUBLISH_DAYS,
    MentorChoice,
    alternatives,
    discard_run,
    edit_proposal,
    how_matched,
    mentor_choices,
    publish_run,
    run_rows,
    unpublish_problems,
    unpublish_run,
    unpublish_until,
)
from tandem.matching.services.runs import (
    fail_abandoned_runs,
    retry_run,
    run_task_status,
    start_run,
)
from tandem.matching.services.settings import (
    MAX_WEIGHT,
    engine_config,
    get_settings,
    settings_snapshot,
    template_defaults,
    update_settings,
    weight_rows,
)

__all__ = [
    "MAX_WEIGHT",
    "UNPUBLISH_DAYS",
    "GroupChoices",
    "MentorChoice",
    "alternatives",
    "answer_offer",
    "choose_offer",
    "close_round",
    "contributions",
    "discard_run",
    "edit_proposal",
    "engine_config",
    "execute_run",
    "expire_overdue",
    "fail_abandoned_runs",
    "get_settings",
    "how_matched",
    "mentor_choices",
    "mentor_places_left",
    "publish_group_run",
    "publish_run",
    "rank_offers",
    "retry_run",
    "round_for",
    "run_rows",
    "run_task_status",
    "send_shortlists",
    "set_preferences",
    "settings_snapshot",
    "start_group_run",
    "start_run",
    "template_defaults",
    "unpublish_problems",
    "unpublish_run",
    "unpublish_until",
    "update_settings",
    "weight_rows",
]

"""Every view of two-way learning, pupil outcomes and specialist referrals × every role
(tandem.testing.matrix): a supporter's own learning is theirs alone; pupil figures belong
to the shared record and are recorded by the learner; a referral is visible to the learner,
the mentor, the specialist and the coordinators, and the specialist sees nothing else."""

from typing import Any

from django.urls import reverse
from django.utils import timezone

from tandem.relationships.models import PupilOutcomeMeasure
from tandem.relationships.services import twoway
from tandem.testing.matrix import SIGN_IN, ViewCase, build_once, check_case, every_case, url_to
from tandem.testing.workflow import ROLES as BASE_ROLES
from tandem.testing.workflow import build_cast, person

ROLES = [*BASE_ROLES, "specialist"]
NOBODY = dict.fromkeys(ROLES, 404) | {"anonymous": SIGN_IN}
NOT_ALLOWED = dict.fromkeys(ROLES, 405)
# The mentor's own learning: the mentor alone; the learner sees the relationship, so 403.
OWNER_GET = NOBODY | {"mentor": 200, "mentee": 403}
OWNER_POST = NOBODY | {"mentor": 302, "mentee": 403}
# One of the mentor's own items: no one else learns it exists, not even the learner.
ITEM_GET = NOBODY | {"mentor": 200}
ITEM_POST = NOBODY | {"mentor": 302}
MEMBERS = NOBODY | {"mentee": 200, "mentor": 200}
LEARNER_GET = NOBODY | {"mentee": 200, "mentor": 403}
LEARNER_POST = NOBODY | {"mentee": 302, "mentor": 403}
COORDINATOR_ONLY = NOBODY | {
    "coordinator": 200,
    "mentee": 403,
    "mentor": 403,
    "other_mentee": 403,
    "leader": 403,
    "line_manager": 403,
    "specialist": 403,
}
COORDINATOR_POST = COORDINATOR_ONLY | {"coordinator": 302}
# Making a referral: the coordinator and the mentor; the learner sees the relationship.
REFERRER_GET = NOBODY | {"coordinator": 200, "mentor": 200, "mentee": 403}
REFERRER_POST = NOBODY | {"coordinator": 200, "mentor": 200, "mentee": 403}
REFERRAL_SEEN = NOBODY | {"mentee": 200, "mentor": 200, "coordinator": 200, "specialist": 200}
REFERRAL_ENDED = REFERRAL_SEEN | {
    role: 302 for role, status in REFERRAL_SEEN.items() if status == 200
}
SPECIALIST_POST = NOBODY | {"mentee": 403, "mentor": 403, "coordinator": 403, "specialist": 302}
# Evaluation: coordinators and leaders see aggregates; members of the programme get 403.
AGGREGATES = COORDINATOR_ONLY | {"leader": 200}
EVERYONE = dict.fromkeys(ROLES, 200) | {"anonymous": SIGN_IN}


def build() -> dict[str, Any]:
    cast = build_cast()
    relationship, mentor, mentee = cast["relationship"], cast["mentor"], cast["mentee"]
    # Sam: a specialist coach in the same school, outside the relationship.
    specialist = person(cast["moorland"], "Sam Specialist")
    own_goal = twoway.add_own_learning_goal(
        actor=mentor, relationship=relationship, fields={"title": "Ask better questions"}
    )
    log_entry = twoway.add_learning_log_entry(
        actor=mentor,
        relationship=relationship,
        fields={"learned_on": timezone.localdate(), "learned": "Silence helps."},
    )
    measure = twoway.define_pupil_outcome_measure(
        actor=cast["coordinator"],
        programme=cast["programme"],
        fields={"name": "Attendance", "scale": PupilOutcomeMeasure.Scale.PERCENTAGE},
    )
    referral = twoway.refer_to_specialist(
        actor=cast["coordinator"],
        relationship=relationship,
        learner=mentee,
        specialist=specialist,
        focus_area="Behaviour for learning",
    )
    return cast | {
        "specialist": specialist,
        "own_goal": own_goal,
        "log_entry": log_entry,
        "measure": measure,
        "referral": referral,
    }


cast_for_module = build_once(build)


def _rel(name: str):
    return url_to(f"relationships:{name}", "relationship")


def _obj(name: str, key: str):
    return url_to(f"relationships:{name}", key)


def _deleted(name: str, key: str):
    def url(cast):
        twoway.delete_own_record(actor=cast["mentor"], item=cast[key])
        return reverse(f"relationships:{name}", args=[cast[key].uuid])

    return url


def _record(phase: str):
    return lambda c: reverse(
        "relationships:pupil-outcome-record",
        args=[c["relationship"].uuid, c["measure"].uuid, phase],
    )


TODAY = timezone.localdate()
LOG_DATA = {
    "learned_on_day": TODAY.day,
    "learned_on_month": TODAY.month,
    "learned_on_year": TODAY.year,
    "learned": "Corrected",
}

TWOWAY_CASES = [
    ViewCase("relationships:own-learning", _rel("own-learning"), OWNER_GET),
    ViewCase("relationships:own-learning", _rel("own-learning"), NOT_ALLOWED, "post"),
    ViewCase("relationships:own-goal-add", _rel("own-goal-add"), OWNER_GET),
    ViewCase(
        "relationships:own-goal-add",
        _rel("own-goal-add"),
        OWNER_POST,
        "post",
        {"title": "Listen", "status": "not-started"},
    ),
    ViewCase("relationships:own-goal-edit", _obj("own-goal-edit", "own_goal"), ITEM_GET),
    ViewCase(
        "relationships:own-goal-edit",
        _obj("own-goal-edit", "own_goal"),
        ITEM_POST,
        "post",
        {"title": "Listen more", "status": "in-progress"},
    ),
    ViewCase("relationships:own-goal-delete", _obj("own-goal-delete", "own_goal"), ITEM_GET),
    ViewCase(
        "relationships:own-goal-delete", _obj("own-goal-delete", "own_goal"), ITEM_POST, "post"
    ),
    ViewCase(
        "relationships:own-goal-restore",
        _deleted("own-goal-restore", "own_goal"),
        ITEM_POST,
        "post",
    ),
    ViewCase("relationships:own-goal-restore", _obj("own-goal-restore", "own_goal"), NOT_ALLOWED),
    ViewCase("relationships:log-entry-add", _rel("log-entry-add"), OWNER_GET),
    ViewCase("relationships:log-entry-add", _rel("log-entry-add"), OWNER_POST, "post", LOG_DATA),
    ViewCase("relationships:log-entry-edit", _obj("log-entry-edit", "log_entry"), ITEM_GET),
    ViewCase(
        "relationships:log-entry-edit",
        _obj("log-entry-edit", "log_entry"),
        ITEM_POST,
        "post",
        LOG_DATA,
    ),
    ViewCase("relationships:log-entry-delete", _obj("log-entry-delete", "log_entry"), ITEM_GET),
    ViewCase(
        "relationships:log-entry-delete",
        _obj("log-entry-delete", "log_entry"),
        ITEM_POST,
        "post",
    ),
    ViewCase(
        "relationships:log-entry-restore",
        _deleted("log-entry-restore", "log_entry"),
        ITEM_POST,
        "post",
    ),
    ViewCase(
        "relationships:log-entry-restore", _obj("log-entry-restore", "log_entry"), NOT_ALLOWED
    ),
    ViewCase(
        "relationships:pupil-outcome-measures",
        url_to("relationships:pupil-outcome-measures", "programme"),
        COORDINATOR_ONLY,
    ),
    ViewCase(
        "relationships:pupil-outcome-measures",
        url_to("relationships:pupil-outcome-measures", "programme"),
        COORDINATOR_POST,
        "post",
        {"name": "Reading", "scale": "bands", "bands": "Below\nAt\nAbove"},
    ),
    ViewCase(
        "relationships:pupil-outcome-measure-edit",
        _obj("pupil-outcome-measure-edit", "measure"),
        COORDINATOR_ONLY,
    ),
    ViewCase(
        "relationships:pupil-outcome-measure-edit",
        _obj("pupil-outcome-measure-edit", "measure"),
        COORDINATOR_POST,
        "post",
        {"name": "Attendance (whole class)", "scale": "percentage"},
    ),
    ViewCase("relationships:pupil-outcomes", _rel("pupil-outcomes"), MEMBERS),
    ViewCase("relationships:pupil-outcomes", _rel("pupil-outcomes"), NOT_ALLOWED, "post"),
    ViewCase("relationships:pupil-outcome-record", _record("before"), LEARNER_GET),
    ViewCase(
        "relationships:pupil-outcome-record",
        _record("after"),
        LEARNER_POST,
        "post",
        {"percentage": 91},
    ),
    ViewCase("relationships:referral-add", _rel("referral-add"), REFERRER_GET),
    # An empty form: the referrers see it again with errors (200), nothing is made.
    ViewCase("relationships:referral-add", _rel("referral-add"), REFERRER_POST, "post"),
    ViewCase("relationships:referral-detail", _obj("referral-detail", "referral"), REFERRAL_SEEN),
    ViewCase(
        "relationships:referral-detail",
        _obj("referral-detail", "referral"),
        NOT_ALLOWED,
        "post",
    ),
    ViewCase(
        "relationships:referral-accept",
        _obj("referral-accept", "referral"),
        SPECIALIST_POST,
        "post",
    ),
    ViewCase("relationships:referral-accept", _obj("referral-accept", "referral"), NOT_ALLOWED),
    ViewCase(
        "relationships:referral-end", _obj("referral-end", "referral"), REFERRAL_ENDED, "post"
    ),
    ViewCase("relationships:referral-end", _obj("referral-end", "referral"), NOT_ALLOWED),
    ViewCase(
        "relationships:my-referrals", lambda c: reverse("relationships:my-referrals"), EVERYONE
    ),
    ViewCase(
        "evaluation:pupil-outcomes",
        url_to("evaluation:pupil-outcomes", "programme"),
        AGGREGATES,
    ),
    ViewCase(
        "evaluation:pupil-outcomes",
        url_to("evaluation:pupil-outcomes", "programme"),
        NOT_ALLOWED,
        "post",
    ),
]


@every_case(TWOWAY_CASES, ROLES)
def test_permission_matrix(matrix_client, matrix_cast, case, role):
    check_case(matrix_client, case, role, matrix_cast)


def test_specialist_sees_nothing_of_the_relationship_record(client, matrix_cast):
    """The referral grants the specialist the referral only (seed 003 principle 4)."""
    client.force_login(matrix_cast["specialist"])
    for url in (
        reverse("relationships:relationship-detail", args=[matrix_cast["relationship"].uuid]),
        reverse("relationships:conversation-list", args=[matrix_cast["relationship"].uuid]),
        reverse("relationships:conversation-detail", args=[matrix_cast["conversation"].uuid]),
        reverse("relationships:goal-detail", args=[matrix_cast["goal"].uuid]),
    ):
        assert client.get(url).status_code == 404, url

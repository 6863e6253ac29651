"""Every relationships view × every role (see tandem.testing.matrix and DESIGN.md's
confidentiality model): members see the record, coordinators metadata only, and line
managers, leaders, other participants and outsiders nothing at all."""

from django.urls import reverse

from tandem.relationships import reminders
from tandem.relationships.models import CalendarFeed
from tandem.testing.matrix import SIGN_IN, ViewCase, build_once, check_case, every_case, url_to
from tandem.testing.workflow import (
    COORDINATOR_ONLY,
    EVERYONE,
    NOBODY_ELSE,
    NOT_ALLOWED,
    ROLES,
    build_cast,
)

MEMBERS = NOBODY_ELSE | {"mentee": 200, "mentor": 200}
MEMBERS_POST = NOBODY_ELSE | {"mentee": 302, "mentor": 302}
LEARNER_ONLY = NOBODY_ELSE | {"mentee": 200, "mentor": 403}


cast_for_module = build_once(build_cast)


def _rel(name):
    return url_to(f"relationships:{name}", "relationship")


def _obj(name, key):
    return url_to(f"relationships:{name}", key)


def _programme(name):
    return url_to(f"relationships:{name}", "programme")


def _feed(cast):
    feed, _created = CalendarFeed.objects.get_or_create(user=cast["mentee"])
    return reverse("relationships:calendar-feed", args=[feed.token])


def _unsubscribe(cast):
    return reverse(
        "relationships:reminder-unsubscribe",
        args=[reminders.unsubscribe_token(cast["mentee"])],
    )


CASES = [
    ViewCase(
        "relationships:my-mentoring", lambda c: reverse("relationships:my-mentoring"), EVERYONE
    ),
    ViewCase("relationships:my-mentees", lambda c: reverse("relationships:my-mentees"), EVERYONE),
    ViewCase("relationships:calendar", lambda c: reverse("relationships:calendar"), EVERYONE),
    ViewCase(
        "relationships:calendar",
        lambda c: reverse("relationships:calendar"),
        dict.fromkeys(ROLES, 302) | {"anonymous": SIGN_IN},
        method="post",
    ),
    # The secret address is the credential: calendar apps cannot sign in.
    ViewCase("relationships:calendar-feed", _feed, dict.fromkeys(ROLES, 200)),
    ViewCase(
        "relationships:calendar-feed",
        lambda c: reverse("relationships:calendar-feed", args=["not-a-real-token"]),
        dict.fromkeys(ROLES, 404),
    ),
    # Each person's own reminder choices: the page is about whoever is signed in.
    ViewCase(
        "relationships:reminder-preferences",
        lambda c: reverse("relationships:reminder-preferences"),
        EVERYONE,
    ),
    ViewCase(
        "relationships:reminder-preferences",
        lambda c: reverse("relationships:reminder-preferences"),
        dict.fromkeys(ROLES, 302) | {"anonymous": SIGN_IN},
        method="post",
    ),
    # The signed address in the email is the credential: mail clients cannot sign in.
    ViewCase("relationships:reminder-unsubscribe", _unsubscribe, dict.fromkeys(ROLES, 200)),
    ViewCase(
        "relationships:reminder-unsubscribe",
        lambda c: reverse("relationships:reminder-unsubscribe", args=["not-a-real-token"]),
        dict.fromkeys(ROLES, 404),
        method="post",
    ),
    ViewCase(
        "relationships:programme-overview", _programme("programme-overview"), COORDINATOR_ONLY
    ),
    ViewCase(
        "relationships:relationship-create", _programme("relationship-create"), COORDINATOR_ONLY
    ),
    ViewCase(
        "relationships:relationship-detail",
        _rel("relationship-detail"),
        MEMBERS | {"coordinator": 200},
    ),
    ViewCase("relationships:relationship-detail", _rel("relationship-detail"), NOT_ALLOWED, "post"),
    ViewCase(
        "relationships:relationship-status",
        _rel("relationship-status"),
        NOBODY_ELSE | {"mentee": 403, "mentor": 403, "coordinator": 302},
        method="post",
        data={"transition": "pause"},
    ),
    ViewCase("relationships:relationship-status", _rel("relationship-status"), NOT_ALLOWED),
    ViewCase("relationships:change-request-create", _rel("change-request-create"), LEARNER_ONLY),
    ViewCase(
        "relationships:change-request-detail",
        _obj("change-request-detail", "change"),
        NOBODY_ELSE | {"mentee": 200, "coordinator": 200},
    ),
    ViewCase(
        "relationships:change-request-detail",
        _obj("change-request-detail", "change"),
        NOBODY_ELSE | {"mentee": 403, "coordinator": 302},
        method="post",
        data={"end_relationship": "on", "note": "Done"},
    ),
    ViewCase("relationships:agreement-detail", _rel("agreement-detail"), MEMBERS),
    ViewCase("relationships:agreement-edit", _rel("agreement-edit"), MEMBERS),
    ViewCase(
        "relationships:agreement-sign",
        _rel("agreement-sign"),
        MEMBERS_POST,
        method="post",
        data={"number": 1},
    ),
    ViewCase("relationships:agreement-sign", _rel("agreement-sign"), NOT_ALLOWED),
    ViewCase("relationships:goal-add", _rel("goal-add"), LEARNER_ONLY),
    ViewCase("relationships:goal-detail", _obj("goal-detail", "goal"), MEMBERS),
    ViewCase("relationships:goal-edit", _obj("goal-edit", "goal"), LEARNER_ONLY),
    ViewCase(
        "relationships:goal-update-add",
        _obj("goal-update-add", "goal"),
        MEMBERS_POST,
        method="post",
        data={"note": "Tried two hinge questions.", "progress_percent": 40},
    ),
    ViewCase("relationships:goal-update-add", _obj("goal-update-add", "goal"), NOT_ALLOWED),
    ViewCase("relationships:conversation-add", _rel("conversation-add"), MEMBERS),
    ViewCase(
        "relationships:conversation-detail",
        _obj("conversation-detail", "conversation"),
        MEMBERS,
    ),
    ViewCase("relationships:conversation-edit", _obj("conversation-edit", "conversation"), MEMBERS),
    ViewCase("relationships:private-note-edit", _obj("private-note-edit", "conversation"), MEMBERS),
    ViewCase("relationships:action-toggle", _obj("action-toggle", "action"), MEMBERS_POST, "post"),
    ViewCase("relationships:action-toggle", _obj("action-toggle", "action"), NOT_ALLOWED),
    ViewCase("relationships:observation-add", _rel("observation-add"), MEMBERS),
    ViewCase("relationships:evidence-add", _rel("evidence-add"), MEMBERS),
    ViewCase("relationships:evidence-download", _obj("evidence-download", "evidence"), MEMBERS),
    ViewCase("relationships:time-add", _rel("time-add"), MEMBERS),
]


@every_case(CASES, ROLES)
def test_permission_matrix(matrix_client, matrix_cast, case, role):
    check_case(matrix_client, case, role, matrix_cast)


def test_ended_relationship_is_read_only_for_members(client, matrix_cast):
    relationship = matrix_cast["relationship"]
    relationship.status = "ended"
    relationship.ended_on = relationship.started_on
    relationship.end_reason = "completed"
    relationship.save()
    client.force_login(matrix_cast["mentee"])
    assert client.get(_rel("relationship-detail")(matrix_cast)).status_code == 200
    assert client.get(_rel("conversation-add")(matrix_cast)).status_code == 403
    assert client.get(_rel("agreement-edit")(matrix_cast)).status_code == 403

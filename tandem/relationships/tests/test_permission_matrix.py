"""Every relationships view × every role (see tandem.testing.matrix and DESIGN.md's
confidentiality model): members see the record, coordinators metadata only, and line
managers, leaders, other participants and outsiders nothing at all."""

from django.urls import reverse
from django.utils import timezone

from tandem.relationships import reminders
from tandem.relationships.models import CalendarFeed, TimeEntry
from tandem.relationships.services import corrections
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
# Time entries and observations: the mentor recorded them; the mentee may read, not change.
AUTHOR_ONLY = NOBODY_ELSE | {"mentee": 403, "mentor": 200}
AUTHOR_ONLY_POST = NOBODY_ELSE | {"mentee": 403, "mentor": 302}
MEMBERS_POST = NOBODY_ELSE | {"mentee": 302, "mentor": 302}
LEARNER_ONLY = NOBODY_ELSE | {"mentee": 200, "mentor": 403}
# Goals: only their owner (the mentee) deletes or restores them.
LEARNER_ONLY_POST = NOBODY_ELSE | {"mentee": 302, "mentor": 403}


cast_for_module = build_once(build_cast)


def _rel(name):
    return url_to(f"relationships:{name}", "relationship")


def _obj(name, key):
    return url_to(f"relationships:{name}", key)


def _programme(name):
    return url_to(f"relationships:{name}", "programme")


def _time_entry(cast):
    return TimeEntry.objects.get(relationship=cast["relationship"], user=cast["mentor"])


def _time(name):
    return lambda c: reverse(f"relationships:{name}", args=[_time_entry(c).uuid])


def _deleted(name, find, by="mentor"):
    """The restore URL of an item the mentor (or `by`) has just deleted (each case runs in
    its own transaction, so the deletion does not outlive it)."""

    def url(cast):
        item = find(cast)
        corrections.delete_record(actor=cast[by], item=item)
        return reverse(f"relationships:{name}", args=[item.uuid])

    return url


TIME_DATA = {"kind": "training", "minutes": 40, "note": "Corrected"}


def _time_data():
    today = timezone.localdate()
    return TIME_DATA | {
        "spent_on_day": today.day,
        "spent_on_month": today.month,
        "spent_on_year": today.year,
    }


def _observation_data():
    today = timezone.localdate()
    return {
        "focus": "Corrected focus",
        "observed_on_day": today.day,
        "observed_on_month": today.month,
        "observed_on_year": today.year,
    }


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
    ViewCase(
        "relationships:change-request-decline",
        _obj("change-request-decline", "change"),
        NOBODY_ELSE | {"mentee": 403, "coordinator": 302},
        method="post",
        data={"reason": "Give it a term."},
    ),
    ViewCase(
        "relationships:change-request-decline",
        _obj("change-request-decline", "change"),
        NOT_ALLOWED,
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
    ViewCase("relationships:time-list", _rel("time-list"), MEMBERS),
    ViewCase("relationships:time-list", _rel("time-list"), NOT_ALLOWED, "post"),
    ViewCase("relationships:time-edit", _time("time-edit"), AUTHOR_ONLY),
    ViewCase("relationships:time-edit", _time("time-edit"), AUTHOR_ONLY_POST, "post", _time_data()),
    ViewCase("relationships:time-delete", _time("time-delete"), AUTHOR_ONLY),
    ViewCase("relationships:time-delete", _time("time-delete"), AUTHOR_ONLY_POST, "post"),
    ViewCase(
        "relationships:time-restore",
        _deleted("time-restore", _time_entry),
        AUTHOR_ONLY_POST,
        "post",
    ),
    ViewCase("relationships:time-restore", _time("time-restore"), NOT_ALLOWED),
    ViewCase("relationships:observation-list", _rel("observation-list"), MEMBERS),
    ViewCase("relationships:observation-list", _rel("observation-list"), NOT_ALLOWED, "post"),
    ViewCase(
        "relationships:observation-edit", _obj("observation-edit", "observation"), AUTHOR_ONLY
    ),
    ViewCase(
        "relationships:observation-edit",
        _obj("observation-edit", "observation"),
        AUTHOR_ONLY_POST,
        "post",
        _observation_data(),
    ),
    ViewCase(
        "relationships:observation-delete", _obj("observation-delete", "observation"), AUTHOR_ONLY
    ),
    ViewCase(
        "relationships:observation-delete",
        _obj("observation-delete", "observation"),
        AUTHOR_ONLY_POST,
        "post",
    ),
    ViewCase(
        "relationships:observation-restore",
        _deleted("observation-restore", lambda c: c["observation"]),
        AUTHOR_ONLY_POST,
        "post",
    ),
    ViewCase(
        "relationships:observation-restore",
        _obj("observation-restore", "observation"),
        NOT_ALLOWED,
    ),
    # The mentee owns the action the mentor agreed: both may correct it.
    ViewCase("relationships:action-list", _rel("action-list"), MEMBERS),
    ViewCase("relationships:action-list", _rel("action-list"), NOT_ALLOWED, "post"),
    ViewCase("relationships:action-edit", _obj("action-edit", "action"), MEMBERS),
    # (Saving an edit needs the owner's key, which the shared cast does not know in
    # advance: test_corrections posts it.)
    ViewCase("relationships:action-delete", _obj("action-delete", "action"), MEMBERS),
    ViewCase("relationships:action-delete", _obj("action-delete", "action"), MEMBERS_POST, "post"),
    ViewCase(
        "relationships:action-restore",
        _deleted("action-restore", lambda c: c["action"]),
        MEMBERS_POST,
        "post",
    ),
    ViewCase("relationships:action-restore", _obj("action-restore", "action"), NOT_ALLOWED),
    # Goals: the mentee owns them, so only the mentee deletes and restores one.
    ViewCase("relationships:goal-list", _rel("goal-list"), MEMBERS),
    ViewCase("relationships:goal-list", _rel("goal-list"), NOT_ALLOWED, "post"),
    ViewCase("relationships:goal-delete", _obj("goal-delete", "goal"), LEARNER_ONLY),
    ViewCase("relationships:goal-delete", _obj("goal-delete", "goal"), LEARNER_ONLY_POST, "post"),
    ViewCase(
        "relationships:goal-restore",
        _deleted("goal-restore", lambda c: c["goal"], by="mentee"),
        LEARNER_ONLY_POST,
        "post",
    ),
    ViewCase("relationships:goal-restore", _obj("goal-restore", "goal"), NOT_ALLOWED),
    # The mentor logged the held conversation: only the mentor deletes and restores it.
    ViewCase("relationships:conversation-list", _rel("conversation-list"), MEMBERS),
    ViewCase("relationships:conversation-list", _rel("conversation-list"), NOT_ALLOWED, "post"),
    ViewCase(
        "relationships:conversation-delete",
        _obj("conversation-delete", "conversation"),
        AUTHOR_ONLY,
    ),
    ViewCase(
        "relationships:conversation-delete",
        _obj("conversation-delete", "conversation"),
        AUTHOR_ONLY_POST,
        "post",
    ),
    ViewCase(
        "relationships:conversation-restore",
        _deleted("conversation-restore", lambda c: c["conversation"]),
        AUTHOR_ONLY_POST,
        "post",
    ),
    ViewCase(
        "relationships:conversation-restore",
        _obj("conversation-restore", "conversation"),
        NOT_ALLOWED,
    ),
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

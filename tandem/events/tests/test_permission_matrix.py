"""Every events view × every role (see tandem.testing.matrix).

Roles are the mentoring cast's (tandem.testing.workflow) plus Fiona, who facilitates the
training day without being enrolled. Dana and Bob have places at the training day; Eve is a
participant without one. Helen (leader), Lena (line manager) and Charlie (outsider) take no
part in the programme, so no event of it exists for them (404).
"""

from django.urls import reverse

from tandem.events.tests.cast import EVENT_ROLES, build_event_cast
from tandem.testing.matrix import (
    SIGN_IN,
    ViewCase,
    build_once,
    check_case,
    every_case,
    expect,
    url_to,
)

cast_for_module = build_once(build_event_cast)

ROLES = EVENT_ROLES
HIDDEN = {"leader": 404, "line_manager": 404, "outsider": 404, "anonymous": SIGN_IN}
PARTICIPANTS = {"mentee": 200, "mentor": 200, "other_mentee": 200}
# Those who see the event: coordinator, participants, facilitator.
SEE = expect(ROLES, 200) | HIDDEN
# Changing it: coordinators only; the others who see it are refused (403).
CHANGE = expect(ROLES, 403, coordinator=200) | HIDDEN
MARK = expect(ROLES, 403, coordinator=200, facilitator=200) | HIDDEN
NOT_ALLOWED = expect(ROLES, 405)


def _event(name, key="training"):
    return url_to(f"events:{name}", key)


CASES = [
    ViewCase(
        "events:my-events",
        lambda c: reverse("events:my-events"),
        expect(ROLES, 200) | {"anonymous": SIGN_IN},
    ),
    ViewCase("events:my-events", lambda c: reverse("events:my-events"), NOT_ALLOWED, "post"),
    ViewCase(
        "events:event-list",
        url_to("events:event-list", "programme"),
        expect(ROLES, 404, coordinator=200, **PARTICIPANTS) | HIDDEN,
    ),
    ViewCase("events:event-list", url_to("events:event-list", "programme"), NOT_ALLOWED, "post"),
    ViewCase(
        "events:event-create",
        url_to("events:event-create", "programme"),
        expect(ROLES, 403, coordinator=200, facilitator=404) | HIDDEN,
    ),
    ViewCase("events:event-detail", _event("event-detail"), SEE),
    ViewCase("events:event-detail", _event("event-detail"), NOT_ALLOWED, "post"),
    ViewCase("events:event-edit", _event("event-edit"), CHANGE),
    ViewCase("events:event-cancel", _event("event-cancel"), CHANGE),
    ViewCase(
        "events:event-cancel",
        _event("event-cancel"),
        CHANGE | {"coordinator": 302},
        "post",
        {"note": "Snow."},
    ),
    ViewCase("events:event-calendar", _event("event-calendar"), SEE),
    ViewCase(
        "events:event-register",
        _event("event-register", "gathering"),
        # Only participants register; the facilitator of the training day does not see
        # the gathering day at all.
        expect(ROLES, 302, coordinator=403, facilitator=404) | HIDDEN,
        "post",
    ),
    ViewCase("events:event-register", _event("event-register"), NOT_ALLOWED),
    ViewCase("events:session-add", _event("session-add"), CHANGE),
    ViewCase("events:session-edit", url_to("events:session-edit", "training_session"), CHANGE),
    ViewCase("events:attendance", url_to("events:attendance", "training_session"), MARK),
    ViewCase(
        "events:attendance",
        url_to("events:attendance", "training_session"),
        MARK | {"coordinator": 302, "facilitator": 302},
        "post",
        {"attended": []},
    ),
    ViewCase(
        "events:registration-cancel",
        url_to("events:registration-cancel", "dana_place"),
        expect(ROLES, 403, mentee=200, coordinator=200) | HIDDEN,
    ),
    ViewCase(
        "events:registration-cancel",
        url_to("events:registration-cancel", "dana_place"),
        expect(ROLES, 403, mentee=302, coordinator=302) | HIDDEN,
        "post",
        {"confirmed": "yes"},
    ),
    ViewCase("events:material-add", _event("material-add"), CHANGE),
    ViewCase(
        "events:material-download",
        url_to("events:material-download", "handout"),
        # Registrants (Dana, Bob), the facilitator and coordinators; Eve has no place.
        expect(ROLES, 200, other_mentee=403) | HIDDEN,
    ),
    ViewCase(
        "events:material-remove",
        url_to("events:material-remove", "reading"),
        CHANGE,  # asks first
        "post",
    ),
    ViewCase(
        "events:material-remove",
        url_to("events:material-remove", "reading"),
        CHANGE | {"coordinator": 302},
        "post",
        {"confirmed": "yes"},
    ),
    ViewCase("events:material-remove", url_to("events:material-remove", "reading"), NOT_ALLOWED),
]


@every_case(CASES, ROLES)
def test_permission_matrix(matrix_client, matrix_cast, case, role):
    check_case(matrix_client, case, role, matrix_cast)

"""Every API endpoint and API page × every role of the mentoring cast (tandem.testing.workflow).

API endpoints are called with the site's session, as the pages would; token access is
covered in test_tokens.py. Anonymous callers get 401 from the API, the sign-in page from pages.
"""

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils import timezone

from tandem.api.services import create_token
from tandem.evaluation.models import SurveyResponse
from tandem.evaluation.tests.cast import add_surveys, answer_all
from tandem.matching.services import start_run
from tandem.testing import matrix
from tandem.testing.matrix import SIGN_IN, ViewCase, build_once, check_case, every_case
from tandem.testing.workflow import ROLES, build_cast

SIGNED_IN = matrix.expect(ROLES, 200, anonymous=401)
PAGE = matrix.everyone(ROLES)
MOORLAND = matrix.expect(ROLES, 200, outsider=404, anonymous=401)
NOBODY_ELSE = {"other_mentee": 404, "leader": 404, "line_manager": 404, "outsider": 404}
MEMBERS = {"mentee": 200, "mentor": 200, "coordinator": 404, "anonymous": 401} | NOBODY_ELSE
METADATA = MEMBERS | {"coordinator": 200}
# The method is refused, once the caller has said who they are.
NOT_ALLOWED = matrix.expect(ROLES, 405, anonymous=401)


@dataclass(frozen=True)
class ApiCase(ViewCase):
    payload: Callable[[dict], dict] = field(default=lambda cast: {})


def _goal_payload(cast):
    return {
        "relationship": str(cast["relationship"].uuid),
        "title": "Plan retrieval practice",
        "why_it_matters": "Department priority.",
        "success_criteria": "Weekly quizzes in place.",
        "target_on": (timezone.localdate() + dt.timedelta(days=30)).isoformat(),
    }


def _conversation_payload(cast):
    return {
        "relationship": str(cast["relationship"].uuid),
        "status": "planned",
        "starts_at": "2030-01-10T09:00:00Z",
        "duration_minutes": 45,
        "mode": "video",
    }


def _action_payload(cast):
    return {
        "relationship": str(cast["relationship"].uuid),
        "description": "Share the quiz bank",
        "owner": str(cast["mentee"].uuid),
    }


def _case(name, key, expected, **kwargs):
    """A case for the view `name`, at the URL of the cast's `key` object (if any); a case
    with a `payload` sends it as JSON."""
    case_type = ApiCase if "payload" in kwargs else ViewCase
    return case_type(name, matrix.url_to(name, key), expected, **kwargs)


def _record_cases(kind, edit, edit_payload, create, create_payload):
    """A relationship's records of one kind: listing, reading, changing and adding one.

    Any signed-in caller may list (seeing only their own); members read the record."""
    return [
        _case(f"api:{kind}-list", None, SIGNED_IN),
        _case(f"api:{kind}-detail", kind, MEMBERS),
        _case(f"api:{kind}-detail", kind, edit, method="patch", payload=edit_payload),
        _case(f"api:{kind}-list", None, create, method="post", payload=create_payload),
    ]


CASES = [
    _case("api:schema", None, dict.fromkeys(ROLES, 200)),
    _case("api:reference", None, PAGE),
    _case("api:token-list", None, PAGE),
    _case(
        "api:token-list",
        None,
        dict.fromkeys(ROLES, 200) | {"anonymous": SIGN_IN},
        method="post",
        data={"name": "HR sync", "scope": "read"},
    ),
    _case(
        "api:token-revoke",
        "token",
        dict.fromkeys(ROLES, 404) | {"mentee": 302, "anonymous": SIGN_IN},
        method="post",
    ),
    _case("api:token-revoke", "token", dict.fromkeys(ROLES, 405)),
    _case("api:organisation-list", None, SIGNED_IN),
    _case("api:organisation-detail", "moorland", MOORLAND),
    _case(
        "api:organisation-detail",
        "moorland",
        dict.fromkeys(ROLES, 403) | {"leader": 200, "outsider": 404, "anonymous": 401},
        method="patch",
        payload=lambda cast: {"description": "A school on the moors."},
    ),
    _case("api:person-list", None, SIGNED_IN),
    _case("api:person-detail", "mentee", MOORLAND),
    _case("api:programme-list", None, SIGNED_IN),
    _case("api:programme-detail", "programme", MOORLAND),
    _case("api:enrolment-list", None, SIGNED_IN),
    _case(
        "api:enrolment-detail",
        "mentee_enrolment",
        dict.fromkeys(ROLES, 404) | {"mentee": 200, "coordinator": 200, "anonymous": 401},
    ),
    _case(
        "api:enrolment-list",
        None,
        dict.fromkeys(ROLES, 403) | {"coordinator": 201, "outsider": 404, "anonymous": 401},
        method="post",
        payload=lambda cast: {
            "programme": str(cast["programme"].uuid),
            "user": str(cast["leader"].uuid),
            "role": "mentor",
        },
    ),
    _case("api:relationship-list", None, SIGNED_IN),
    _case("api:relationship-detail", "relationship", METADATA),
    *_record_cases(
        "goal",
        MEMBERS | {"mentor": 403},
        lambda cast: {"title": "Use hinge questions every lesson"},
        MEMBERS | {"mentee": 201, "mentor": 403},
        _goal_payload,
    ),
    *_record_cases(
        "conversation",
        MEMBERS,
        lambda cast: {"summary": "Revised summary."},
        MEMBERS | {"mentee": 201, "mentor": 201},
        _conversation_payload,
    ),
    *_record_cases(
        "action",
        MEMBERS,
        lambda cast: {"done": True},
        MEMBERS | {"mentee": 201, "mentor": 201},
        _action_payload,
    ),
    _case(
        "api:goal-detail",
        "goal",
        NOT_ALLOWED,
        method="delete",
    ),
    _case("api:survey-list", None, SIGNED_IN),
    _case(
        "api:survey-detail",
        "survey",
        # Members of the programme's relationships, its coordinators and its leaders.
        METADATA | {"leader": 200},
    ),
    _case(
        "api:survey-list",
        None,
        NOT_ALLOWED,
        method="post",
    ),
    _case("api:survey-response-list", None, SIGNED_IN),
    _case(
        "api:survey-response-detail",
        "survey_response",
        # Pseudonymous: a response is the respondent's alone, even to coordinators.
        dict.fromkeys(ROLES, 404) | {"mentee": 200, "anonymous": 401},
    ),
    _case("api:report-list", None, SIGNED_IN),
    _case(
        "api:report-detail",
        "programme",
        # Aggregates for the coordinators and the organisation's leaders only.
        dict.fromkeys(ROLES, 404) | {"coordinator": 200, "leader": 200, "anonymous": 401},
    ),
    _case("api:match-run-list", None, SIGNED_IN),
    _case(
        "api:match-run-detail",
        "match_run",
        # Runs (and their unplaced reports) are the programme's coordinators' alone.
        dict.fromkeys(ROLES, 404) | {"coordinator": 200, "anonymous": 401},
    ),
    _case("api:match-run-detail", "match_run", NOT_ALLOWED, method="post"),
]


def build_api_cast():
    cast = build_cast()
    token, _text = create_token(actor=cast["mentee"], name="Sync", scope="read")
    enrolment = cast["programme"].enrolments.get(user=cast["mentee"])
    surveys = add_surveys(cast)
    answer_all(surveys["mentee-baseline"], cast["mentee"], "mentee", 3)
    response = SurveyResponse.objects.get(respondent=cast["mentee"])
    run = start_run(actor=cast["coordinator"], programme=cast["programme"], mode="allocation")
    return cast | {
        "match_run": run,
        "token": token,
        "mentee_enrolment": enrolment,
        "survey": surveys["mentee-baseline"],
        "survey_response": response,
    }


cast_for_module = build_once(build_api_cast)


@every_case(CASES, ROLES)
def test_permission_matrix(matrix_client, matrix_cast, case, role):
    if not isinstance(case, ApiCase):
        check_case(matrix_client, case, role, matrix_cast)
        return
    user = matrix_cast[role]
    if user is not None:
        matrix_client.force_login(user)
    response = getattr(matrix_client, case.method)(
        case.url(matrix_cast),
        json.dumps(case.payload(matrix_cast)),
        content_type="application/json",
    )
    expected = case.expected[role]
    assert response.status_code == expected, (
        f"{case.id_for(role)}: expected {expected}, got {response.status_code} {response.content!r}"
    )

"""Every API endpoint and API page × every role of the mentoring cast (tandem.testing.workflow).

API endpoints are called with the site's session, as the pages would; token access is
covered in test_tokens.py. Anonymous callers get 401 from the API, the sign-in page from pages.
"""

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils import timezone

from tandem.api.services import create_token
from tandem.evaluation.models import SurveyResponse
from tandem.evaluation.tests.cast import add_surveys, answer_all
from tandem.testing import matrix
from tandem.testing.matrix import SIGN_IN, ViewCase, build_once, check_case, every_case
from tandem.testing.workflow import ROLES, build_cast

SIGNED_IN = matrix.expect(ROLES, 200, anonymous=401)
PAGE = matrix.everyone(ROLES)
MOORLAND = matrix.expect(ROLES, 200, outsider=404, anonymous=401)
NOBODY_ELSE = {"other_mentee": 404, "leader": 404, "line_manager": 404, "outsider": 404}
MEMBERS = {"mentee": 200, "mentor": 200, "coordinator": 404, "anonymous": 401} | NOBODY_ELSE
METADATA = MEMBERS | {"coordinator": 200}


@dataclass(frozen=True)
class ApiCase(ViewCase):
    payload: Callable[[dict], dict] = field(default=lambda cast: {})


def _url(name, key=None):
    if key is None:
        return lambda cast: reverse(name)
    return lambda cast: reverse(name, args=[cast[key].uuid])


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


CASES = [
    ViewCase("api:schema", _url("api:schema"), dict.fromkeys(ROLES, 200)),
    ViewCase("api:reference", _url("api:reference"), PAGE),
    ViewCase("api:token-list", _url("api:token-list"), PAGE),
    ViewCase(
        "api:token-list",
        _url("api:token-list"),
        dict.fromkeys(ROLES, 200) | {"anonymous": SIGN_IN},
        method="post",
        data={"name": "HR sync", "scope": "read"},
    ),
    ViewCase(
        "api:token-revoke",
        _url("api:token-revoke", "token"),
        dict.fromkeys(ROLES, 404) | {"mentee": 302, "anonymous": SIGN_IN},
        method="post",
    ),
    ViewCase("api:token-revoke", _url("api:token-revoke", "token"), dict.fromkeys(ROLES, 405)),
    ViewCase("api:organisation-list", _url("api:organisation-list"), SIGNED_IN),
    ViewCase("api:organisation-detail", _url("api:organisation-detail", "moorland"), MOORLAND),
    ApiCase(
        "api:organisation-detail",
        _url("api:organisation-detail", "moorland"),
        dict.fromkeys(ROLES, 403) | {"leader": 200, "outsider": 404, "anonymous": 401},
        method="patch",
        payload=lambda cast: {"description": "A school on the moors."},
    ),
    ViewCase("api:person-list", _url("api:person-list"), SIGNED_IN),
    ViewCase("api:person-detail", _url("api:person-detail", "mentee"), MOORLAND),
    ViewCase("api:programme-list", _url("api:programme-list"), SIGNED_IN),
    ViewCase("api:programme-detail", _url("api:programme-detail", "programme"), MOORLAND),
    ViewCase("api:enrolment-list", _url("api:enrolment-list"), SIGNED_IN),
    ViewCase(
        "api:enrolment-detail",
        _url("api:enrolment-detail", "mentee_enrolment"),
        dict.fromkeys(ROLES, 404) | {"mentee": 200, "coordinator": 200, "anonymous": 401},
    ),
    ApiCase(
        "api:enrolment-list",
        _url("api:enrolment-list"),
        dict.fromkeys(ROLES, 403) | {"coordinator": 201, "outsider": 404, "anonymous": 401},
        method="post",
        payload=lambda cast: {
            "programme": str(cast["programme"].uuid),
            "user": str(cast["leader"].uuid),
            "role": "mentor",
        },
    ),
    ViewCase("api:relationship-list", _url("api:relationship-list"), SIGNED_IN),
    ViewCase("api:relationship-detail", _url("api:relationship-detail", "relationship"), METADATA),
    ViewCase("api:goal-list", _url("api:goal-list"), SIGNED_IN),
    ViewCase("api:goal-detail", _url("api:goal-detail", "goal"), MEMBERS),
    ApiCase(
        "api:goal-detail",
        _url("api:goal-detail", "goal"),
        MEMBERS | {"mentor": 403},
        method="patch",
        payload=lambda cast: {"title": "Use hinge questions every lesson"},
    ),
    ApiCase(
        "api:goal-list",
        _url("api:goal-list"),
        MEMBERS | {"mentee": 201, "mentor": 403},
        method="post",
        payload=_goal_payload,
    ),
    ViewCase("api:conversation-list", _url("api:conversation-list"), SIGNED_IN),
    ViewCase("api:conversation-detail", _url("api:conversation-detail", "conversation"), MEMBERS),
    ApiCase(
        "api:conversation-detail",
        _url("api:conversation-detail", "conversation"),
        MEMBERS,
        method="patch",
        payload=lambda cast: {"summary": "Revised summary."},
    ),
    ApiCase(
        "api:conversation-list",
        _url("api:conversation-list"),
        MEMBERS | {"mentee": 201, "mentor": 201},
        method="post",
        payload=_conversation_payload,
    ),
    ViewCase("api:action-list", _url("api:action-list"), SIGNED_IN),
    ViewCase("api:action-detail", _url("api:action-detail", "action"), MEMBERS),
    ApiCase(
        "api:action-detail",
        _url("api:action-detail", "action"),
        MEMBERS,
        method="patch",
        payload=lambda cast: {"done": True},
    ),
    ApiCase(
        "api:action-list",
        _url("api:action-list"),
        MEMBERS | {"mentee": 201, "mentor": 201},
        method="post",
        payload=_action_payload,
    ),
    ViewCase(
        "api:goal-detail",
        _url("api:goal-detail", "goal"),
        dict.fromkeys(ROLES, 405) | {"anonymous": 401},
        method="delete",
    ),
    ViewCase("api:survey-list", _url("api:survey-list"), SIGNED_IN),
    ViewCase(
        "api:survey-detail",
        _url("api:survey-detail", "survey"),
        # Members of the programme's relationships, its coordinators and its leaders.
        METADATA | {"leader": 200},
    ),
    ViewCase(
        "api:survey-list",
        _url("api:survey-list"),
        dict.fromkeys(ROLES, 405) | {"anonymous": 401},
        method="post",
    ),
    ViewCase("api:survey-response-list", _url("api:survey-response-list"), SIGNED_IN),
    ViewCase(
        "api:survey-response-detail",
        _url("api:survey-response-detail", "survey_response"),
        # Pseudonymous: a response is the respondent's alone, even to coordinators.
        dict.fromkeys(ROLES, 404) | {"mentee": 200, "anonymous": 401},
    ),
    ViewCase("api:report-list", _url("api:report-list"), SIGNED_IN),
    ViewCase(
        "api:report-detail",
        _url("api:report-detail", "programme"),
        # Aggregates for the coordinators and the organisation's leaders only.
        dict.fromkeys(ROLES, 404) | {"coordinator": 200, "leader": 200, "anonymous": 401},
    ),
]


def build_api_cast():
    cast = build_cast()
    token, _text = create_token(actor=cast["mentee"], name="Sync", scope="read")
    enrolment = cast["programme"].enrolments.get(user=cast["mentee"])
    surveys = add_surveys(cast)
    answer_all(surveys["mentee-baseline"], cast["mentee"], "mentee", 3)
    response = SurveyResponse.objects.get(respondent=cast["mentee"])
    return cast | {
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

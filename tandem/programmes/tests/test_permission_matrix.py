"""Every programmes view × every role (see tandem.testing.matrix)."""

from django.urls import reverse

from tandem.programmes.models import Enrolment
from tandem.testing.matrix import SIGN_IN, ViewCase, build_once, check_case, every_case, url_to
from tandem.testing.workflow import COORDINATOR_ONLY, EVERYONE, NOT_ALLOWED, ROLES, build_cast

COLLEAGUES = EVERYONE | {"outsider": 404}


def build_programme_cast():
    cast = build_cast()
    # Eve is invited to mentor as well: only she may answer the invitation.
    cast["invitation"] = Enrolment.objects.create(
        programme=cast["programme"],
        user=cast["other_mentee"],
        role="mentor",
        status=Enrolment.Status.INVITED,
    )
    cast["mentor_enrolment"] = Enrolment.objects.get(user=cast["mentor"], role="mentor")
    return cast


cast_for_module = build_once(build_programme_cast)


def _programme(name):
    return url_to(f"programmes:{name}", "programme")


def _enrolment(name, key):
    return url_to(f"programmes:{name}", key)


CASES = [
    ViewCase("programmes:programme-list", lambda c: reverse("programmes:programme-list"), EVERYONE),
    ViewCase(
        "programmes:programme-create",
        lambda c: reverse("programmes:programme-create"),
        # Programme coordinators and organisation leaders may set up programmes.
        dict.fromkeys(ROLES, 403) | {"coordinator": 200, "leader": 200, "anonymous": SIGN_IN},
    ),
    ViewCase(
        "programmes:programme-create",
        lambda c: reverse("programmes:programme-create") + "?template=ect-mentoring",
        dict.fromkeys(ROLES, 403) | {"coordinator": 200, "leader": 200, "anonymous": SIGN_IN},
    ),
    ViewCase("programmes:programme-detail", _programme("programme-detail"), COLLEAGUES),
    ViewCase("programmes:programme-detail", _programme("programme-detail"), NOT_ALLOWED, "post"),
    ViewCase("programmes:programme-edit", _programme("programme-edit"), COORDINATOR_ONLY),
    ViewCase("programmes:programme-apply", _programme("programme-apply"), COLLEAGUES),
    ViewCase("programmes:enrolment-list", _programme("enrolment-list"), COORDINATOR_ONLY),
    ViewCase("programmes:enrolment-invite", _programme("enrolment-invite"), COORDINATOR_ONLY),
    ViewCase(
        "programmes:enrolment-decide",
        _enrolment("enrolment-decide", "application"),
        dict.fromkeys(ROLES, 404) | {"coordinator": 302, "anonymous": SIGN_IN},
        method="post",
        data={"decision": "decline", "note": "", "confirmed": "yes"},
    ),
    ViewCase(
        "programmes:enrolment-decide",
        _enrolment("enrolment-decide", "application"),
        # Without "confirmed", the coordinator is shown what will happen first.
        dict.fromkeys(ROLES, 404) | {"coordinator": 200, "anonymous": SIGN_IN},
        method="post",
        data={"decision": "decline", "note": ""},
    ),
    ViewCase(
        "programmes:enrolment-decide", _enrolment("enrolment-decide", "application"), NOT_ALLOWED
    ),
    ViewCase(
        "programmes:enrolment-approve-all", _programme("enrolment-approve-all"), COORDINATOR_ONLY
    ),
    ViewCase(
        "programmes:enrolment-approve-all",
        _programme("enrolment-approve-all"),
        COORDINATOR_ONLY,
        method="post",
        data={"enrolments": []},
    ),
    ViewCase(
        "programmes:enrolment-capacity",
        _enrolment("enrolment-capacity", "mentor_enrolment"),
        dict.fromkeys(ROLES, 404) | {"mentor": 403, "coordinator": 302, "anonymous": SIGN_IN},
        method="post",
        data={"capacity": "2"},
    ),
    ViewCase(
        "programmes:enrolment-capacity",
        _enrolment("enrolment-capacity", "mentor_enrolment"),
        NOT_ALLOWED,
    ),
    ViewCase(
        "programmes:enrolment-respond",
        _enrolment("enrolment-respond", "invitation"),
        dict.fromkeys(ROLES, 404) | {"other_mentee": 302, "coordinator": 403, "anonymous": SIGN_IN},
        method="post",
        data={"answer": "accept"},
    ),
]


@every_case(CASES, ROLES)
def test_permission_matrix(matrix_client, matrix_cast, case, role):
    check_case(matrix_client, case, role, matrix_cast)

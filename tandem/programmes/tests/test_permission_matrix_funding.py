"""Funding plans × every role: the participant and the coordinators keep a plan, nobody
else learns it exists; the finance overview and export are the coordinators' alone, and a
local authority's coordinator sees none of it (tandem.testing.matrix)."""

from tandem.testing.matrix import (
    SIGN_IN,
    ViewCase,
    build_once,
    check_case,
    every_case,
    not_allowed,
    url_to,
)
from tandem.testing.schemes import SCHEME_ROLES, build_schemes_cast

ROLES = SCHEME_ROLES
NOT_ALLOWED = not_allowed(ROLES)
cast_for_module = build_once(build_schemes_cast)

KEEPERS = dict.fromkeys(ROLES, 404) | {"mentee": 200, "coordinator": 200, "anonymous": SIGN_IN}
# Colleagues who may see the programme get 403; the outsider and the authority 404.
COORDINATORS = dict.fromkeys(ROLES, 403) | {
    "coordinator": 200,
    "outsider": 404,
    "la_coordinator": 404,
    "la_member": 404,
    "anonymous": SIGN_IN,
}
SPEND = {
    "form": "spending",
    "spending-spent_on_day": "1",
    "spending-spent_on_month": "1",
    "spending-spent_on_year": "1990",
    "spending-amount": "1.00",
    "spending-description": "Books",
}

FUNDING_CASES = [
    ViewCase(
        "programmes:funding-plan", url_to("programmes:funding-plan", "funding_enrolment"), KEEPERS
    ),
    ViewCase(
        "programmes:funding-plan",
        url_to("programmes:funding-plan", "funding_enrolment"),
        # A date before the programme: the form comes back with the reason, nothing saved.
        KEEPERS,
        method="post",
        data=SPEND,
    ),
    ViewCase(
        "programmes:funding-plan",
        url_to("programmes:funding-plan", "funding_enrolment"),
        NOT_ALLOWED,
        method="put",
    ),
    ViewCase(
        "programmes:funding-line-remove",
        url_to(
            "programmes:funding-line-remove",
            None,
            "spending",
            "00000000-0000-0000-0000-000000000000",
        ),
        dict.fromkeys(ROLES, 404) | {"anonymous": SIGN_IN},
    ),
    ViewCase(
        "programmes:funding-line-remove",
        lambda c: url_to(
            "programmes:funding-line-remove", None, "spending", c["funding_spending"].uuid
        )(c),
        KEEPERS,
    ),
    ViewCase(
        "programmes:funding-line-remove",
        lambda c: url_to(
            "programmes:funding-line-remove", None, "activity", c["funding_activity"].uuid
        )(c),
        KEEPERS | {"mentee": 302, "coordinator": 302},
        method="post",
    ),
    ViewCase(
        "programmes:funding-line-remove",
        lambda c: url_to(
            "programmes:funding-line-remove", None, "activity", c["funding_activity"].uuid
        )(c),
        NOT_ALLOWED,
        method="put",
    ),
    ViewCase(
        "programmes:funding-overview",
        url_to("programmes:funding-overview", "programme"),
        COORDINATORS,
    ),
    ViewCase(
        "programmes:funding-overview",
        url_to("programmes:funding-overview", "programme"),
        NOT_ALLOWED,
        method="post",
    ),
    ViewCase(
        "programmes:funding-export",
        url_to("programmes:funding-export", "programme", "xlsx"),
        COORDINATORS,
    ),
    ViewCase(
        "programmes:funding-export",
        url_to("programmes:funding-export", "programme", "csv"),
        COORDINATORS,
    ),
    ViewCase(
        "programmes:funding-export",
        url_to("programmes:funding-export", "programme", "pdf"),
        COORDINATORS | {"coordinator": 404},
    ),
    ViewCase(
        "programmes:funding-export",
        url_to("programmes:funding-export", "programme", "csv"),
        NOT_ALLOWED,
        method="post",
    ),
]


@every_case(FUNDING_CASES, ROLES)
def test_permission_matrix(matrix_client, matrix_cast, case, role):
    check_case(matrix_client, case, role, matrix_cast)

"""Tandem's own account views × every role (see tandem.testing.matrix). allauth's views
have their own tests; "Stay signed in" extends only the caller's own session."""

from tandem.testing import matrix
from tandem.testing.factories import UserFactory
from tandem.testing.matrix import SIGN_IN, ViewCase, build_once, check_case, every_case

ROLES = ["member", "staff", "anonymous"]


def build() -> dict:
    return {
        "member": UserFactory(),  # anyone signed in
        "staff": UserFactory(is_staff=True),  # site staff: no more than anyone else here
        "anonymous": None,
    }


cast_for_module = build_once(build)

CASES = [
    ViewCase(
        "session-extend",
        matrix.url_to("session-extend"),
        {"member": 302, "staff": 302, "anonymous": SIGN_IN},
        method="post",
        data={"next": "/"},
    ),
    ViewCase("session-extend", matrix.url_to("session-extend"), matrix.not_allowed(ROLES)),
]


@every_case(CASES, ROLES)
def test_permission_matrix(matrix_client, matrix_cast, case, role):
    check_case(matrix_client, case, role, matrix_cast)

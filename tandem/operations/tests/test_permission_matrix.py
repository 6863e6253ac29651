"""The health endpoints × every role: public, for load balancers (see tandem.testing.matrix)."""

from tandem.testing import matrix
from tandem.testing.factories import UserFactory
from tandem.testing.matrix import ViewCase, build_once, check_case, every_case

ROLES = ["member", "staff", "anonymous"]
PUBLIC = dict.fromkeys(ROLES, 200)
NOT_ALLOWED = matrix.not_allowed(ROLES)


def build_operations_cast():
    return {
        # Anyone signed in: the endpoints answer the same with or without a session.
        "member": UserFactory(email="member@example.org"),
        # Site staff get nothing more from a health check than anyone else.
        "staff": UserFactory(email="staff@example.org", is_staff=True),
        "anonymous": None,
    }


cast_for_module = build_once(build_operations_cast)

CASES = [
    ViewCase("operations:health-live", matrix.url_to("operations:health-live"), PUBLIC),
    ViewCase("operations:health-ready", matrix.url_to("operations:health-ready"), PUBLIC),
    ViewCase(
        "operations:health-live",
        matrix.url_to("operations:health-live"),
        NOT_ALLOWED,
        method="post",
    ),
    ViewCase(
        "operations:health-ready",
        matrix.url_to("operations:health-ready"),
        NOT_ALLOWED,
        method="post",
    ),
]


@every_case(CASES, ROLES)
def test_permission_matrix(matrix_client, matrix_cast, case, role):
    check_case(matrix_client, case, role, matrix_cast)

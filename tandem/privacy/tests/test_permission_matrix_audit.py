"""The audit-log pages × every role (see tandem.testing.matrix)."""

from tandem.privacy.tests.audit_cast import build_audit_cast
from tandem.testing import matrix
from tandem.testing.matrix import SIGN_IN, ViewCase, build_once, check_case, every_case

ROLES = ["dpo", "other_dpo", "former_dpo", "mentee", "coordinator", "leader", "staff"]
ROLES += ["outsider", "anonymous"]
# Only current data-protection leads learn the page exists; each sees their own people.
LEADS_ONLY = matrix.expect(ROLES, 404, dpo=200, other_dpo=200, anonymous=SIGN_IN)

AUDIT_CASES = [
    ViewCase("privacy:audit-log", matrix.url_to("privacy:audit-log"), LEADS_ONLY),
    ViewCase(
        "privacy:audit-log", matrix.url_to("privacy:audit-log"), matrix.not_allowed(ROLES), "post"
    ),
    ViewCase("privacy:audit-log-export", matrix.url_to("privacy:audit-log-export"), LEADS_ONLY),
    ViewCase(
        "privacy:audit-log-export",
        matrix.url_to("privacy:audit-log-export"),
        matrix.not_allowed(ROLES),
        "post",
    ),
]

cast_for_module = build_once(build_audit_cast)


@every_case(AUDIT_CASES, ROLES)
def test_permission_matrix(matrix_client, matrix_cast, case, role):
    check_case(matrix_client, case, role, matrix_cast)

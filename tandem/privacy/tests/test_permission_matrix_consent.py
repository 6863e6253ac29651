"""The privacy-notice and consent pages × every role (see tandem.testing.matrix)."""

from tandem.privacy.services.consent import publish_notice
from tandem.privacy.tests.audit_cast import build_audit_cast
from tandem.testing import matrix
from tandem.testing.matrix import SIGN_IN, ViewCase, build_once, check_case, every_case

ROLES = ["dpo", "other_dpo", "former_dpo", "mentee", "coordinator", "leader", "staff"]
ROLES += ["outsider", "anonymous"]
EVERYONE = matrix.everyone(ROLES)
NOT_ALLOWED = matrix.not_allowed(ROLES)
# Moorland's current members read its notice; nobody else learns it exists.
MOORLAND_MEMBERS = matrix.expect(
    ROLES, 200, other_dpo=404, former_dpo=404, staff=404, outsider=404, anonymous=SIGN_IN
)
# Its leader and data-protection lead publish it; other members may read but not write.
NOTICE_WRITERS = MOORLAND_MEMBERS | {"mentee": 403, "coordinator": 403}
EVERYONE_REDIRECTED = matrix.expect(ROLES, 302, anonymous=SIGN_IN)
# Moorland's members still have its notice to read after a post that acknowledged none.
STILL_DUE = EVERYONE_REDIRECTED | {"dpo": 200, "mentee": 200, "coordinator": 200, "leader": 200}


def build_consent_cast() -> dict:
    cast = build_audit_cast()
    publish_notice(actor=cast["leader"], organisation=cast["moorland"], body="We hold…")
    return cast


def _notice(name: str):
    return matrix.url_to(name, "moorland")


def _consent(name: str, purpose: str):
    return matrix.url_to(name, None, purpose)


CONSENT_CASES = [
    ViewCase("privacy:my-privacy", matrix.url_to("privacy:my-privacy"), EVERYONE),
    ViewCase("privacy:my-privacy", matrix.url_to("privacy:my-privacy"), NOT_ALLOWED, "post"),
    ViewCase("privacy:notices-due", matrix.url_to("privacy:notices-due"), EVERYONE),
    ViewCase("privacy:notices-due", matrix.url_to("privacy:notices-due"), STILL_DUE, "post"),
    ViewCase("privacy:notices-due", matrix.url_to("privacy:notices-due"), NOT_ALLOWED, "put"),
    ViewCase("privacy:notice-detail", _notice("privacy:notice-detail"), MOORLAND_MEMBERS),
    ViewCase("privacy:notice-detail", _notice("privacy:notice-detail"), NOT_ALLOWED, "post"),
    ViewCase("privacy:notice-edit", _notice("privacy:notice-edit"), NOTICE_WRITERS),
    ViewCase(
        "privacy:notice-edit",
        _notice("privacy:notice-edit"),
        NOTICE_WRITERS | {"dpo": 302, "leader": 302},
        "post",
        {"body": "A new version of the notice."},
    ),
    ViewCase(
        "privacy:consent-give",
        _consent("privacy:consent-give", "research"),
        EVERYONE_REDIRECTED,
        "post",
    ),
    ViewCase("privacy:consent-give", _consent("privacy:consent-give", "research"), NOT_ALLOWED),
    ViewCase(
        "privacy:consent-give",
        _consent("privacy:consent-give", "astrology"),
        matrix.nobody_else(ROLES),
        "post",
    ),
    ViewCase(
        "privacy:consent-withdraw", _consent("privacy:consent-withdraw", "research"), EVERYONE
    ),
    ViewCase(
        "privacy:consent-withdraw",
        _consent("privacy:consent-withdraw", "diversity"),
        EVERYONE_REDIRECTED,
        "post",
    ),
    ViewCase(
        "privacy:consent-withdraw",
        _consent("privacy:consent-withdraw", "astrology"),
        matrix.nobody_else(ROLES),
    ),
]

cast_for_module = build_once(build_consent_cast)


@every_case(CONSENT_CASES, ROLES)
def test_permission_matrix(matrix_client, matrix_cast, case, role):
    check_case(matrix_client, case, role, matrix_cast)

"""Every mentor-bank view, and "find a mentor now", × every role (tandem.testing.matrix)."""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse

from tandem.bank.tests.cast import ROLES, build_bank_cast
from tandem.testing.matrix import (
    SIGN_IN,
    ViewCase,
    build_once,
    every_case,
    expect,
    not_allowed,
    url_to,
)

cast_for_module = build_once(build_bank_cast)

NOT_ALLOWED = not_allowed(ROLES)
# Anyone in the bank's organisation sees the bank; the outsider does not learn it exists.
MEMBERS = expect(ROLES, 200, outsider=404, anonymous=SIGN_IN)
BANK_COORDINATOR = expect(ROLES, 403, coordinator=200, outsider=404, anonymous=SIGN_IN)
PROGRAMME_COORDINATOR = expect(ROLES, 403, coordinator=200, outsider=404, anonymous=SIGN_IN)


@dataclass(frozen=True)
class BankCase(ViewCase):
    """A case whose POST data names the cast's objects (uuids known once it is built)."""

    make_data: Callable[[dict], dict] | None = None


def _find_now(cast: dict) -> str:
    return reverse(
        "matching:find-now", args=[cast["programme"].uuid, cast["mentee_enrolment"].uuid]
    )


def _recruit(programme_key: str) -> Callable[[dict], dict]:
    return lambda cast: {
        "programme": str(cast[programme_key].uuid),
        "entries": [str(cast["entry"].uuid)],
        "how": "invite",
    }


CASES = [
    BankCase("bank:bank-list", url_to("bank:bank-list"), expect(ROLES, 200, anonymous=SIGN_IN)),
    BankCase(
        "bank:bank-create",
        url_to("bank:bank-create"),
        # Coordinators and leaders of an organisation may set up a bank for it.
        expect(ROLES, 403, coordinator=200, recruiter=200, anonymous=SIGN_IN),
    ),
    BankCase(
        "bank:bank-create",
        url_to("bank:bank-create"),
        expect(ROLES, 403, coordinator=302, recruiter=302, anonymous=SIGN_IN),
        "post",
        make_data=lambda cast: {
            "name": "Second bank",
            "holder": f"organisation:{cast['moorland'].uuid}",
        },
    ),
    BankCase("bank:bank-detail", url_to("bank:bank-detail", "bank"), MEMBERS),
    BankCase("bank:bank-detail", url_to("bank:bank-detail", "bank"), NOT_ALLOWED, "post"),
    BankCase("bank:bank-apply", url_to("bank:bank-apply", "bank"), MEMBERS),
    BankCase(
        "bank:bank-apply",
        url_to("bank:bank-apply", "bank"),
        # Bob and Frank are in the bank already: the form comes back with the reason.
        expect(ROLES, 302, mentor=200, applicant=200, outsider=404, anonymous=SIGN_IN),
        "post",
        {"capacity": "1", "qualities": "Listening"},
    ),
    BankCase("bank:bank-nominate", url_to("bank:bank-nominate", "bank"), BANK_COORDINATOR),
    BankCase(
        "bank:bank-nominate",
        url_to("bank:bank-nominate", "bank"),
        expect(ROLES, 403, coordinator=302, outsider=404, anonymous=SIGN_IN),
        "post",
        make_data=lambda cast: {"user": str(cast["member"].pk), "capacity": "1"},
    ),
    BankCase(
        "bank:bank-recruit",
        url_to("bank:bank-recruit", "bank"),
        # Pat does not coordinate New heads: the form says so (200) rather than recruiting.
        expect(ROLES, 403, coordinator=302, recruiter=200, outsider=404, anonymous=SIGN_IN),
        "post",
        make_data=_recruit("programme"),
    ),
    BankCase(
        "bank:bank-recruit",
        url_to("bank:bank-recruit", "bank"),
        expect(ROLES, 403, coordinator=200, recruiter=302, outsider=404, anonymous=SIGN_IN),
        "post",
        make_data=_recruit("other_programme"),
    ),
    BankCase("bank:bank-recruit", url_to("bank:bank-recruit", "bank"), NOT_ALLOWED),
    BankCase(
        "bank:entry-detail",
        url_to("bank:entry-detail", "entry"),
        expect(ROLES, 404, coordinator=200, recruiter=200, mentor=200, anonymous=SIGN_IN),
    ),
    BankCase(
        "bank:entry-detail",
        url_to("bank:entry-detail", "application"),
        # A waiting application is not offered to recruiters.
        expect(ROLES, 404, coordinator=200, applicant=200, anonymous=SIGN_IN),
    ),
    BankCase(
        "bank:entry-edit",
        url_to("bank:entry-edit", "entry"),
        expect(ROLES, 404, coordinator=200, mentor=200, recruiter=403, anonymous=SIGN_IN),
    ),
    BankCase(
        "bank:entry-edit",
        url_to("bank:entry-edit", "entry"),
        expect(ROLES, 404, coordinator=302, mentor=302, recruiter=403, anonymous=SIGN_IN),
        "post",
        {"capacity": "3", "qualities": "Calm", "is_available": "on"},
    ),
    BankCase(
        "bank:entry-decide",
        url_to("bank:entry-decide", "application"),
        expect(ROLES, 404, coordinator=302, applicant=403, anonymous=SIGN_IN),
        "post",
        {"decision": "approve", "note": ""},
    ),
    BankCase("bank:entry-decide", url_to("bank:entry-decide", "application"), NOT_ALLOWED),
    BankCase(
        "bank:entry-withdraw",
        url_to("bank:entry-withdraw", "entry"),
        expect(ROLES, 404, coordinator=302, mentor=302, recruiter=403, anonymous=SIGN_IN),
        "post",
        {"reason": "Moved to another authority."},
    ),
    BankCase("bank:entry-withdraw", url_to("bank:entry-withdraw", "entry"), NOT_ALLOWED),
    BankCase(
        "matching:find-now-list",
        url_to("matching:find-now-list", "programme"),
        PROGRAMME_COORDINATOR,
    ),
    BankCase("matching:find-now", _find_now, PROGRAMME_COORDINATOR),
    BankCase(
        "matching:find-now",
        _find_now,
        expect(ROLES, 403, coordinator=302, outsider=404, anonymous=SIGN_IN),
        "post",
        make_data=lambda cast: {"entry": str(cast["entry"].uuid)},
    ),
]


@every_case(CASES, ROLES)
def test_permission_matrix(matrix_client, matrix_cast, case, role):
    user = matrix_cast[role]
    if user is not None:
        matrix_client.force_login(user)
    data = case.make_data(matrix_cast) if case.make_data else case.data
    response = getattr(matrix_client, case.method)(case.url(matrix_cast), data)
    expected = case.expected[role]
    if expected == SIGN_IN:
        assert response.status_code == 302, case.id_for(role)
        assert "/accounts/login/" in response["Location"], case.id_for(role)
    else:
        assert response.status_code == expected, (
            f"{case.id_for(role)}: expected {expected}, got {response.status_code}"
        )

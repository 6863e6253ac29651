"""Every research view × every role (tandem.testing.matrix).

The research team alone sees a study (404 for everyone else, the organisation's leader
included); readers see findings, never transcripts (403)."""

from django.urls import reverse

from tandem.research.tests.cast import ROLES, build_study_cast
from tandem.testing.matrix import (
    SIGN_IN,
    ViewCase,
    build_once,
    check_case,
    every_case,
    expect,
    not_allowed,
    url_to,
)

cast_for_module = build_once(build_study_cast)

NOT_ALLOWED = not_allowed(ROLES)
TEAM = expect(ROLES, 404, lead=200, coder=200, reader=200, anonymous=SIGN_IN)
TEAM_DATA = TEAM | {"reader": 403}


def document_url(cast: dict) -> str:
    return reverse("research:document-detail", args=[cast["study"].uuid, cast["document"].uuid])


CASES = [
    ViewCase(
        "research:study-list",
        url_to("research:study-list"),
        expect(ROLES, 200, anonymous=SIGN_IN),
    ),
    ViewCase("research:study-list", url_to("research:study-list"), NOT_ALLOWED, method="post"),
    ViewCase("research:study-detail", url_to("research:study-detail", "study"), TEAM),
    ViewCase("research:document-detail", document_url, TEAM_DATA),
]


@every_case(CASES, ROLES)
def test_permission_matrix(matrix_client, matrix_cast, case, role):
    check_case(matrix_client, case, role, matrix_cast)

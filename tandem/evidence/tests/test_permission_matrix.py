"""Every evidence view × every role (tandem.testing.matrix).

The moderator runs the base; reviewers review (blind) and complete sources; other
members of the organisation read the agreed evidence and its exports; outsiders get 404
for anything in the base and an empty synthesis."""

from django.urls import reverse

from tandem.evidence.tests.cast import ROLES, TAG, build_evidence_cast
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

cast_for_module = build_once(build_evidence_cast)

NOT_ALLOWED = not_allowed(ROLES)
READERS = expect(ROLES, 200, outsider=404, anonymous=SIGN_IN)
TEAM_EDIT = expect(ROLES, 200, member=403, outsider=404, anonymous=SIGN_IN)
MODERATOR = expect(ROLES, 403, moderator=200, outsider=404, anonymous=SIGN_IN)
MODERATOR_REDIRECT = MODERATOR | {"moderator": 302}
REVIEWER = expect(ROLES, 403, reviewer=200, outsider=404, anonymous=SIGN_IN)


def base_url(name: str, *extra: str):
    return lambda cast: reverse(f"evidence:{name}", args=[cast["base"].uuid, *extra])


def source_url(name: str, source: str):
    return lambda cast: reverse(f"evidence:{name}", args=[cast["base"].uuid, cast[source].uuid])


def nested_url(name: str, key: str):
    return lambda cast: reverse(f"evidence:{name}", args=[cast["base"].uuid, cast[key].uuid])


CASES = [
    ViewCase(
        "evidence:base-list", url_to("evidence:base-list"), expect(ROLES, 200, anonymous=SIGN_IN)
    ),
    ViewCase("evidence:base-list", url_to("evidence:base-list"), NOT_ALLOWED, method="post"),
    ViewCase(
        "evidence:base-create",
        url_to("evidence:base-create"),
        expect(ROLES, 403, moderator=200, anonymous=SIGN_IN),
    ),
    ViewCase("evidence:base-detail", url_to("evidence:base-detail", "base"), READERS),
    ViewCase(
        "evidence:base-detail", url_to("evidence:base-detail", "base"), NOT_ALLOWED, method="post"
    ),
    ViewCase("evidence:team", url_to("evidence:team", "base"), MODERATOR),
    ViewCase(
        "evidence:team-remove",
        nested_url("team-remove", "second_membership"),
        MODERATOR_REDIRECT,
        method="post",
    ),
    ViewCase("evidence:team-remove", nested_url("team-remove", "second_membership"), NOT_ALLOWED),
    ViewCase("evidence:import-start", url_to("evidence:import-start", "base"), MODERATOR),
    ViewCase("evidence:import-preview", nested_url("import-preview", "import"), MODERATOR),
    ViewCase(
        "evidence:import-cancel",
        nested_url("import-cancel", "import"),
        MODERATOR_REDIRECT,
        method="post",
    ),
    ViewCase("evidence:import-cancel", nested_url("import-cancel", "import"), NOT_ALLOWED),
    ViewCase("evidence:export-bibtex", url_to("evidence:export-bibtex", "base"), READERS),
    ViewCase("evidence:export-ris", url_to("evidence:export-ris", "base"), READERS),
    ViewCase("evidence:reviews-csv", url_to("evidence:reviews-csv", "base"), READERS),
    ViewCase("evidence:summary-pdf", url_to("evidence:summary-pdf", "base"), READERS),
    ViewCase("evidence:source-detail", source_url("source-detail", "agreed"), READERS),
    ViewCase("evidence:source-edit", source_url("source-edit", "fresh"), TEAM_EDIT),
    ViewCase("evidence:review-edit", source_url("review-edit", "fresh"), REVIEWER),
    ViewCase("evidence:moderate", source_url("moderate", "waiting"), MODERATOR),
    ViewCase(
        "evidence:reopen",
        source_url("reopen", "agreed"),
        MODERATOR_REDIRECT,
        method="post",
        data={"reason": "A typo in the methods."},
    ),
    ViewCase("evidence:reopen", source_url("reopen", "agreed"), NOT_ALLOWED),
    ViewCase(
        "evidence:synthesis",
        url_to("evidence:synthesis", None, *TAG),
        expect(ROLES, 200, anonymous=SIGN_IN),
    ),
    ViewCase(
        "evidence:synthesis-pdf",
        url_to("evidence:synthesis-pdf", None, *TAG),
        expect(ROLES, 200, anonymous=SIGN_IN),
    ),
]


@every_case(CASES, ROLES)
def test_permission_matrix(matrix_client, matrix_cast, case, role):
    check_case(matrix_client, case, role, matrix_cast)

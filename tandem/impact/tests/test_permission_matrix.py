"""Every impact view × every role (tandem.testing.matrix).

The team alone sees a case (404 for everyone else); readers read and export (403 for
anything that writes); practice partners write sections, events and sources but neither
record outputs, pick candidates, verify nor restore (403); the lead alone manages."""

from django.urls import reverse

from tandem.impact.tests.cast import ROLES, build_impact_cast
from tandem.testing.matrix import (
    SIGN_IN,
    ViewCase,
    build_once,
    check_case,
    every_case,
    expect,
    not_allowed,
)

cast_for_module = build_once(build_impact_cast)

NOT_ALLOWED = not_allowed(ROLES)
TEAM = expect(ROLES, 404, lead=200, researcher=200, partner=200, reader=200, anonymous=SIGN_IN)
WRITERS = TEAM | {"reader": 403}
RESEARCHERS = WRITERS | {"partner": 403}
LEAD = RESEARCHERS | {"researcher": 403}


def redirects(expected: dict) -> dict:
    """The same rights, for a POST that succeeds with a redirect."""
    return {role: 302 if status == 200 else status for role, status in expected.items()}


def case_url(name: str, *extra: str):
    return lambda cast: reverse(f"impact:{name}", args=[cast["case"].uuid, *extra])


def case_object_url(name: str, key: str):
    return lambda cast: reverse(f"impact:{name}", args=[cast["case"].uuid, cast[key].uuid])


def section_url(name: str):
    return case_url(name, "summary")


CASES = [
    ViewCase(
        "impact:case-list",
        lambda cast: reverse("impact:case-list"),
        expect(ROLES, 200, anonymous=SIGN_IN),
    ),
    ViewCase(
        "impact:case-list", lambda cast: reverse("impact:case-list"), NOT_ALLOWED, method="post"
    ),
    ViewCase(
        "impact:case-create",
        lambda cast: reverse("impact:case-create"),
        expect(ROLES, 200, anonymous=SIGN_IN),
    ),
    # An empty form: shown again with its errors, nothing created.
    ViewCase(
        "impact:case-create",
        lambda cast: reverse("impact:case-create"),
        expect(ROLES, 200, anonymous=SIGN_IN),
        method="post",
    ),
    ViewCase("impact:case-detail", case_url("case-detail"), TEAM),
    ViewCase("impact:case-detail", case_url("case-detail"), NOT_ALLOWED, method="post"),
    ViewCase("impact:case-edit", case_url("case-edit"), LEAD),
    ViewCase("impact:member-add", case_url("member-add"), LEAD),
    # An address nobody uses: the form again with its error (the lead), refused to others.
    ViewCase(
        "impact:member-add",
        case_url("member-add"),
        LEAD,
        method="post",
        data={"email": "nobody@example.org", "role": "reader"},
    ),
    ViewCase(
        "impact:member-remove",
        case_object_url("member-remove", "member"),
        redirects(LEAD),
        method="post",
    ),
    ViewCase("impact:member-remove", case_object_url("member-remove", "member"), NOT_ALLOWED),
    ViewCase("impact:case-export", case_url("case-export"), TEAM),
    ViewCase("impact:case-docx", case_url("case-docx"), TEAM),
    ViewCase("impact:case-pdf", case_url("case-pdf"), TEAM),
    ViewCase("impact:case-pdf", case_url("case-pdf"), NOT_ALLOWED, method="post"),
    ViewCase("impact:section-edit", section_url("section-edit"), TEAM),
    ViewCase(
        "impact:section-edit",
        section_url("section-edit"),
        redirects(WRITERS),
        method="post",
        data={"text": "New summary."},
    ),
    ViewCase(
        "impact:comment-add",
        section_url("comment-add"),
        redirects(WRITERS),
        method="post",
        data={"text": "A comment."},
    ),
    ViewCase("impact:comment-add", section_url("comment-add"), NOT_ALLOWED),
    ViewCase("impact:version-list", section_url("version-list"), TEAM),
    ViewCase(
        "impact:version-restore", case_object_url("version-restore", "first_version"), RESEARCHERS
    ),
    ViewCase(
        "impact:version-restore",
        case_object_url("version-restore", "first_version"),
        redirects(RESEARCHERS),
        method="post",
    ),
    ViewCase("impact:candidate-list", case_url("candidate-list"), RESEARCHERS),
    ViewCase("impact:output-create", case_url("output-create"), RESEARCHERS),
    ViewCase("impact:output-edit", case_object_url("output-edit", "output"), RESEARCHERS),
    ViewCase("impact:event-create", case_url("event-create"), WRITERS),
    ViewCase("impact:event-edit", case_object_url("event-edit", "event"), WRITERS),
    ViewCase("impact:source-create", case_url("source-create"), WRITERS),
    ViewCase("impact:source-edit", case_object_url("source-edit", "source"), WRITERS),
    ViewCase(
        "impact:source-status",
        case_object_url("source-status", "source"),
        redirects(WRITERS),
        method="post",
        data={"status": "received"},
    ),
    ViewCase(
        "impact:source-status",
        case_object_url("source-status", "source"),
        redirects(RESEARCHERS),
        method="post",
        data={"status": "verified", "method": "Telephoned the head teacher."},
    ),
    ViewCase("impact:source-status", case_object_url("source-status", "source"), NOT_ALLOWED),
    ViewCase("impact:snapshot-attach", case_url("snapshot-attach"), RESEARCHERS),
]


@every_case(CASES, ROLES)
def test_permission_matrix(matrix_client, matrix_cast, case, role):
    check_case(matrix_client, case, role, matrix_cast)

"""Every case-study view × every role (tandem.testing.matrix).

Drafts are seen by their authors and the organisation's leaders only (404 for colleagues,
publishers before endorsement, and outsiders); the public pages answer everyone."""

from django.urls import reverse

from tandem.casestudies.tests.cast import ROLES, build_case_study_cast
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

cast_for_module = build_once(build_case_study_cast)

PUBLIC = expect(ROLES, 200)
NOT_ALLOWED = not_allowed(ROLES)
AUTHOR = expect(ROLES, 404, author=200, leader=403, anonymous=SIGN_IN)
AUTHOR_POST = AUTHOR | {"author": 302}
SEES_DRAFT = expect(ROLES, 404, author=200, leader=200, anonymous=SIGN_IN)
SEES_ENDORSED = SEES_DRAFT | {"publisher": 200}
LEADER_POST = expect(ROLES, 404, author=403, leader=302, anonymous=SIGN_IN)
PUBLISHER_POST = expect(ROLES, 404, author=403, leader=403, publisher=302, anonymous=SIGN_IN)
WITHDRAWERS = expect(ROLES, 404, author=403, leader=200, publisher=200, anonymous=SIGN_IN)


def person_url(name: str):
    return lambda cast: reverse(name, args=[cast["named"].uuid])


def figure_url(cast: dict) -> str:
    return reverse("casestudies:figure-remove", args=[cast["figure"].uuid])


def section_url(cast: dict) -> str:
    return reverse("sitemap-section", args=["case-studies"])


CASES = [
    # The extranet: public.
    ViewCase("casestudies:public-list", url_to("casestudies:public-list"), PUBLIC),
    ViewCase(
        "casestudies:public-list", url_to("casestudies:public-list"), NOT_ALLOWED, method="post"
    ),
    ViewCase("casestudies:public-detail", url_to("casestudies:public-detail", "published"), PUBLIC),
    ViewCase(
        "casestudies:public-detail",
        url_to("casestudies:public-detail", "draft"),
        expect(ROLES, 404),
    ),
    ViewCase("casestudies:feed", url_to("casestudies:feed"), PUBLIC),
    ViewCase("sitemap", url_to("sitemap"), PUBLIC),
    ViewCase("sitemap", url_to("sitemap"), NOT_ALLOWED, method="post"),
    ViewCase("sitemap-section", section_url, PUBLIC),
    # Writing and approval.
    ViewCase(
        "casestudies:manage-list",
        url_to("casestudies:manage-list"),
        expect(ROLES, 200, anonymous=SIGN_IN),
    ),
    ViewCase(
        "casestudies:case-study-create",
        url_to("casestudies:case-study-create"),
        expect(ROLES, 200, publisher=403, anonymous=SIGN_IN),
    ),
    ViewCase(
        "casestudies:case-study-detail",
        url_to("casestudies:case-study-detail", "draft"),
        SEES_DRAFT,
    ),
    ViewCase(
        "casestudies:case-study-detail",
        url_to("casestudies:case-study-detail", "endorsed"),
        SEES_ENDORSED,
    ),
    ViewCase("casestudies:case-study-edit", url_to("casestudies:case-study-edit", "draft"), AUTHOR),
    ViewCase(
        "casestudies:anonymisation-check",
        url_to("casestudies:anonymisation-check", "draft"),
        AUTHOR,
    ),
    ViewCase("casestudies:person-add", url_to("casestudies:person-add", "draft"), AUTHOR),
    ViewCase("casestudies:person-consent", person_url("casestudies:person-consent"), AUTHOR),
    ViewCase(
        "casestudies:person-remove",
        person_url("casestudies:person-remove"),
        AUTHOR_POST,
        method="post",
    ),
    ViewCase(
        "casestudies:person-remove",
        person_url("casestudies:person-remove"),
        NOT_ALLOWED | {"anonymous": 405},
    ),
    ViewCase("casestudies:figure-add", url_to("casestudies:figure-add", "draft"), AUTHOR),
    ViewCase("casestudies:figure-remove", figure_url, AUTHOR_POST, method="post"),
    ViewCase(
        "casestudies:case-study-submit",
        url_to("casestudies:case-study-submit", "draft"),
        AUTHOR_POST,
        method="post",
    ),
    ViewCase(
        "casestudies:case-study-endorse",
        url_to("casestudies:case-study-endorse", "submitted"),
        LEADER_POST,
        method="post",
    ),
    ViewCase(
        "casestudies:case-study-return",
        url_to("casestudies:case-study-return", "submitted"),
        LEADER_POST,
        method="post",
        data={"comment": "Say more about the training."},
    ),
    ViewCase(
        "casestudies:case-study-return",
        url_to("casestudies:case-study-return", "endorsed"),
        PUBLISHER_POST,
        method="post",
        data={"comment": "Say more about the training."},
    ),
    ViewCase(
        "casestudies:case-study-publish",
        url_to("casestudies:case-study-publish", "endorsed"),
        PUBLISHER_POST,
        method="post",
    ),
    ViewCase(
        "casestudies:case-study-withdraw",
        url_to("casestudies:case-study-withdraw", "published"),
        WITHDRAWERS,
    ),
]


@every_case(CASES, ROLES)
def test_permission_matrix(matrix_client, matrix_cast, case, role):
    check_case(matrix_client, case, role, matrix_cast)

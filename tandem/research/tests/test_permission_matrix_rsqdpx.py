"""Every REFI-QDA interchange view × every role (tandem.testing.matrix).

Exports carry research data out of Tandem and imports change the codebook, so both are
the leads' alone: coders and readers on the team are refused (403), everyone else learns
nothing (404). Importing a project creates a study, so it is open to those who may set one
up (coordinators and leaders of an organisation: here the lead and Olive), 403 otherwise.
"""

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

LEAD_ONLY = expect(ROLES, 404, lead=200, coder=403, reader=403, anonymous=SIGN_IN)
LEAD_REDIRECTED = LEAD_ONLY | {"lead": 302}
# Setting up a study: the lead coordinates Moorland and Olive leads it.
STUDY_MAKERS = expect(ROLES, 403, lead=200, leader=200, anonymous=SIGN_IN)
STUDY_MAKERS_REDIRECTED = STUDY_MAKERS | {"lead": 302, "leader": 302}
NOT_ALLOWED = not_allowed(ROLES)


def interchange(name: str):
    return url_to(f"research:{name}", "study")


RSQDPX_CASES = [
    ViewCase("research:interchange", interchange("interchange"), LEAD_ONLY),
    ViewCase("research:interchange", interchange("interchange"), NOT_ALLOWED, method="post"),
    ViewCase(
        "research:interchange-export-project",
        interchange("interchange-export-project"),
        LEAD_ONLY,
    ),
    ViewCase(
        "research:interchange-export-project",
        interchange("interchange-export-project"),
        NOT_ALLOWED,
        method="post",
    ),
    ViewCase(
        "research:interchange-export-codebook",
        interchange("interchange-export-codebook"),
        LEAD_ONLY,
    ),
    ViewCase(
        "research:interchange-import-codebook",
        interchange("interchange-import-codebook"),
        LEAD_ONLY,
    ),
    # An empty upload: the form is shown again with its error.
    ViewCase(
        "research:interchange-import-codebook",
        interchange("interchange-import-codebook"),
        LEAD_ONLY,
        method="post",
    ),
    # No staged upload to confirm: sent back to upload it.
    ViewCase(
        "research:interchange-import-codebook-confirm",
        interchange("interchange-import-codebook-confirm"),
        LEAD_REDIRECTED,
        method="post",
        data={"token": "nothing-staged"},
    ),
    ViewCase(
        "research:interchange-import-codebook-confirm",
        interchange("interchange-import-codebook-confirm"),
        NOT_ALLOWED,
    ),
    ViewCase(
        "research:interchange-import-project",
        url_to("research:interchange-import-project"),
        STUDY_MAKERS,
    ),
    ViewCase(
        "research:interchange-import-project",
        url_to("research:interchange-import-project"),
        STUDY_MAKERS,
        method="post",
    ),
    ViewCase(
        "research:interchange-import-project-confirm",
        url_to("research:interchange-import-project-confirm"),
        STUDY_MAKERS_REDIRECTED,
        method="post",
        data={"token": "nothing-staged"},
    ),
    ViewCase(
        "research:interchange-import-project-confirm",
        url_to("research:interchange-import-project-confirm"),
        NOT_ALLOWED,
    ),
]


@every_case(RSQDPX_CASES, ROLES)
def test_permission_matrix(matrix_client, matrix_cast, case, role):
    check_case(matrix_client, case, role, matrix_cast)


def test_every_interchange_url_has_a_case():
    names = {case.url_name for case in RSQDPX_CASES}
    assert {name for name in names if "interchange" in name} == {
        "research:interchange",
        "research:interchange-export-project",
        "research:interchange-export-codebook",
        "research:interchange-import-codebook",
        "research:interchange-import-codebook-confirm",
        "research:interchange-import-project",
        "research:interchange-import-project-confirm",
    }
    assert reverse("research:interchange-import-project")

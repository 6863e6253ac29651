"""Every import and export page × every role of the mentoring cast (tandem.testing.workflow)."""

from django.urls import reverse

from tandem.imports.services import set_mapping, start_import
from tandem.imports.tests.helpers import csv_upload
from tandem.testing.matrix import ViewCase, build_once, check_case, every_case, url_to
from tandem.testing.workflow import COORDINATOR_ONLY, EVERYONE, NOBODY_ELSE, build_cast
from tandem.testing.workflow import ROLES as CAST_ROLES

# Eve has no part in imports: the cast's other roles.
ROLES = [role for role in CAST_ROLES if role != "other_mentee"]
LEADER_ONLY = COORDINATOR_ONLY | {"leader": 200, "coordinator": 403}
CREATOR_ONLY = NOBODY_ELSE


def _org(name, *extra):
    return url_to(name, "moorland", *extra)


def _programme(name, *extra):
    return url_to(name, "programme", *extra)


def _job(name):
    return url_to(name, "job")


CASES = [
    ViewCase("imports:people-import", _org("imports:people-import"), LEADER_ONLY),
    ViewCase("imports:people-export", _org("imports:people-export", "xlsx"), LEADER_ONLY),
    ViewCase("imports:people-export", _org("imports:people-export", "csv"), LEADER_ONLY),
    ViewCase("imports:people-export", _org("imports:people-export", "pdf"), NOBODY_ELSE),
    ViewCase("imports:enrolment-import", _programme("imports:enrolment-import"), COORDINATOR_ONLY),
    ViewCase(
        "imports:enrolment-export", _programme("imports:enrolment-export", "csv"), COORDINATOR_ONLY
    ),
    ViewCase(
        "imports:relationship-export",
        _programme("imports:relationship-export", "xlsx"),
        COORDINATOR_ONLY,
    ),
    ViewCase(
        "imports:goal-export", lambda cast: reverse("imports:goal-export", args=["csv"]), EVERYONE
    ),
    ViewCase(
        "imports:template",
        lambda cast: reverse("imports:template", args=["people", "xlsx"]),
        EVERYONE,
    ),
    ViewCase("imports:job-detail", _job("imports:job-detail"), CREATOR_ONLY | {"leader": 200}),
    ViewCase(
        "imports:job-commit",
        _job("imports:job-commit"),
        CREATOR_ONLY | {"leader": 302},
        method="post",
    ),
    ViewCase("imports:job-commit", _job("imports:job-commit"), dict.fromkeys(ROLES, 405)),
    ViewCase(
        "imports:job-retry", _job("imports:job-retry"), CREATOR_ONLY | {"leader": 302}, "post"
    ),
    ViewCase("imports:job-retry", _job("imports:job-retry"), dict.fromkeys(ROLES, 405)),
    ViewCase(
        "imports:job-heading-row",
        _job("imports:job-heading-row"),
        CREATOR_ONLY | {"leader": 302},
        "post",
    ),
    ViewCase("imports:job-heading-row", _job("imports:job-heading-row"), dict.fromkeys(ROLES, 405)),
    ViewCase("imports:job-rejected", _job("imports:job-rejected"), CREATOR_ONLY | {"leader": 200}),
    ViewCase(
        "imports:job-rejected",
        _job("imports:job-rejected"),
        dict.fromkeys(ROLES, 405),
        "post",
    ),
    ViewCase("imports:invitations", _org("imports:invitations"), LEADER_ONLY),
    ViewCase(
        "imports:invitations",
        _org("imports:invitations"),
        COORDINATOR_ONLY | {"leader": 302, "coordinator": 403},
        "post",
    ),
    ViewCase("imports:job-discard", _job("imports:job-discard"), CREATOR_ONLY | {"leader": 200}),
    ViewCase(
        "imports:job-discard", _job("imports:job-discard"), CREATOR_ONLY | {"leader": 302}, "post"
    ),
]


def build_import_cast():
    cast = build_cast()
    job = start_import(
        actor=cast["leader"],
        kind="people",
        upload=csv_upload([["new@example.org", "New Person", "", "", "", "", "", ""]]),
        organisation=cast["moorland"],
    )
    # Checked, so its rejected rows can be downloaded.
    job = set_mapping(actor=cast["leader"], job=job, mapping=job.mapping)
    return cast | {"job": job}


cast_for_module = build_once(build_import_cast)


@every_case(CASES, ROLES)
def test_permission_matrix(matrix_client, matrix_cast, case, role):
    check_case(matrix_client, case, role, matrix_cast)

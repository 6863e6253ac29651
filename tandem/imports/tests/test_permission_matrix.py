"""Every import and export page × every role of the mentoring cast (tandem.testing.workflow)."""

from django.urls import reverse

from tandem.imports.export_files import start_export
from tandem.imports.services import start_import
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


def _export(name):
    return url_to(name, "export")


# The coordinator prepared the export: it is hers alone.
OWNER_ONLY = NOBODY_ELSE | {"coordinator": 200}
NO_GET = dict.fromkeys(ROLES, 405)


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
    ViewCase(
        "imports:people-export-prepare",
        _org("imports:people-export-prepare", "xlsx"),
        LEADER_ONLY | {"leader": 302},
        method="post",
    ),
    ViewCase("imports:people-export-prepare", _org("imports:people-export-prepare", "csv"), NO_GET),
    ViewCase(
        "imports:enrolment-export-prepare",
        _programme("imports:enrolment-export-prepare", "csv"),
        COORDINATOR_ONLY | {"coordinator": 302},
        method="post",
    ),
    ViewCase(
        "imports:enrolment-export-prepare",
        _programme("imports:enrolment-export-prepare", "pdf"),
        NOBODY_ELSE,
        method="post",
    ),
    ViewCase(
        "imports:enrolment-export-prepare",
        _programme("imports:enrolment-export-prepare", "csv"),
        NO_GET,
    ),
    ViewCase(
        "imports:relationship-export-prepare",
        _programme("imports:relationship-export-prepare", "xlsx"),
        COORDINATOR_ONLY | {"coordinator": 302},
        method="post",
    ),
    ViewCase(
        "imports:relationship-export-prepare",
        _programme("imports:relationship-export-prepare", "xlsx"),
        NO_GET,
    ),
    ViewCase("imports:export-detail", _export("imports:export-detail"), OWNER_ONLY),
    ViewCase("imports:export-detail", _export("imports:export-detail"), NO_GET, method="post"),
    ViewCase("imports:export-download", _export("imports:export-download"), OWNER_ONLY),
    ViewCase("imports:export-download", _export("imports:export-download"), NO_GET, method="post"),
    # The export is finished, so there is nothing to try again: back to its page.
    ViewCase(
        "imports:export-retry",
        _export("imports:export-retry"),
        NOBODY_ELSE | {"coordinator": 302},
        method="post",
    ),
    ViewCase("imports:export-retry", _export("imports:export-retry"), NO_GET),
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
    export = start_export(
        actor=cast["coordinator"],
        kind="enrolments",
        file_format="csv",
        programme=cast["programme"],
        title="Enrolments",
    )
    return cast | {"job": job, "export": export}


cast_for_module = build_once(build_import_cast)


@every_case(CASES, ROLES)
def test_permission_matrix(matrix_client, matrix_cast, case, role):
    check_case(matrix_client, case, role, matrix_cast)

"""Staff imports: preview every row, commit all or nothing, re-import changes nothing."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from tandem.accounts.models import User
from tandem.imports.models import ImportJob
from tandem.imports.services import set_mapping, start_commit, start_import
from tandem.imports.tests.helpers import HEADERS, csv_upload, xlsx_upload
from tandem.organisations.models import Membership
from tandem.testing.factories import MembershipFactory, OrganisationFactory

GOOD = [
    [
        "A.Khan@example.org",
        "Aisha Khan",
        "",
        "Head of science",
        "Middle leader",
        "",
        "",
        "2019-09-01",
    ],
    [
        "t.jones@example.org",
        "Tom Jones",
        "",
        "Teacher",
        "teacher",
        "Member",
        "a.khan@example.org",
        "01/09/2024",
    ],
]


@pytest.fixture
def school(db):
    # Lee leads Moorland, so may import its staff; Sam already works there.
    moorland = OrganisationFactory(name="Moorland Academy", official_identifier="123456")
    leader = MembershipFactory(organisation=moorland, access=Membership.Access.LEADER).user
    existing = MembershipFactory(organisation=moorland, user__email="sam@example.org").user
    return {"moorland": moorland, "leader": leader, "existing": existing}


def run(school, upload, mapping=None):
    job = start_import(
        actor=school["leader"], kind="people", upload=upload, organisation=school["moorland"]
    )
    return set_mapping(actor=school["leader"], job=job, mapping=mapping or job.mapping)


def test_preview_lists_every_row_and_changes_nothing(school):
    job = run(school, csv_upload(GOOD))
    assert job.status == ImportJob.Status.PREVIEWED
    assert [entry["action"] for entry in job.report] == ["create", "create"]
    assert not User.objects.filter(email="t.jones@example.org").exists()


def test_commit_creates_people_memberships_and_line_managers(school):
    job = start_commit(actor=school["leader"], job=run(school, xlsx_upload(GOOD)))
    assert job.status == ImportJob.Status.COMMITTED
    tom = Membership.objects.get(user__email="t.jones@example.org")
    assert tom.line_manager.email == "a.khan@example.org"
    assert tom.started_on == dt.date(2024, 9, 1)
    assert tom.role_category == "teacher"
    assert not tom.user.has_usable_password()


def test_reimporting_the_same_file_changes_nothing(school):
    start_commit(actor=school["leader"], job=run(school, csv_upload(GOOD)))
    before = list(Membership.objects.order_by("pk").values())
    again = run(school, csv_upload(GOOD))
    assert [entry["action"] for entry in again.report] == ["unchanged", "unchanged"]
    start_commit(actor=school["leader"], job=again)
    assert list(Membership.objects.order_by("pk").values()) == before


def test_changed_rows_are_updates(school):
    start_commit(actor=school["leader"], job=run(school, csv_upload(GOOD)))
    changed = [GOOD[0], [*GOOD[1][:3], "Lead teacher", *GOOD[1][4:]]]
    job = run(school, csv_upload(changed))
    assert [entry["action"] for entry in job.report] == ["unchanged", "update"]
    start_commit(actor=school["leader"], job=job)
    assert Membership.objects.get(user__email="t.jones@example.org").job_title == "Lead teacher"


@pytest.mark.parametrize(
    ("row", "column", "message"),
    [
        (["not-an-email", "X", "", "", "", "", "", ""], "Email", "is not an email address"),
        (
            ["x@example.org", "X", "Nowhere School", "", "", "", "", ""],
            "Organisation",
            "Unknown organisation",
        ),
        (["x@example.org", "X", "", "", "", "", "", "31/02/2025"], "Start date", "is not a date"),
        (["x@example.org", "X", "", "", "Wizard", "", "", ""], "Role", "Unknown role"),
        (["x@example.org", "", "", "", "", "", "", ""], "Full name", "The name is missing"),
        (
            ["x@example.org", "X", "", "", "", "", "nobody@example.org", ""],
            "Line manager email",
            "is not a member",
        ),
    ],
)
def test_bad_rows_are_rejected_with_row_column_and_reason(school, row, column, message):
    job = run(school, csv_upload([GOOD[0], row]))
    rejected = job.report[1]
    assert rejected["action"] == "reject"
    assert rejected["row"] == 3
    assert rejected["errors"][0]["column"] == column
    assert message in rejected["errors"][0]["message"]
    with pytest.raises(ValidationError):
        start_commit(actor=school["leader"], job=job)
    assert not User.objects.filter(email="a.khan@example.org").exists()


def test_duplicate_emails_in_the_file_are_rejected(school):
    job = run(school, csv_upload([GOOD[0], GOOD[0]]))
    assert job.report[1]["action"] == "reject"
    assert "also on row 2" in job.report[1]["errors"][0]["message"]


def test_a_line_manager_loop_is_rejected(school):
    rows = [
        ["a@example.org", "A", "", "", "", "", "b@example.org", ""],
        ["b@example.org", "B", "", "", "", "", "a@example.org", ""],
    ]
    job = run(school, csv_upload(rows))
    assert all(entry["action"] == "reject" for entry in job.report)
    assert "management loop" in job.report[0]["errors"][0]["message"]


def test_a_utf16_file_from_excel_unicode_text_is_read(school):
    upload = csv_upload([["zoe@example.org", "Zoë", "", "", "", "", "", ""]], encoding="utf-16")
    job = start_import(
        actor=school["leader"], kind="people", upload=upload, organisation=school["moorland"]
    )
    assert job.encoding == "utf-16"
    job = set_mapping(actor=school["leader"], job=job, mapping=job.mapping)
    assert job.report[0]["name"] == "Zoë"


def test_column_mapping_handles_other_headings(school):
    headers = ["Staff Email", "Name", "Post", "Reports To"]
    rows = [["a@example.org", "A", "Teacher", ""], ["b@example.org", "B", "TA", "a@example.org"]]
    job = start_import(
        actor=school["leader"],
        kind="people",
        upload=csv_upload(rows, headers=headers),
        organisation=school["moorland"],
    )
    assert job.mapping == {
        "email": "Staff Email",
        "full_name": "Name",
        "job_title": "Post",
        "line_manager_email": "Reports To",
    }
    with pytest.raises(ValidationError, match="Email"):
        set_mapping(actor=school["leader"], job=job, mapping={"full_name": "Name"})
    job = set_mapping(actor=school["leader"], job=job, mapping=job.mapping)
    assert job.num_create == 2


def test_missing_headings_are_reported(school):
    with pytest.raises(ValidationError, match="heading"):
        start_import(
            actor=school["leader"],
            kind="people",
            upload=csv_upload([], headers=["", ""]),
            organisation=school["moorland"],
        )


def test_large_files_run_in_the_background(school, settings, django_capture_on_commit_callbacks):
    settings.TANDEM_IMPORT_INLINE_ROWS = 1
    # The task is queued when the transaction commits; tests run it at once (ImmediateBackend).
    with django_capture_on_commit_callbacks(execute=True):
        job = run(school, csv_upload(GOOD))
        assert job.status == ImportJob.Status.PREVIEWING
    job.refresh_from_db()
    assert job.status == ImportJob.Status.PREVIEWED
    assert HEADERS[0] in job.headers


def test_rows_in_any_order_can_swap_line_managers(school):
    rows = [
        ["a@example.org", "A", "", "", "", "", "", ""],
        ["b@example.org", "B", "", "", "", "", "a@example.org", ""],
    ]
    start_commit(actor=school["leader"], job=run(school, csv_upload(rows)))
    swapped = [[*rows[0][:6], "b@example.org", ""], [*rows[1][:6], "", ""]]
    job = run(school, csv_upload(swapped))
    # B's manager is left as it is (blank cells change nothing), so A under B is a loop.
    assert job.report[0]["action"] == "reject"
    assert "management loop" in job.report[0]["errors"][0]["message"]

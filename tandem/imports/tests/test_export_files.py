"""Whole-programme exports are prepared in the background: the button answers at once, the
export's page shows the task's real state, then a link only its owner can use, for 7 days.
The files are disposed of after their retention period, listed in the owner's
subject-access pack and deleted when a person in them is erased."""

import csv
import datetime as dt
import io

import pytest
import time_machine
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from tandem.audit.models import AuditEvent
from tandem.imports import export_files
from tandem.imports.models import ExportFile
from tandem.privacy.services.erasure import erase_person
from tandem.privacy.services.retention import dispose_expired
from tandem.privacy.services.subject_access import collect
from tandem.testing.htmx import HTMX
from tandem.testing.worker import run_worker


def prepare(client, cast, kind="enrolment", file_format="csv"):
    client.force_login(cast["coordinator"])
    url = reverse(f"imports:{kind}-export-prepare", args=[cast["programme"].uuid, file_format])
    return client.post(url)


def download_text(client, export) -> str:
    response = client.get(reverse("imports:export-download", args=[export.uuid]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    return b"".join(response.streaming_content).decode("utf-8-sig")


@pytest.mark.django_db
class TestPreparedExports:
    def test_preparing_opens_the_exports_page_with_a_link_to_the_file(self, client, cast):
        response = prepare(client, cast)
        export = ExportFile.objects.get(owner=cast["coordinator"])
        assert response.url == export.get_absolute_url()
        page = client.get(response.url).content.decode()
        assert "Download tandem-enrolments-" in page
        rows = list(csv.reader(io.StringIO(download_text(client, export))))
        assert rows[0] == ["Email", "Role", "Full name", "Status", "Decided on"]
        assert cast["mentee"].email in {row[0] for row in rows}
        actions = set(
            AuditEvent.objects.filter(actor=cast["coordinator"]).values_list("action", "detail")
        )
        assert {("export.enrolments", "prepared"), ("export.download", "enrolments")} <= actions

    def test_relationships_export_as_xlsx(self, client, cast):
        prepare(client, cast, "relationship", "xlsx")
        export = ExportFile.objects.get(owner=cast["coordinator"])
        response = client.get(reverse("imports:export-download", args=[export.uuid]))
        sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
        assert next(sheet.iter_rows(values_only=True))[0] == "Relationship id"
        assert sheet.max_row == 2  # the cast's one relationship

    def test_nobody_else_can_see_or_download_it(self, client, cast):
        prepare(client, cast)
        export = ExportFile.objects.get()
        client.force_login(cast["leader"])
        for name in ("imports:export-detail", "imports:export-download"):
            assert client.get(reverse(name, args=[export.uuid])).status_code == 404

    def test_an_expired_export_cannot_be_downloaded(self, client, cast):
        prepare(client, cast)
        export = ExportFile.objects.get()
        with time_machine.travel(timezone.now() + dt.timedelta(days=7, minutes=1)):
            client.force_login(cast["coordinator"])  # the session has expired meanwhile
            url = reverse("imports:export-download", args=[export.uuid])
            assert client.get(url).status_code == 404
            page = client.get(export.get_absolute_url()).content.decode()
        assert "This export has expired" in page

    def test_a_failed_build_says_so_and_retry_builds_it_again(self, client, cast, monkeypatch):
        def broken(_export):
            raise TimeoutError

        with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}):
            prepare(client, cast)
            monkeypatch.setitem(export_files.BUILDERS, "enrolments", broken)
            run_worker()
            export = ExportFile.objects.get()
            page = client.get(export.get_absolute_url()).content.decode()
            assert "could not be finished: it took too long" in page
            assert "Download" not in page
            monkeypatch.undo()
            client.post(reverse("imports:export-retry", args=[export.uuid]))
            run_worker()
        export.refresh_from_db()
        assert export.is_ready
        assert AuditEvent.objects.filter(action="export.enrolments", detail="retried").exists()

    def test_a_finished_export_is_not_retried(self, client, cast):
        prepare(client, cast)
        export = ExportFile.objects.get()
        response = client.post(reverse("imports:export-retry", args=[export.uuid]), follow=True)
        assert "Only an export that failed or is stuck" in response.content.decode()

    def test_a_bad_format_is_404(self, client, cast):
        assert prepare(client, cast, file_format="exe").status_code == 404
        assert not ExportFile.objects.exists()


@pytest.mark.django_db
class TestExportProgress:
    """With the database backend, as in production: nothing runs until a worker does."""

    @pytest.fixture(autouse=True)
    def database_backend(self):
        with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}):
            yield

    def test_the_page_polls_while_waiting_and_reloads_when_ready(self, client, cast):
        response = prepare(client, cast)
        page = client.get(response.url).content.decode()
        assert 'data-task-state="waiting"' in page
        assert f'hx-get="{response.url}"' in page
        assert "Download" not in page
        poll = client.get(response.url, **HTMX)
        assert "HX-Refresh" not in poll
        run_worker()
        poll = client.get(response.url, **HTMX)
        assert poll["HX-Refresh"] == "true"
        assert "Download tandem-enrolments-" in client.get(response.url).content.decode()

    def test_starting_an_export_does_not_build_it(self, client, cast, monkeypatch):
        def never(_export):
            raise AssertionError

        monkeypatch.setitem(export_files.BUILDERS, "enrolments", never)
        assert prepare(client, cast).status_code == 302
        assert ExportFile.objects.get().task_id


@pytest.mark.django_db
class TestExportPrivacy:
    def test_exports_are_deleted_with_their_files_after_seven_days(
        self, client, cast, django_capture_on_commit_callbacks
    ):
        prepare(client, cast)
        export = ExportFile.objects.get()
        name = export.file.name
        today = timezone.localdate()
        dispose_expired(today=today + dt.timedelta(days=7))
        assert ExportFile.objects.exists()
        with django_capture_on_commit_callbacks(execute=True):
            dispose_expired(today=today + dt.timedelta(days=8))
        assert not ExportFile.objects.exists()
        assert not export.file.storage.exists(name)

    def test_the_owners_subject_access_pack_lists_their_exports(self, client, cast):
        prepare(client, cast)
        sections = {section.name: section for section in collect(cast["coordinator"])}
        (row,) = sections["exports"].rows
        assert row["kind"] == "enrolments"
        assert not any(
            section.rows for section in collect(cast["mentee"]) if section.name == "exports"
        )

    def test_erasing_a_person_in_an_export_deletes_it(self, client, cast):
        prepare(client, cast)
        erase_person(actor=None, subject=cast["mentee"])
        assert not ExportFile.objects.exists()

    def test_erasing_the_owner_deletes_their_exports(self, client, cast):
        prepare(client, cast)
        erase_person(actor=None, subject=cast["coordinator"])
        assert not ExportFile.objects.exists()

"""Large exports built in the background: start one (the page answers at once), build it in
a worker, let its owner download it for a week. Each app registers the builders of its own
kinds (`register_builder`), so this module needs no app above imports."""

import datetime as dt
from collections.abc import Callable
from uuid import UUID

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from tandem.accounts.models import User
from tandem.audit.services import record_event
from tandem.imports import exports
from tandem.imports.models import EXPORT_DOWNLOADABLE_FOR, ExportFile, ExportFormat, ExportKind
from tandem.organisations.models import Organisation
from tandem.programmes.models import Programme
from tandem.task_status import TaskStatus, give_up_waiting, task_status

Builder = Callable[[ExportFile], bytes]
BUILDERS: dict[str, Builder] = {}


def register_builder(kind: str) -> Callable[[Builder], Builder]:
    """Name the function that builds the file of one kind of export (its bytes)."""

    def register(builder: Builder) -> Builder:
        BUILDERS[kind] = builder
        return builder

    return register


def export_status(export: ExportFile) -> TaskStatus | None:
    return task_status(export.task_id, finished_at=export.finished_at)


def _enqueue(export: ExportFile) -> None:
    # Imported here: tasks imports this module (the builders run in the worker).
    from tandem.imports.tasks import build_export  # noqa: PLC0415 - tasks imports this module

    # Not on_commit: the database backend stores the task in this transaction (a worker
    # sees both at once), and the immediate backend (tests) builds the file at once.
    result = build_export.enqueue(export.pk)
    ExportFile.objects.filter(pk=export.pk).update(task_id=str(result.id))


@transaction.atomic
def start_export(
    *,
    actor: User,
    kind: str,
    file_format: str,
    title: str,
    programme: Programme | None = None,
    organisation: Organisation | None = None,
    subject_uuid: UUID | None = None,
) -> ExportFile:
    """Queue an export for `actor` to download when it is built (callers check the policy
    of what is exported first); audited as an export of the programme or organisation."""
    if kind not in BUILDERS:
        message = "This kind of export cannot be prepared."
        raise ValidationError(message)
    now = timezone.now()
    export = ExportFile(
        owner=actor,
        kind=kind,
        file_format=file_format,
        programme=programme,
        organisation=organisation,
        subject_uuid=subject_uuid,
        title=title,
        file_name=f"tandem-{kind}-{now:%Y-%m-%d}.{file_format}",
        expires_at=now + EXPORT_DOWNLOADABLE_FOR,
    )
    export.full_clean()
    export.save()
    record_event(actor=actor, action=f"export.{kind}", target=export.target, detail="prepared")
    _enqueue(export)
    export.refresh_from_db()
    return export


@transaction.atomic
def retry_export(*, actor: User, export: ExportFile) -> ExportFile:
    """Build a failed or stuck export again (its owner, through the policy); audited."""
    status = export_status(export)
    if status is None or not status.can_retry:
        message = "Only an export that failed or is stuck can be tried again."
        raise ValidationError(message)
    give_up_waiting(export.task_id)
    export.expires_at = timezone.now() + EXPORT_DOWNLOADABLE_FOR
    export.save(update_fields=["expires_at", "updated_at"])
    record_event(
        actor=actor, action=f"export.{export.kind}", target=export.target, detail="retried"
    )
    _enqueue(export)
    export.refresh_from_db()
    return export


def build_and_store(export_id: int) -> None:
    """Build the file and keep it (the background task's work)."""
    export = ExportFile.objects.select_related("programme", "organisation").get(pk=export_id)
    content = BUILDERS[export.kind](export)
    export.file.save(export.file_name, ContentFile(content), save=False)
    export.finished_at = timezone.now()
    export.save(update_fields=["file", "finished_at", "updated_at"])


def is_downloadable(export: ExportFile, now: dt.datetime | None = None) -> bool:
    return export.is_ready and (now or timezone.now()) < export.expires_at


def _rows_file(export: ExportFile, headers: exports.Row, rows: list[list[object]]) -> bytes:
    return exports.export_content(headers, rows, file_format=export.file_format, title=export.kind)


@register_builder(ExportKind.ENROLMENTS)
def _enrolments(export: ExportFile) -> bytes:
    rows = exports.enrolment_rows(export.programme_or_fail())
    return _rows_file(export, exports.ENROLMENT_HEADERS, rows)


@register_builder(ExportKind.RELATIONSHIPS)
def _relationships(export: ExportFile) -> bytes:
    rows = exports.relationship_rows(export.programme_or_fail())
    return _rows_file(export, exports.RELATIONSHIP_HEADERS, rows)


@register_builder(ExportKind.PEOPLE)
def _people(export: ExportFile) -> bytes:
    rows = exports.people_rows(export.organisation_or_fail())
    return _rows_file(export, exports.template_headers("people"), rows)


SPREADSHEET_FORMATS = {ExportFormat.CSV, ExportFormat.XLSX}

"""Large exports built in the background: start one (the page answers at once), build it in
a worker (tandem.imports.export_building), let its owner download it for a week."""

import datetime as dt
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from tandem.accounts.models import User
from tandem.audit.services import record_event
from tandem.imports import tasks
from tandem.imports.export_building import BUILDERS
from tandem.imports.models import EXPORT_DOWNLOADABLE_FOR, ExportFile
from tandem.organisations.models import Organisation
from tandem.programmes.models import Programme
from tandem.task_status import TaskStatus, give_up_waiting, task_status


def export_status(export: ExportFile) -> TaskStatus | None:
    return task_status(export.task_id, finished_at=export.finished_at)


def _enqueue(export: ExportFile) -> None:
    # Not on_commit: the database backend stores the task in this transaction (a worker
    # sees both at once), and the immediate backend (tests) builds the file at once.
    result = tasks.build_export.enqueue(export.pk)
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


def is_downloadable(export: ExportFile, now: dt.datetime | None = None) -> bool:
    return export.is_ready and (now or timezone.now()) < export.expires_at

"""Who may see an import job or a prepared export: the person who started it (404 for
everyone else)."""

from uuid import UUID

from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from tandem.accounts.models import User
from tandem.imports.models import ExportFile, ImportJob


def get_job_for_user(user: User | AnonymousUser, job_uuid: UUID) -> ImportJob:
    job = (
        ImportJob.objects.select_related("organisation", "programme").filter(uuid=job_uuid).first()
    )
    if job is None or not user.is_authenticated or job.created_by_id != user.pk:
        raise Http404
    return job


def get_export_for_user(user: User | AnonymousUser, export_uuid: UUID) -> ExportFile:
    """A prepared export is its owner's alone: everyone else gets 404 (it holds names)."""
    export = (
        ExportFile.objects.select_related("programme", "organisation")
        .filter(uuid=export_uuid)
        .first()
    )
    if export is None or not user.is_authenticated or export.owner_id != user.pk:
        raise Http404
    return export

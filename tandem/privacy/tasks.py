"""Background tasks (django-tasks, database backend; run workers with `tandem db_worker`)."""

import datetime as dt

from django_tasks import task

from tandem.privacy.models import SubjectAccessPack
from tandem.privacy.services.retention import dispose_expired
from tandem.privacy.services.subject_access import build_pack


@task()
def prepare_subject_access_pack(pack_id: int) -> None:
    """Build a queued subject-access pack; queued by the "Download my data" page."""
    pack = SubjectAccessPack.objects.filter(pk=pack_id).select_related("subject").first()
    if pack is not None and pack.status == SubjectAccessPack.Status.QUEUED:
        build_pack(pack)


@task()
def dispose(today: str | None = None) -> int:
    """Apply the retention schedule; queued nightly by `tandem dispose --queue`."""
    day = dt.date.fromisoformat(today) if today else None
    return sum(disposal.num_records for disposal in dispose_expired(today=day))

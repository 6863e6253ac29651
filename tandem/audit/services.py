from uuid import UUID

from tandem.accounts.models import User
from tandem.audit.models import AuditEvent
from tandem.logs import log_event
from tandem.models import TandemModel

# The kinds of event the data-protection lead's audit page can filter by, beyond the reads
# and exports each app records under its own names (e.g. "conversation.read").
SIGN_IN = "sign-in"
SIGN_IN_FAILED = "sign-in.failed"
REFUSED = "refused"
ADMIN_CHANGE = "admin.change"


def record_event(
    *, actor: User | None, action: str, target: TandemModel, detail: str = ""
) -> AuditEvent:
    """Append one audit row; called by services and views whenever confidential content
    is read by someone other than its author, or exported. `actor` is None only when
    nobody is signed in (a failed sign-in)."""
    # The log line mirrors the audit row for the log collector (the detail stays in the
    # row); sign-ins and their failures are logged by tandem.accounts.sign_in_log.
    if action not in {SIGN_IN, SIGN_IN_FAILED}:
        log_event(action, actor=actor, object_type=target._meta.label_lower, object_id=target.uuid)
    return AuditEvent.objects.create(
        actor=actor,
        action=action,
        object_type=target._meta.label_lower,
        object_uuid=target.uuid,
        detail=detail[:300],
    )


def record_refusal(
    *, actor: User, status: int, path: str, object_type: str | None, object_uuid: UUID | None
) -> AuditEvent:
    """Append a row for a page or API call the policies refused (403 or 404) to a signed-in
    person: what they asked for, or themselves when the URL names no object."""
    if object_type is None or object_uuid is None:
        object_type, object_uuid = actor._meta.label_lower, actor.uuid
    return AuditEvent.objects.create(
        actor=actor,
        action=REFUSED,
        object_type=object_type[:60],
        object_uuid=object_uuid,
        detail=f"{status} {path}"[:300],
    )

from tandem.accounts.models import User
from tandem.audit.models import AuditEvent
from tandem.logs import log_event
from tandem.models import TandemModel


def record_event(*, actor: User, action: str, target: TandemModel, detail: str = "") -> AuditEvent:
    """Append one audit row; called by services and views whenever confidential content
    is read by someone other than its author, or exported."""
    # The log line mirrors the audit row for the log collector; the detail stays in the row.
    log_event(action, actor=actor, object_type=target._meta.label_lower, object_id=target.uuid)
    return AuditEvent.objects.create(
        actor=actor,
        action=action,
        object_type=target._meta.label_lower,
        object_uuid=target.uuid,
        detail=detail[:300],
    )

from tandem.accounts.models import User
from tandem.audit.models import AuditEvent
from tandem.models import TandemModel


def record_event(*, actor: User, action: str, target: TandemModel, detail: str = "") -> AuditEvent:
    """Append one audit row; called by services and views whenever confidential content
    is read by someone other than its author, or exported."""
    return AuditEvent.objects.create(
        actor=actor,
        action=action,
        object_type=target._meta.label_lower,
        object_uuid=target.uuid,
        detail=detail[:300],
    )

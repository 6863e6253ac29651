"""Sign-ins and the site administration's changes, written to the audit log.

Connected in AuditConfig.ready(). Each receiver only hands the event to the audit service.
"""

from typing import Any

from django.contrib.admin.models import LogEntry
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.http import HttpRequest

from tandem.accounts.models import User
from tandem.audit.services import ADMIN_CHANGE, SIGN_IN, SIGN_IN_FAILED, record_event
from tandem.models import TandemModel

ADMIN_ACTIONS = {1: "added", 2: "changed", 3: "deleted"}


@receiver(user_logged_in, dispatch_uid="audit-sign-in")
def record_sign_in(sender: Any, request: HttpRequest | None, user: User, **kwargs: Any) -> None:
    record_event(actor=user, action=SIGN_IN, target=user)


@receiver(user_login_failed, dispatch_uid="audit-sign-in-failed")
def record_failed_sign_in(sender: Any, credentials: dict, **kwargs: Any) -> None:
    # allauth passes the address typed as "email" (Django's own form as "username"). An
    # address with no account concerns nobody the log's readers look after.
    address = credentials.get("email") or credentials.get("username") or ""
    user = User.objects.filter(email__iexact=address).first() if address else None
    if user is not None:
        record_event(actor=None, action=SIGN_IN_FAILED, target=user)


@receiver(post_save, sender=LogEntry, dispatch_uid="audit-admin-change")
def record_admin_change(sender: Any, instance: LogEntry, created: bool, **kwargs: Any) -> None:
    """Every change made in the site administration, against the record or its person."""
    if not created:
        return
    content_type = instance.content_type
    if content_type is None:
        return
    changed = instance.get_edited_object()
    target = changed if isinstance(changed, TandemModel) else getattr(changed, "user", None)
    if not isinstance(target, TandemModel):
        return
    verb = ADMIN_ACTIONS.get(instance.action_flag, "changed")
    detail = f"{content_type.app_label}.{content_type.model} {verb}"
    record_event(actor=instance.user, action=ADMIN_CHANGE, target=target, detail=detail)

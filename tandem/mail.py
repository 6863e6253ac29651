"""Mail that leaves only when the change that caused it is saved."""

from collections.abc import Iterable

from django.core.mail import send_mail
from django.db import transaction

from tandem.accounts.models import User


def mail_on_commit(users: Iterable[User], subject: str, body: str) -> None:
    """Queue a plain-text email to `users` for when the surrounding transaction commits, so a
    rolled-back change never tells anyone it happened."""
    recipients = [user.email for user in users]
    if recipients:
        transaction.on_commit(
            lambda: send_mail(f"[Tandem] {subject}", body, None, recipients, fail_silently=True)
        )

"""Mail that leaves only when the change that caused it is saved, and the links it carries.

Every absolute link in an email is built from TANDEM_SITE_URL, never from the host of the
request that caused it: a request may come in through an internal name or an address the
person reading the email cannot reach, and a forged Host header must not steer a
password link elsewhere."""

from collections.abc import Iterable
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction

from tandem.accounts.models import User


def site_url(path: str = "/") -> str:
    """An absolute link to `path` on the site, from TANDEM_SITE_URL."""
    return settings.TANDEM_SITE_URL.rstrip("/") + "/" + path.lstrip("/")


def on_site(url: str) -> str:
    """`url` with its scheme and host replaced by the site's (its path kept)."""
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    return site_url(path + (f"#{parts.fragment}" if parts.fragment else ""))


def site_domain() -> str:
    return urlsplit(settings.TANDEM_SITE_URL).netloc


def mail_on_commit(users: Iterable[User], subject: str, body: str) -> None:
    """Queue a plain-text email to `users` for when the surrounding transaction commits, so a
    rolled-back change never tells anyone it happened."""
    recipients = [user.email for user in users]
    if recipients:
        transaction.on_commit(
            lambda: send_mail(f"[Tandem] {subject}", body, None, recipients, fail_silently=True)
        )

"""Invitations: an email with a one-time link where a new person chooses their password.

The link carries a Django token that is valid for TANDEM_INVITATION_DAYS and only until it
is used (the token covers the password, the last sign-in and the time of the latest
invitation, so choosing a password, signing in or being invited again each end it)."""

from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.mail import send_mass_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.encoding import force_bytes
from django.utils.http import base36_to_int, urlsafe_base64_encode
from django_tasks import task

from tandem.accounts.models import User
from tandem.mail import site_url

SECONDS_PER_DAY = 24 * 60 * 60


class InvitationTokenGenerator(PasswordResetTokenGenerator):
    """Django's password-reset token with its own salt (a reset link is not an invitation,
    nor the other way round) and its own lifetime."""

    key_salt = "tandem.accounts.invitations.InvitationTokenGenerator"

    def _make_hash_value(self, user: User, timestamp: int) -> str:
        invited = "" if user.invited_at is None else str(int(user.invited_at.timestamp()))
        return super()._make_hash_value(user, timestamp) + invited

    def check_token(self, user: User | None, token: str | None) -> bool:
        if not (user and token):
            return False
        try:
            timestamp = base36_to_int(token.partition("-")[0])
        except ValueError:
            return False
        age = self._num_seconds(self._now()) - timestamp
        if age < 0 or age > settings.TANDEM_INVITATION_DAYS * SECONDS_PER_DAY:
            return False
        return any(
            constant_time_compare(self._make_token_with_timestamp(user, timestamp, secret), token)
            for secret in [self.secret, *self.secret_fallbacks]
        )


invitation_tokens = InvitationTokenGenerator()


def invitation_link(user: User) -> str:
    """The absolute, one-time link where `user` chooses a first password."""
    path = reverse(
        "account_invitation_accept",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": invitation_tokens.make_token(user),
        },
    )
    return site_url(path)


def has_accepted(user: User) -> bool:
    """Whether the person has signed in, or chosen a password, at least once."""
    return user.invitation_status == "accepted"


def invitation_status(user: User) -> str:
    """The person's status for the pages that list people (see User.invitation_status)."""
    return user.invitation_status


def sso_providers() -> list[str]:
    """The single sign-on services this deployment offers, by their names for people."""
    names = {"microsoft": "Microsoft", "google": "Google"}
    return [names.get(key, key.title()) for key in settings.SOCIALACCOUNT_PROVIDERS]


# Up to this many invitations are written and sent when the change commits; more (a large
# staff import) are sent by a background task, so the import does not wait on the mail.
INLINE_INVITATIONS = 50


def send_invitations(*, actor: User, users: Iterable[User], organisation_name: str) -> int:
    """Email each person who has not yet signed in a fresh one-time link to choose a
    password (ending any earlier link); returns how many. For leaders of the people's
    organisation and imports on their behalf (the caller has checked)."""
    now = timezone.now().replace(microsecond=0)
    pending = [user for user in users if user.is_active and not has_accepted(user)]
    if not pending:
        return 0
    User.objects.filter(pk__in=[user.pk for user in pending]).update(invited_at=now)
    if len(pending) > INLINE_INVITATIONS:
        ids = [user.pk for user in pending]
        transaction.on_commit(
            lambda: email_invitations_task.enqueue(ids, actor.pk, organisation_name)
        )
        return len(pending)
    for user in pending:
        user.invited_at = now
    messages = [_message(user, actor, organisation_name) for user in pending]
    transaction.on_commit(lambda: send_mass_mail(messages, fail_silently=True))
    return len(pending)


def email_invitations(*, user_ids: list[int], actor_id: int, organisation_name: str) -> int:
    """Write and send the invitations send_invitations queued (the background task's
    work), to those who have still not signed in; returns how many were sent."""
    actor = User.objects.get(pk=actor_id)
    users = [user for user in User.objects.filter(pk__in=user_ids) if not has_accepted(user)]
    messages = [_message(user, actor, organisation_name) for user in users]
    send_mass_mail(messages, fail_silently=True)
    return len(messages)


def _message(user: User, actor: User, organisation_name: str) -> tuple[str, str, None, list[str]]:
    subject = f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{organisation_name} invites you to Tandem"
    context = {
        "person": user,
        "inviter": actor,
        "organisation_name": organisation_name,
        "link": invitation_link(user),
        "sign_in_link": site_url(reverse("account_login")),
        "days": settings.TANDEM_INVITATION_DAYS,
        "sso_providers": sso_providers(),
    }
    return subject, render_to_string("accounts/email/invitation.txt", context), None, [user.email]


@task()
def email_invitations_task(user_ids: list[int], actor_id: int, organisation_name: str) -> int:
    """The invitations of a large staff import, sent by the worker."""
    return email_invitations(
        user_ids=user_ids, actor_id=actor_id, organisation_name=organisation_name
    )

"""Connected in PrivacyConfig.ready(): a sign-in checks for privacy notices to read."""

from typing import Any

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest

from tandem.accounts.models import User
from tandem.privacy.middleware import note_notices_due


@receiver(user_logged_in, dispatch_uid="privacy-notices-due")
def check_notices_at_sign_in(
    sender: Any, request: HttpRequest | None, user: User, **kwargs: Any
) -> None:
    note_notices_due(request, user)

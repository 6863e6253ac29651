"""Re-authentication in tests: mark a signed-in test client's session as if the person had
just entered their password again (allauth's record of authentication methods), as the
re-authentication page does."""

import time

from django.test import Client

from tandem.accounts.models import User


def mark_reauthenticated(client: Client, user: User) -> None:
    session = client.session
    session["account_authentication_methods_user"] = str(user.pk)
    session["account_authentication_methods"] = [
        {"method": "password", "at": time.time(), "reauthenticated": True}
    ]
    session.save()

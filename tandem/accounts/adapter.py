from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.http import HttpRequest


class AccountAdapter(DefaultAccountAdapter):
    """Lets a deployment close public sign-up (TANDEM_ALLOW_SIGNUP=0) when it invites staff."""

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return bool(settings.TANDEM_ALLOW_SIGNUP)

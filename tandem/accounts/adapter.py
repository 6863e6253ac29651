from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django import forms
from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.http import HttpRequest

from tandem.accounts.sign_in_log import log_lockout
from tandem.accounts.sso import requires_sso, trusted_emails

SSO_REQUIRED_MESSAGE = (
    "Your organisation signs in with Microsoft or Google. "
    "Use the “Sign in with …” button below instead of a password."
)


class AccountAdapter(DefaultAccountAdapter):
    """Lets a deployment close public sign-up (TANDEM_ALLOW_SIGNUP=0) when it invites staff,
    and refuses passwords for members of organisations that require single sign-on."""

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return bool(settings.TANDEM_ALLOW_SIGNUP)

    def pre_authenticate(self, request: HttpRequest, **credentials: Any) -> None:
        try:
            super().pre_authenticate(request, **credentials)
        except forms.ValidationError as error:
            if error.code == "too_many_login_attempts":
                log_lockout(request, str(credentials.get("email", "")))
            raise

    def authenticate(self, request: HttpRequest, **credentials: Any) -> AbstractBaseUser | None:
        user = super().authenticate(request, **credentials)
        if user is not None and requires_sso(user):
            raise forms.ValidationError(SSO_REQUIRED_MESSAGE, code="sso_required")
        return user


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    """Single sign-on finds the existing person by verified email; it never creates
    accounts for strangers unless public sign-up is open."""

    def is_open_for_signup(self, request: HttpRequest, sociallogin: Any) -> bool:
        return bool(settings.TANDEM_ALLOW_SIGNUP)

    def authenticate_by_email(self, sociallogin: Any) -> Any:
        for address in sociallogin.email_addresses:
            if address.email.lower() in trusted_emails(sociallogin):
                address.verified = True
        return super().authenticate_by_email(sociallogin)

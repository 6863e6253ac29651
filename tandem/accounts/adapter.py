from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.base_user import AbstractBaseUser
from django.http import HttpRequest
from django.shortcuts import redirect

from tandem.accounts.sign_in_log import log_lockout
from tandem.accounts.sso import (
    google_workspace_refusal,
    requires_sso,
    sign_up_refusal,
    trusted_emails,
)
from tandem.mail import on_site, site_domain

# Links allauth puts in the emails it sends, built from the request's host; rebuilt from
# TANDEM_SITE_URL (tandem.mail explains why).
EMAIL_LINKS = ("password_reset_url", "signup_url", "activate_url")


class SiteOfRecord:
    """What allauth's email templates call the current site: the configured address."""

    name = "Tandem"

    @property
    def domain(self) -> str:
        return site_domain()


SSO_REQUIRED_MESSAGE = (
    "Your organisation signs in with Microsoft or Google. "
    "Use the “Sign in with …” button below instead of a password."
)


class AccountAdapter(DefaultAccountAdapter):
    """Lets a deployment open public sign-up (TANDEM_ALLOW_SIGNUP=1), refuses passwords for
    members of organisations that require single sign-on, and counts failed sign-ins per
    account and address."""

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return bool(settings.TANDEM_ALLOW_SIGNUP)

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        context = {**context, "current_site": SiteOfRecord()}
        for key in EMAIL_LINKS:
            if context.get(key):
                context[key] = on_site(str(context[key]))
        super().send_mail(template_prefix, email, context)

    def pre_authenticate(self, request: HttpRequest, **credentials: Any) -> None:
        try:
            super().pre_authenticate(request, **credentials)
        except forms.ValidationError as error:
            if error.code == "too_many_login_attempts":
                log_lockout(request, str(credentials.get("email", "")))
            raise

    def _get_login_attempts_cache_key(self, request: HttpRequest, **credentials: Any) -> str:
        # allauth counts "login_failed" per key; keying by the account alone let anyone lock
        # a colleague out by typing wrong passwords for them. With the client's address in
        # the key, their failures lock only their own address out of that account. Unknown
        # accounts are counted the same way, so the lock reveals nothing about who exists.
        account_key = super()._get_login_attempts_cache_key(request, **credentials)
        return f"{account_key}:{self.get_client_ip(request)}"

    def authenticate(self, request: HttpRequest, **credentials: Any) -> AbstractBaseUser | None:
        user = super().authenticate(request, **credentials)
        if user is not None and requires_sso(user):
            raise forms.ValidationError(SSO_REQUIRED_MESSAGE, code="sso_required")
        return user


def refuse(request: HttpRequest, reason: str | None) -> None:
    """Stop a single sign-on with its reason shown on the sign-in page."""
    if reason:
        messages.error(request, reason)
        raise ImmediateHttpResponse(redirect("account_login"))


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    """Single sign-on finds the existing person only by an address the provider's claims
    prove (tandem.accounts.sso), and creates accounts only on registered domains."""

    def pre_social_login(self, request: HttpRequest, sociallogin: Any) -> None:
        refuse(request, google_workspace_refusal(sociallogin))

    def is_open_for_signup(self, request: HttpRequest, sociallogin: Any) -> bool:
        # Reached only when no existing account matched: say why none is created.
        refuse(request, sign_up_refusal(sociallogin))
        return True

    def authenticate_by_email(self, sociallogin: Any) -> Any:
        # The provider's own "verified" flag is not enough (a personal Google account can
        # carry a work address): only addresses the claims prove count as verified, both
        # for linking to an existing account and on an account single sign-on creates.
        trusted = trusted_emails(sociallogin)
        for address in sociallogin.email_addresses:
            address.verified = address.email.lower() in trusted
        return super().authenticate_by_email(sociallogin)

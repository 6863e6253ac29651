"""Single sign-on rules: which addresses a provider's answer proves, who may sign up through
single sign-on, and who must use it.

A provider saying "this person's address is dana@moorland.sch.uk" is not by itself proof:
anyone can make a personal Google account with a work address, and a Microsoft directory's
administrator can write any address into a user's `mail`. An address is trusted (and so
links to the Tandem account holding it) only when the provider's own claims show that the
organisation owning the domain vouches for it:

- Google: the ID token's `hd` claim (only Google Workspace accounts carry it) names a
  domain Tandem knows (TANDEM_GOOGLE_WORKSPACE_DOMAIN or an organisation's SSO domain),
  the address is on such a domain, and Google marks it verified.
- Microsoft: the ID token's `xms_edov` claim says the directory has verified the address's
  domain, or the domain is one of an organisation's SSO domains and the directory is the
  one that owns it (the configured single tenant, or the domain's recorded tenant id).
"""

from typing import Any

import jwt
from allauth.socialaccount.providers.microsoft.views import MicrosoftGraphOAuth2Adapter
from allauth.socialaccount.providers.oauth2.views import OAuth2CallbackView
from django.apps import apps
from django.conf import settings
from django.http import HttpRequest

from tandem.accounts.models import User

# Entra ID's shared endpoints: any tenant can sign in, so the tenant proves nothing.
MULTI_TENANT = {"common", "organizations", "consumers"}

PROVIDER_NAMES = {"google": "Google", "microsoft": "Microsoft"}

# The ID-token claims kept beside the Graph profile: the directory and its say on the email.
MICROSOFT_CLAIMS = ("tid", "email", "xms_edov")


def microsoft_tenant() -> str:
    apps_config = settings.SOCIALACCOUNT_PROVIDERS.get("microsoft", {}).get("APPS", [])
    return apps_config[0].get("settings", {}).get("tenant", "common") if apps_config else "common"


def email_domain(address: str) -> str:
    return address.rpartition("@")[2].strip().lower()


def _sso_domains(domains: set[str]) -> dict[str, str]:
    """The given domains that organisations have registered, each with its Microsoft tenant.

    accounts sits below organisations in the apps' order, so it names the model rather
    than importing it.
    """
    model = apps.get_model("organisations", "SsoDomain")
    rows = model.objects.filter(domain__in=domains).values_list("domain", "microsoft_tenant_id")
    return dict(rows)


def _claim_is_true(value: object) -> bool:
    # Entra ID sends optional boolean claims as JSON true, or as "1"/"true" in older tokens.
    return value is True or str(value).lower() in {"1", "true"}


def _google_trusted(extra_data: dict[str, Any], addresses: set[str]) -> set[str]:
    workspace = (extra_data.get("hd") or "").lower()
    if not workspace or not _claim_is_true(extra_data.get("email_verified")):
        return set()
    known = set(_sso_domains({workspace} | {email_domain(a) for a in addresses}))
    if settings.TANDEM_GOOGLE_WORKSPACE_DOMAIN:
        known.add(settings.TANDEM_GOOGLE_WORKSPACE_DOMAIN)
    if workspace not in known:
        return set()
    token_email = (extra_data.get("email") or "").lower()
    return {a for a in addresses if a == token_email and email_domain(a) in known}


def _microsoft_trusted(extra_data: dict[str, Any], addresses: set[str]) -> set[str]:
    claims = extra_data.get("id_token_claims") or {}
    tenant = (claims.get("tid") or "").lower()
    trusted = set()
    if _claim_is_true(claims.get("xms_edov")):
        # The claim speaks for the token's own email claim, not for Graph's `mail`.
        trusted |= {a for a in addresses if a == (claims.get("email") or "").lower()}
    owners = _sso_domains({email_domain(a) for a in addresses})
    single_tenant = microsoft_tenant() not in MULTI_TENANT
    for address in addresses:
        domain = email_domain(address)
        if domain not in owners:
            continue
        owner_tenant = owners[domain]
        if (owner_tenant and owner_tenant == tenant) or (not owner_tenant and single_tenant):
            trusted.add(address)
    return trusted


def trusted_emails(sociallogin: Any) -> set[str]:
    """The addresses of this social login that the provider's claims prove (see above)."""
    addresses = {address.email.lower() for address in sociallogin.email_addresses}
    extra_data = sociallogin.account.extra_data or {}
    if sociallogin.account.provider == "google":
        return _google_trusted(extra_data, addresses)
    if sociallogin.account.provider == "microsoft":
        return _microsoft_trusted(extra_data, addresses)
    return set()


def sign_up_refusal(sociallogin: Any) -> str | None:
    """Why single sign-on may not create an account for this person, or None if it may.

    It creates one only for a trusted address on a domain that an organisation (or the
    Google Workspace setting) has registered, and only while public sign-up is open: a
    work account from anywhere else creates nothing.
    """
    provider = PROVIDER_NAMES.get(sociallogin.account.provider, "your provider")
    trusted = trusted_emails(sociallogin)
    if not trusted:
        return (
            f"Tandem could not confirm from {provider} that your email address belongs to "
            "your organisation, so it has not signed you in. Sign in with your password, or "
            "ask your Tandem administrator to register your organisation's email domain."
        )
    registered = set(_sso_domains({email_domain(address) for address in trusted}))
    if sociallogin.account.provider == "google" and settings.TANDEM_GOOGLE_WORKSPACE_DOMAIN:
        registered.add(settings.TANDEM_GOOGLE_WORKSPACE_DOMAIN)
    address = sorted(trusted)[0]
    if not any(email_domain(address) in registered for address in trusted):
        return (
            f"There is no Tandem account for {address}, and {email_domain(address)} is not "
            "an organisation's registered domain. Ask your programme coordinator to invite you."
        )
    if not settings.TANDEM_ALLOW_SIGNUP:
        return (
            f"There is no Tandem account for {address}. "
            "Ask your programme coordinator to invite you."
        )
    return None


def google_workspace_refusal(sociallogin: Any) -> str | None:
    """Why a Google sign-in is refused outright, if the deployment names one Workspace and
    the ID token is from another (the `hd` hint is only a hint: the answer must match)."""
    expected = settings.TANDEM_GOOGLE_WORKSPACE_DOMAIN
    if sociallogin.account.provider != "google" or not expected:
        return None
    if ((sociallogin.account.extra_data or {}).get("hd") or "").lower() == expected:
        return None
    return (
        f"That Google account is not part of the {expected} Google Workspace. "
        "Sign in with your work Google account."
    )


def requires_sso(user: User) -> bool:
    """True if any of the person's current organisations requires single sign-on."""
    return user.memberships.filter(ended_on__isnull=True, organisation__requires_sso=True).exists()


class MicrosoftAdapter(MicrosoftGraphOAuth2Adapter):
    """allauth's Microsoft adapter, keeping the ID token's directory and `xms_edov` claims
    beside the Graph profile so that trusted_emails can read them."""

    def complete_login(self, request: HttpRequest, app: Any, token: Any, **kwargs: Any) -> Any:
        sociallogin = super().complete_login(request, app, token, **kwargs)
        id_token = (kwargs.get("response") or {}).get("id_token")
        claims: dict[str, Any] = {}
        if id_token:
            # The token comes straight from Microsoft's token endpoint over TLS, in exchange
            # for the client secret, so its signature need not be checked again (OpenID
            # Connect Core §3.1.3.7).
            claims = jwt.decode(id_token, options={"verify_signature": False})
        sociallogin.account.extra_data["id_token_claims"] = {
            name: claims[name] for name in MICROSOFT_CLAIMS if name in claims
        }
        return sociallogin


microsoft_callback = OAuth2CallbackView.adapter_view(MicrosoftAdapter)

"""Single sign-on rules: which providers' email addresses are trusted, and who must use SSO."""

from typing import Any

from django.conf import settings

from tandem.accounts.models import User

# Entra ID's shared endpoints: any tenant can sign in, and a tenant's administrator can put
# any address in a user's `mail`, so such addresses are not proof of ownership.
MULTI_TENANT = {"common", "organizations", "consumers"}


def microsoft_tenant() -> str:
    apps = settings.SOCIALACCOUNT_PROVIDERS.get("microsoft", {}).get("APPS", [])
    return apps[0].get("settings", {}).get("tenant", "common") if apps else "common"


def trusted_emails(sociallogin: Any) -> set[str]:
    """Addresses a provider vouches for. Google marks them verified itself; a single-tenant
    Entra ID directory is the school's own, so its addresses are trusted too."""
    if sociallogin.account.provider != "microsoft" or microsoft_tenant() in MULTI_TENANT:
        return set()
    return {address.email.lower() for address in sociallogin.email_addresses}


def requires_sso(user: User) -> bool:
    """True if any of the person's current organisations requires single sign-on."""
    return user.memberships.filter(ended_on__isnull=True, organisation__requires_sso=True).exists()

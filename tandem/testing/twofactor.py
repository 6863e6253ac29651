"""Two-factor in the test world: everyone whose role requires it has set it up, as the
real ones must (tandem.accounts.twofactor), with an authenticator app whose secret the
tests know, so browser tests sign in through the real two-factor step.

A test about people who have not set it up yet marks itself `without_two_factor`.
"""

import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from django.core.cache import cache
from django.db.models import Model
from django.db.models.signals import ModelSignal, m2m_changed, post_save

from tandem.accounts.models import User
from tandem.accounts.twofactor import needs_two_factor
from tandem.organisations.models import Membership
from tandem.programmes.models import Programme

# A fixed base32 secret for every test authenticator app (tests only).
TEST_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
PERIOD = 30  # seconds per code (allauth's MFA_TOTP_PERIOD default)
SAFETY_SECONDS = 5


def give_two_factor(user: User) -> None:
    """Set up an authenticator app for the person, as they would on the set-up page."""
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, TEST_TOTP_SECRET)


def totp_code(user: User) -> str:
    """The authenticator app's current code, usable again in tests (allauth refuses a code
    twice in one period, which a test signing the same person in twice would hit)."""
    if PERIOD - time.time() % PERIOD < SAFETY_SECONDS:
        # Too close to the next period for the code to arrive in time: wait for it.
        time.sleep(PERIOD - time.time() % PERIOD)
    code = format_hotp_value(hotp_value(TEST_TOTP_SECRET, int(time.time()) // PERIOD))
    cache.delete(f"allauth.mfa.totp.used?user={user.pk}&code={code}")
    return code


def _on_user_saved(sender: Any, instance: User, **kwargs: Any) -> None:
    if instance.is_staff:
        give_two_factor(instance)


def _on_membership_saved(sender: Any, instance: Membership, **kwargs: Any) -> None:
    if needs_two_factor(instance.user):
        give_two_factor(instance.user)


def _on_coordinators_changed(sender: Any, instance: Any, action: str, **kwargs: Any) -> None:
    if action != "post_add":
        return
    people: list[User] = (
        list(User.objects.filter(pk__in=kwargs.get("pk_set") or ()))
        if isinstance(instance, Programme)
        else [instance]
    )
    for person in people:
        give_two_factor(person)


RECEIVERS: list[tuple[ModelSignal, Callable[..., None], type[Model]]] = [
    (post_save, _on_user_saved, User),
    (post_save, _on_membership_saved, Membership),
    (m2m_changed, _on_coordinators_changed, Programme.coordinators.through),
]


def _connect() -> None:
    for signal, receiver, sender in RECEIVERS:
        signal.connect(receiver, sender=sender, dispatch_uid=f"tests-{receiver.__name__}")


def _disconnect() -> None:
    for signal, receiver, sender in RECEIVERS:
        signal.disconnect(receiver, sender=sender, dispatch_uid=f"tests-{receiver.__name__}")


@pytest.fixture(autouse=True, scope="session")
def _privileged_people_have_two_factor() -> Iterator[None]:
    # Session-wide, so casts built once per module or class are covered too.
    _connect()
    yield
    _disconnect()


@pytest.fixture(autouse=True)
def _without_two_factor(request: pytest.FixtureRequest) -> Iterator[None]:
    if not request.node.get_closest_marker("without_two_factor"):
        yield
        return
    _disconnect()
    yield
    _connect()

"""Personal access tokens: shown once, stored hashed, scoped, revocable, rate-limited."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from tandem.api.models import ApiToken, hash_secret
from tandem.api.services import create_token, revoke_token
from tandem.api.throttles import TokenRateThrottle
from tandem.testing.factories import MembershipFactory


@pytest.fixture
def member(db):
    return MembershipFactory().user


def bearer(text):
    return {"HTTP_AUTHORIZATION": f"Bearer {text}"}


def test_only_a_hash_of_the_token_is_stored(member):
    token, text = create_token(actor=member, name="Sync", scope="read")
    secret = text.split("_", 2)[2]
    assert text.startswith(f"tdm_{token.key}_")
    assert token.secret_hash == hash_secret(secret)
    assert secret not in str(ApiToken.objects.filter(pk=token.pk).values().get())


def test_a_token_reads_as_its_owner(client, member):
    _token, text = create_token(actor=member, name="Sync", scope="read")
    response = client.get(reverse("api:organisation-list"), **bearer(text))
    assert response.status_code == 200
    assert response.json()["count"] == 1


def test_a_read_only_token_cannot_write(client, member):
    _token, text = create_token(actor=member, name="Sync", scope="read")
    organisation = member.memberships.get().organisation
    response = client.patch(
        reverse("api:organisation-detail", args=[organisation.uuid]),
        {"description": "x"},
        content_type="application/json",
        **bearer(text),
    )
    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"


def test_a_revoked_or_wrong_token_is_refused(client, member):
    token, text = create_token(actor=member, name="Sync", scope="read-write")
    revoke_token(actor=member, token=token)
    for candidate in (text, f"{text}x", "tdm_nonsense", "something-else"):
        response = client.get(reverse("api:organisation-list"), **bearer(candidate))
        assert response.status_code == 401, candidate


def test_each_token_has_a_rate_limit(client, member, monkeypatch):
    cache.clear()
    # DRF reads the rates once at import, so the test patches the class attribute.
    monkeypatch.setattr(TokenRateThrottle, "THROTTLE_RATES", {"token": "2/minute"})
    _token, text = create_token(actor=member, name="Sync", scope="read")
    statuses = [
        client.get(reverse("api:organisation-list"), **bearer(text)).status_code for _ in range(3)
    ]
    cache.clear()
    assert statuses == [200, 200, 429]


def test_the_token_page_shows_a_new_token_once(client, member):
    client.force_login(member)
    response = client.post(reverse("api:token-list"), {"name": "HR sync", "scope": "read"})
    token = ApiToken.objects.get()
    assert f"tdm_{token.key}_" in response.content.decode()
    again = client.get(reverse("api:token-list")).content.decode()
    assert "HR sync" in again
    assert f"tdm_{token.key}_" not in again


def test_someone_else_cannot_revoke_my_token(client, member):
    token, _text = create_token(actor=member, name="Sync", scope="read")
    with pytest.raises(PermissionError):
        revoke_token(actor=MembershipFactory().user, token=token)

"""The team: the lead adds people by email with a role, changes roles and removes people;
the last lead cannot go; only the team sees the case."""

import pytest
from django.urls import reverse

from tandem.impact.models import CaseMember

pytestmark = pytest.mark.django_db


def test_the_lead_adds_someone_by_email_with_a_role(client, cast):
    client.force_login(cast["lead"])
    url = reverse("impact:member-add", args=[cast["case"].uuid])
    response = client.post(url, {"email": cast["outsider"].email.upper(), "role": "partner"})
    assert response.status_code == 302
    member = CaseMember.objects.get(case=cast["case"], user=cast["outsider"])
    assert member.role == "partner"
    # Now on the team, they see the case.
    client.force_login(cast["outsider"])
    assert client.get(cast["case"].get_absolute_url()).status_code == 200


def test_an_unknown_address_is_refused_with_a_message(client, cast):
    client.force_login(cast["lead"])
    url = reverse("impact:member-add", args=[cast["case"].uuid])
    response = client.post(url, {"email": "nobody@example.org", "role": "reader"})
    page = response.content.decode()
    assert "No one uses Tandem with the address nobody@example.org" in page
    assert 'value="nobody@example.org"' in page


def test_the_last_lead_cannot_be_removed_or_demoted(client, cast):
    client.force_login(cast["lead"])
    lead = CaseMember.objects.get(case=cast["case"], user=cast["lead"])
    url = reverse("impact:member-remove", args=[cast["case"].uuid, lead.uuid])
    response = client.post(url, follow=True)
    assert "needs at least one researcher lead" in response.content.decode()
    assert CaseMember.objects.filter(pk=lead.pk).exists()
    add = reverse("impact:member-add", args=[cast["case"].uuid])
    response = client.post(add, {"email": cast["lead"].email, "role": "reader"})
    assert "needs at least one researcher lead" in response.content.decode()
    assert CaseMember.objects.get(pk=lead.pk).role == "lead"


def test_a_removed_member_no_longer_sees_the_case(client, cast):
    client.force_login(cast["lead"])
    url = reverse("impact:member-remove", args=[cast["case"].uuid, cast["member"].uuid])
    client.post(url)
    client.force_login(cast["reader"])
    assert client.get(cast["case"].get_absolute_url()).status_code == 404

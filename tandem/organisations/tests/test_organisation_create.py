"""Site administrators add organisations in the app (not only in Django admin); leaders
edit their own. Both are validated and written to the audit log."""

import pytest
from django.urls import reverse

from tandem.audit.models import AuditEvent
from tandem.organisations.models import Membership, Organisation, Phase
from tandem.organisations.services import create_organisation
from tandem.testing.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

CREATE = reverse("organisations:organisation-create")


def data(**overrides):
    values = {
        "name": "Riverside  Primary",
        "type": "school",
        "sector": "education",
        "region": "yorkshire-humber",
        "official_identifier": "urn 654321",
        "size": "small",
        "website": "riverside.example",
        "description": "",
        "phases": [Phase.objects.get(key="primary").pk],
    }
    return values | overrides


@pytest.fixture
def admin_user():
    return UserFactory(is_staff=True, full_name="Sam Administrator")


def test_an_administrator_adds_an_organisation_and_it_is_audited(client, admin_user):
    client.force_login(admin_user)
    assert (
        "Add an organisation"
        in client.get(reverse("organisations:organisation-list")).content.decode()
    )
    response = client.post(CREATE, data())
    riverside = Organisation.objects.get(official_identifier="URN 654321")
    assert response.status_code == 302
    assert response["Location"] == riverside.get_absolute_url()
    assert riverside.name == "Riverside Primary"  # spaces tidied
    assert [phase.key for phase in riverside.phases.all()] == ["primary"]
    event = AuditEvent.objects.get(action="organisation.create")
    assert event.actor == admin_user
    assert event.object_uuid == riverside.uuid


def test_a_leader_cannot_add_organisations_nor_see_the_button(client):
    leader = MembershipFactory(access=Membership.Access.LEADER).user
    client.force_login(leader)
    assert (
        "Add an organisation"
        not in client.get(reverse("organisations:organisation-list")).content.decode()
    )
    assert client.post(CREATE, data()).status_code == 403
    assert not Organisation.objects.filter(official_identifier="URN 654321").exists()


def test_the_service_refuses_anyone_but_an_administrator():
    leader = MembershipFactory(access=Membership.Access.LEADER).user
    with pytest.raises(PermissionError):
        create_organisation(actor=leader, fields={"name": "X"}, phases=[])


def test_a_second_organisation_of_the_same_name_and_region_is_questioned(client, admin_user):
    OrganisationFactory(name="Riverside Primary", region="yorkshire-humber")
    client.force_login(admin_user)
    response = client.post(CREATE, data(official_identifier="", description="Kept"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Riverside Primary already exists in" in page
    assert "Kept" in page
    # A different official identifier says it is another organisation.
    assert client.post(CREATE, data()).status_code == 302


def test_a_blank_or_invalid_organisation_is_explained(client, admin_user):
    client.force_login(admin_user)
    response = client.post(CREATE, data(name="   ", type="spaceport", website="not a url"))
    errors = response.context["form"].errors
    assert "name" in errors
    assert "not one of the available choices" in errors["type"][0]
    assert "website" in errors
    assert "There is a problem" in response.content.decode()
    assert not AuditEvent.objects.filter(action="organisation.create").exists()


def test_editing_an_organisation_is_audited_with_what_changed(client):
    leadership = MembershipFactory(access=Membership.Access.LEADER)
    organisation = leadership.organisation
    client.force_login(leadership.user)
    url = reverse("organisations:organisation-edit", args=[organisation.uuid])
    response = client.post(
        url,
        data(
            name=organisation.name,
            type=organisation.type,
            sector=organisation.sector,
            region=organisation.region,
            description="Now with a description",
        ),
    )
    assert response.status_code == 302
    event = AuditEvent.objects.get(action="organisation.update")
    assert event.actor == leadership.user
    assert "description" in event.detail
    assert "phases" in event.detail

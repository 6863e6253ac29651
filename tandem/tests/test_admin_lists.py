"""Admin lists that grow to 100,000 rows show a page at a time, without counting the whole
table under a filter, with related rows joined; an organisation links to its members
rather than listing thousands of them on its form."""

import pytest
from django.contrib import admin

from tandem.accounts.models import User
from tandem.audit.models import AuditEvent
from tandem.organisations.models import Membership, Organisation
from tandem.people.models import Profile
from tandem.programmes.models import Programme
from tandem.relationships.models import Relationship
from tandem.testing.factories import MembershipFactory
from tandem.testing.twofactor import give_two_factor

GROWING = [User, AuditEvent, Organisation, Membership, Profile, Programme, Relationship]


@pytest.mark.parametrize("model", GROWING, ids=lambda model: model.__name__)
def test_growing_lists_page_without_full_counts(model):
    model_admin = admin.site._registry[model]
    assert model_admin.list_per_page <= 50
    assert model_admin.show_full_result_count is False


@pytest.mark.django_db
def test_an_organisation_links_to_its_members_instead_of_listing_them(client):
    membership = MembershipFactory()
    staff = User.objects.create_superuser(email="admin@example.com", full_name="Ad Min")
    give_two_factor(staff)
    client.force_login(staff)
    organisation = membership.organisation
    response = client.get(f"/admin/organisations/organisation/{organisation.pk}/change/")
    assert response.status_code == 200
    body = response.content.decode()
    assert f"/admin/organisations/membership/?organisation__id__exact={organisation.pk}" in body
    assert membership.user.full_name not in body

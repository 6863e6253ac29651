import pytest
from django.urls import reverse

from tandem.organisations.models import Membership, Organisation, Phase
from tandem.testing.factories import (
    MembershipFactory,
    OrganisationFactory,
    PartnershipMemberFactory,
    ProfileFactory,
)


@pytest.fixture
def moorland(db):
    return OrganisationFactory(name="Moorland Academy")


@pytest.fixture
def helen(moorland):
    # Helen: Moorland's headteacher, who may edit its details.
    profile = ProfileFactory(user__full_name="Helen Okafor")
    MembershipFactory(user=profile.user, organisation=moorland, access=Membership.Access.LEADER)
    return profile.user


def add_members(organisation, count):
    manager = ProfileFactory().user
    for _ in range(count):
        MembershipFactory(
            user=ProfileFactory().user, organisation=organisation, line_manager=manager
        )


@pytest.mark.django_db
class TestOrganisationDetail:
    def test_lists_current_members_only(self, client, helen, moorland):
        past = MembershipFactory(
            organisation=moorland, ended_on="2025-07-31", started_on="2020-09-01"
        )
        client.force_login(helen)
        response = client.get(moorland.get_absolute_url())
        page = response.content.decode()
        assert "Helen Okafor" in page
        assert past.user.full_name not in page

    def test_query_count_does_not_grow_with_members(
        self, client, helen, moorland, django_assert_num_queries
    ):
        client.force_login(helen)
        add_members(moorland, 3)
        PartnershipMemberFactory(organisation=moorland)
        # session, user, organisation, viewer's access, phases, partnerships (joined),
        # count of members, one page of members (with users, profiles and line managers)
        with django_assert_num_queries(8):
            client.get(moorland.get_absolute_url())
        add_members(moorland, 60)
        PartnershipMemberFactory(organisation=moorland)
        with django_assert_num_queries(8):
            response = client.get(moorland.get_absolute_url())
        assert response.context["page"].paginator.count == 64
        assert len(response.context["page"].object_list) == 50
        assert "Page 1 of 2" in response.content.decode()

    def test_searches_members_by_name_and_access(self, client, helen, moorland):
        add_members(moorland, 3)
        client.force_login(helen)
        found = client.get(moorland.get_absolute_url(), {"q": "okaf"})
        assert [m.user for m in found.context["page"].object_list] == [helen]
        leaders = client.get(moorland.get_absolute_url(), {"status": "leader"})
        assert [m.user for m in leaders.context["page"].object_list] == [helen]
        nobody = client.get(moorland.get_absolute_url(), {"q": "zzz"}).content.decode()
        assert "No current member matches." in nobody

    def test_an_unknown_access_is_an_error_not_a_silent_empty_list(self, client, helen, moorland):
        client.force_login(helen)
        response = client.get(moorland.get_absolute_url(), {"status": "emperor"})
        assert response.status_code == 200
        assert "Select a valid choice" in response.content.decode()
        assert response.context["page"].paginator.count == 1  # unfiltered


@pytest.mark.django_db
class TestOrganisationList:
    def test_query_count_does_not_grow_with_organisations(
        self, client, helen, django_assert_num_queries
    ):
        client.force_login(helen)
        # session, user, organisations with member counts
        with django_assert_num_queries(3):
            client.get(reverse("organisations:organisation-list"))
        for _ in range(5):
            MembershipFactory(user=helen)
        with django_assert_num_queries(3):
            response = client.get(reverse("organisations:organisation-list"))
        assert len(response.context["organisations"]) == 6


@pytest.mark.django_db
class TestOrganisationEdit:
    def data(self, **overrides):
        values = {
            "name": "Moorland Academy",
            "type": "school",
            "sector": "education",
            "region": "yorkshire-humber",
            "official_identifier": "urn 123456",
            "size": "medium",
            "website": "moorland.example",
            "description": "",
            "phases": [Phase.objects.get(key="secondary").pk],
        }
        values.update(overrides)
        return values

    def test_leader_saves_details(self, client, helen, moorland):
        client.force_login(helen)
        url = reverse("organisations:organisation-edit", args=[moorland.uuid])
        response = client.post(url, self.data())
        assert response.status_code == 302
        moorland.refresh_from_db()
        assert moorland.official_identifier == "URN 123456"
        assert moorland.website == "https://moorland.example"
        assert [phase.key for phase in moorland.phases.all()] == ["secondary"]

    def test_duplicate_identifier_is_explained_and_typing_kept(self, client, helen, moorland):
        OrganisationFactory(official_identifier="URN 123456")
        client.force_login(helen)
        url = reverse("organisations:organisation-edit", args=[moorland.uuid])
        response = client.post(url, self.data(description="Typed description"))
        assert response.status_code == 200
        errors = response.context["form"].errors
        assert "already exists" in str(errors)
        assert "Typed description" in response.content.decode()
        assert Organisation.objects.get(pk=moorland.pk).description == ""

    def test_missing_required_fields_get_field_messages(self, client, helen, moorland):
        client.force_login(helen)
        url = reverse("organisations:organisation-edit", args=[moorland.uuid])
        response = client.post(url, self.data(name="", type="spaceport"))
        errors = response.context["form"].errors
        assert errors["name"] == ["This field is required."]
        assert "not one of the available choices" in errors["type"][0]
        assert "There is a problem" in response.content.decode()

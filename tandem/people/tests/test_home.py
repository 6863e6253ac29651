import pytest
from django.urls import reverse

from tandem.organisations.models import Membership
from tandem.testing.factories import (
    MembershipFactory,
    OrganisationFactory,
    ProfileFactory,
    TrainingRecordFactory,
)

HOME = reverse("home")


@pytest.fixture
def moorland(db):
    return OrganisationFactory(name="Moorland Academy")


def person(organisation, access=Membership.Access.MEMBER, **profile):
    user = ProfileFactory(**profile).user
    MembershipFactory(user=user, organisation=organisation, access=access)
    return user


@pytest.mark.django_db
class TestHomePage:
    def test_mentee_sees_their_learning_and_profile_gaps(self, client, moorland):
        client.force_login(person(moorland))
        page = client.get(HOME).content.decode()
        assert "Your professional learning" in page
        assert "phases, subjects, expertise or interests, availability, region" in page
        assert "Coordinating mentoring" not in page
        assert "Your organisations at a glance" not in page

    def test_mentor_sees_training_hours(self, client, moorland):
        owen = person(moorland, is_open_to_mentoring=True)
        TrainingRecordFactory(profile=owen.profile, hours=12)
        TrainingRecordFactory(profile=owen.profile, hours=6)
        client.force_login(owen)
        page = client.get(HOME).content.decode()
        assert "Your mentoring and coaching" in page
        assert "18</span> hours across 2 courses" in page

    def test_leader_sees_aggregates_for_their_organisation(self, client, moorland):
        helen = person(moorland, Membership.Access.LEADER)
        trained = person(moorland, is_open_to_mentoring=True)
        TrainingRecordFactory(profile=trained.profile)
        TrainingRecordFactory(profile=trained.profile)
        person(moorland, is_open_to_mentoring=True)
        client.force_login(helen)
        response = client.get(HOME)
        [organisation] = response.context["summary"].led_organisations
        assert organisation.num_members == 3
        assert organisation.num_willing_mentors == 2
        assert organisation.num_trained_mentors == 1

    def test_coordinator_sees_capacity_table(self, client, moorland):
        client.force_login(person(moorland, Membership.Access.COORDINATOR))
        page = client.get(HOME).content.decode()
        assert "Mentoring capacity in the organisations you coordinate" in page

    def test_query_count_is_bounded(self, client, moorland, django_assert_num_queries):
        priya = person(moorland, Membership.Access.COORDINATOR)
        client.force_login(priya)
        # session, user, profile, memberships, training aggregate, coordinated
        # organisations with counts, and the profile-gap checks (phases, subjects,
        # expertise, interests), surveys owed (relationships, led programmes) and
        # programmes to evaluate (one, with led organisations as a subquery), and
        # matching prompts (one), and "Needs your attention" (programmes coordinated: one
        # when there are none; see operations/tests/test_needs_attention.py for more), and
        # stopped background work (four: report snapshots, matching runs, imports, exports)
        with django_assert_num_queries(19):
            client.get(HOME)
        for _ in range(10):
            person(moorland, is_open_to_mentoring=True)
        MembershipFactory(user=priya, access=Membership.Access.COORDINATOR)
        with django_assert_num_queries(19):
            client.get(HOME)

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from tandem.organisations.models import Membership, Organisation
from tandem.testing.factories import MembershipFactory, OrganisationFactory, UserFactory


@pytest.mark.django_db
class TestOrganisationConstraints:
    def test_official_identifier_is_unique_when_present(self):
        OrganisationFactory(official_identifier="URN 100001")
        with pytest.raises(IntegrityError), transaction.atomic():
            OrganisationFactory(official_identifier="URN 100001")

    def test_many_organisations_may_have_no_identifier(self):
        OrganisationFactory(official_identifier="")
        OrganisationFactory(official_identifier="")
        assert Organisation.objects.filter(official_identifier="").count() == 2

    def test_unknown_type_is_refused_by_the_database(self):
        with pytest.raises(IntegrityError), transaction.atomic():
            OrganisationFactory(type="spaceport")

    def test_clean_normalises_identifier(self):
        organisation = OrganisationFactory.build(official_identifier="  urn 9  ")
        organisation.full_clean()
        assert organisation.official_identifier == "URN 9"


@pytest.mark.django_db
class TestMembershipConstraints:
    def test_one_current_membership_per_organisation(self):
        membership = MembershipFactory()
        with pytest.raises(IntegrityError), transaction.atomic():
            MembershipFactory(user=membership.user, organisation=membership.organisation)

    def test_a_past_membership_does_not_block_a_new_one(self):
        membership = MembershipFactory(
            started_on=dt.date(2020, 9, 1), ended_on=dt.date(2022, 7, 31)
        )
        MembershipFactory(user=membership.user, organisation=membership.organisation)
        assert Membership.objects.current().filter(user=membership.user).count() == 1

    def test_end_before_start_is_refused(self):
        with pytest.raises(IntegrityError), transaction.atomic():
            MembershipFactory(started_on=dt.date(2024, 9, 1), ended_on=dt.date(2024, 1, 1))

    def test_end_before_start_gets_a_field_message(self):
        membership = MembershipFactory.build(
            user=UserFactory(),
            organisation=OrganisationFactory(),
            started_on=dt.date(2024, 9, 1),
            ended_on=dt.date(2024, 1, 1),
        )
        with pytest.raises(ValidationError) as error:
            membership.full_clean()
        assert "on or after the start date" in str(error.value.message_dict["ended_on"])

    def test_nobody_is_their_own_line_manager(self):
        user = UserFactory()
        with pytest.raises(IntegrityError), transaction.atomic():
            MembershipFactory(user=user, line_manager=user)

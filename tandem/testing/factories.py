"""Model factories shared by every app's tests."""

import factory
from allauth.account.models import EmailAddress
from faker import Faker

from tandem.accounts.models import User
from tandem.framework.models import FrameworkItem
from tandem.organisations.models import Membership, Organisation, Partnership, PartnershipMember
from tandem.people.models import MentorTrainingRecord, Profile

FAKE = Faker("en_GB")
TEST_PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda number: f"person{number}@example.org")
    full_name = factory.LazyFunction(lambda: f"{FAKE.first_name()} {FAKE.last_name()}")
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def verified(user: User, create: bool, extracted: object, **kwargs: object) -> None:  # noqa: N805 - factory_boy passes the built object
        # allauth insists on a verified address before sign-in (mandatory verification);
        # pass verified=False for someone who has not clicked the link yet.
        if create:
            user.save(update_fields=["password"])
            EmailAddress.objects.create(
                user=user, email=user.email, verified=extracted is not False, primary=True
            )


class ProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Profile

    user = factory.SubFactory(UserFactory)
    career_stage = Profile.CareerStage.EXPERIENCED
    years_in_profession = 8
    years_in_role = 3


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda number: f"Test School {number}")
    type = Organisation.Type.SCHOOL
    sector = Organisation.Sector.EDUCATION
    region = "yorkshire-humber"


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role_category = Membership.RoleCategory.TEACHER
    access = Membership.Access.MEMBER


class PartnershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partnership

    name = factory.Sequence(lambda number: f"Test Partnership {number}")


class PartnershipMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnershipMember

    partnership = factory.SubFactory(PartnershipFactory)
    organisation = factory.SubFactory(OrganisationFactory)


class TrainingRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MentorTrainingRecord

    profile = factory.SubFactory(ProfileFactory)
    course = "Mentoring early-career teachers"
    provider = "Northern Teaching School Hub"
    completed_on = factory.Faker("date_between", start_date="-3y", end_date="-1d")
    hours = 12


class FrameworkItemFactory(factory.django.DjangoModelFactory):
    """An item a deployment adds to the Framework vocabulary beside the built-in ones."""

    class Meta:
        model = FrameworkItem

    kind = "principle"
    key = factory.Sequence(lambda number: f"trust-item-{number}")
    title = factory.Sequence(lambda number: f"Trust item {number}")
    summary = "A practice the trust has added."
    description = "Added by the trust to suit its own schools."
    citation_source = "Trust mentoring policy"
    citation_section = "Section 1"

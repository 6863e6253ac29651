"""Every people and organisation view × every role (see tandem.testing.matrix)."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tandem.organisations.models import Membership
from tandem.testing.factories import (
    MembershipFactory,
    OrganisationFactory,
    PartnershipMemberFactory,
    ProfileFactory,
    TrainingRecordFactory,
    UserFactory,
)
from tandem.testing.matrix import SIGN_IN, ViewCase, build_once, check_case, every_case

ROLES = ["owner", "colleague", "leader", "coordinator", "partner", "outsider", "staff", "anonymous"]
EVERYONE_SIGNED_IN = dict.fromkeys(ROLES, 200) | {"anonymous": SIGN_IN}


def build_people_cast():
    moorland = OrganisationFactory(name="Moorland Academy")
    partner_school = OrganisationFactory(name="Riverside Primary")
    PartnershipMemberFactory(organisation=moorland, partnership__name="Kirkdale Partnership")
    PartnershipMemberFactory(
        organisation=partner_school, partnership=moorland.partnership_memberships.get().partnership
    )
    elsewhere = OrganisationFactory(name="Faraway School")

    def member(organisation, access=Membership.Access.MEMBER):
        profile = ProfileFactory()
        MembershipFactory(user=profile.user, organisation=organisation, access=access)
        return profile.user

    owner = member(moorland)  # Dana: the person whose profile and training are at stake
    record = TrainingRecordFactory(
        profile=owner.profile,
        evidence_file=SimpleUploadedFile("certificate.pdf", b"%PDF-1.4 test", "application/pdf"),
    )
    return {
        "owner": owner,
        "colleague": member(moorland),  # same school, ordinary member: reads, never writes
        "leader": member(moorland, Membership.Access.LEADER),  # may edit the organisation
        "coordinator": member(moorland, Membership.Access.COORDINATOR),  # verifies training
        "partner": member(partner_school),  # another school in the same partnership
        "outsider": member(elsewhere),  # unrelated: must not learn anything exists
        "staff": UserFactory(is_staff=True),  # site staff (no TOTP): no special page rights
        "anonymous": None,
        "moorland": moorland,
        "partnership": moorland.partnership_memberships.get().partnership,
        "record": record,
    }


cast_for_module = build_once(build_people_cast)


def _profile(cast):
    return reverse("people:profile-detail", args=[cast["owner"].uuid])


def _record(name):
    return lambda cast: reverse(name, args=[cast["record"].uuid])


def _org(name):
    return lambda cast: reverse(name, args=[cast["moorland"].uuid])


CASES = [
    ViewCase("home", lambda cast: reverse("home"), EVERYONE_SIGNED_IN),
    ViewCase("home", lambda cast: reverse("home"), dict.fromkeys(ROLES, 405), method="post"),
    ViewCase("health", lambda cast: reverse("health"), dict.fromkeys(ROLES, 200)),
    ViewCase("people:my-profile", lambda cast: reverse("people:my-profile"), EVERYONE_SIGNED_IN),
    ViewCase(
        "people:profile-detail",
        _profile,
        {
            "owner": 200,
            "colleague": 200,
            "leader": 200,
            "coordinator": 200,
            "partner": 200,
            "outsider": 404,
            "staff": 200,
            "anonymous": SIGN_IN,
        },
    ),
    ViewCase(
        "people:profile-detail",
        _profile,
        dict.fromkeys(ROLES, 405),
        method="delete",
    ),
    ViewCase(
        "people:profile-edit", lambda cast: reverse("people:profile-edit"), EVERYONE_SIGNED_IN
    ),
    ViewCase(
        "people:training-add", lambda cast: reverse("people:training-add"), EVERYONE_SIGNED_IN
    ),
    ViewCase(
        "people:training-edit",
        _record("people:training-edit"),
        {
            "owner": 200,
            "colleague": 403,
            "leader": 403,
            "coordinator": 403,
            "partner": 403,
            "outsider": 404,
            "staff": 403,
            "anonymous": SIGN_IN,
        },
    ),
    ViewCase(
        "people:training-delete",
        _record("people:training-delete"),
        {
            "owner": 302,
            "colleague": 403,
            "leader": 403,
            "coordinator": 403,
            "partner": 403,
            "outsider": 404,
            "staff": 403,
            "anonymous": SIGN_IN,
        },
        method="post",
    ),
    ViewCase(
        "people:training-delete",
        _record("people:training-delete"),
        dict.fromkeys(ROLES, 405),
    ),
    ViewCase(
        "people:training-evidence",
        _record("people:training-evidence"),
        {
            "owner": 200,
            "colleague": 404,
            "leader": 200,
            "coordinator": 200,
            "partner": 404,
            "outsider": 404,
            "staff": 200,
            "anonymous": SIGN_IN,
        },
    ),
    ViewCase(
        "organisations:organisation-list",
        lambda cast: reverse("organisations:organisation-list"),
        EVERYONE_SIGNED_IN,
    ),
    ViewCase(
        "organisations:organisation-detail",
        _org("organisations:organisation-detail"),
        {
            "owner": 200,
            "colleague": 200,
            "leader": 200,
            "coordinator": 200,
            "partner": 404,
            "outsider": 404,
            "staff": 200,
            "anonymous": SIGN_IN,
        },
    ),
    ViewCase(
        "organisations:organisation-edit",
        _org("organisations:organisation-edit"),
        {
            "owner": 403,
            "colleague": 403,
            "leader": 200,
            "coordinator": 403,
            "partner": 404,
            "outsider": 404,
            "staff": 200,
            "anonymous": SIGN_IN,
        },
    ),
    ViewCase(
        "organisations:member-add",
        _org("organisations:member-add"),
        {
            "owner": 403,
            "colleague": 403,
            "leader": 200,
            "coordinator": 403,
            "partner": 404,
            "outsider": 404,
            "staff": 200,
            "anonymous": SIGN_IN,
        },
    ),
    ViewCase(
        "organisations:member-add",
        _org("organisations:member-add"),
        dict.fromkeys(ROLES, 405),
        method="delete",
    ),
    ViewCase(
        "organisations:membership-edit",
        lambda cast: reverse(
            "organisations:membership-edit", args=[cast["owner"].memberships.get().uuid]
        ),
        {
            "owner": 403,
            "colleague": 403,
            "leader": 200,
            "coordinator": 403,
            "partner": 404,
            "outsider": 404,
            "staff": 200,
            "anonymous": SIGN_IN,
        },
    ),
    ViewCase(
        "organisations:partnership-detail",
        lambda cast: reverse("organisations:partnership-detail", args=[cast["partnership"].uuid]),
        {
            "owner": 200,
            "colleague": 200,
            "leader": 200,
            "coordinator": 200,
            "partner": 200,
            "outsider": 404,
            "staff": 200,
            "anonymous": SIGN_IN,
        },
    ),
]


@every_case(CASES, ROLES)
def test_permission_matrix(matrix_client, matrix_cast, case, role):
    check_case(matrix_client, case, role, matrix_cast)

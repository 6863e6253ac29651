"""Every people and organisation view × every role (see tandem.testing.matrix)."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tandem.organisations.models import Membership
from tandem.testing import matrix
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
EVERYONE_SIGNED_IN = matrix.everyone(ROLES)
NOT_ALLOWED = matrix.not_allowed(ROLES)
NOT_OUTSIDER = EVERYONE_SIGNED_IN | {"outsider": 404}
# Moorland's own people: the partner school and the outsider learn nothing of it.
MOORLAND = NOT_OUTSIDER | {"partner": 404}
# Only the organisation's leader, and site staff, may change it.
ORGANISATION_LEADERS = matrix.expect(
    ROLES, 403, leader=200, staff=200, partner=404, outsider=404, anonymous=SIGN_IN
)
# The owner's own training record: others who may see it exists are refused.
OWNER_ONLY = matrix.expect(ROLES, 403, owner=200, outsider=404, anonymous=SIGN_IN)
# Evidence is for the owner and those who verify training at the owner's school.
EVIDENCE = EVERYONE_SIGNED_IN | {"colleague": 404, "partner": 404, "outsider": 404}


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


def _page(name):
    return matrix.url_to(name)


def _record(name):
    return matrix.url_to(name, "record")


def _org(name):
    return matrix.url_to(name, "moorland")


CASES = [
    ViewCase("home", _page("home"), EVERYONE_SIGNED_IN),
    ViewCase("home", _page("home"), NOT_ALLOWED, method="post"),
    ViewCase("health", _page("health"), dict.fromkeys(ROLES, 200)),
    ViewCase("people:my-profile", _page("people:my-profile"), EVERYONE_SIGNED_IN),
    ViewCase("people:profile-detail", _profile, NOT_OUTSIDER),
    ViewCase("people:profile-detail", _profile, NOT_ALLOWED, method="delete"),
    ViewCase("people:profile-edit", _page("people:profile-edit"), EVERYONE_SIGNED_IN),
    ViewCase("people:training-add", _page("people:training-add"), EVERYONE_SIGNED_IN),
    ViewCase("people:training-edit", _record("people:training-edit"), OWNER_ONLY),
    ViewCase(
        "people:training-delete",
        _record("people:training-delete"),
        OWNER_ONLY | {"owner": 302},
        method="post",
    ),
    ViewCase("people:training-delete", _record("people:training-delete"), NOT_ALLOWED),
    ViewCase("people:training-evidence", _record("people:training-evidence"), EVIDENCE),
    ViewCase(
        "organisations:organisation-list",
        _page("organisations:organisation-list"),
        EVERYONE_SIGNED_IN,
    ),
    # Anyone signed in may search; the results hold only people they may see (see
    # test_person_picker.py).
    ViewCase("people:person-search", _page("people:person-search"), EVERYONE_SIGNED_IN),
    ViewCase("people:person-search", _page("people:person-search"), NOT_ALLOWED, method="post"),
    ViewCase(
        "organisations:organisation-create",
        _page("organisations:organisation-create"),
        # Site administrators (staff) only: leaders edit their own organisation.
        matrix.expect(ROLES, 403, staff=200, anonymous=SIGN_IN),
    ),
    ViewCase(
        "organisations:organisation-create",
        _page("organisations:organisation-create"),
        matrix.expect(ROLES, 403, staff=200, anonymous=SIGN_IN),
        method="post",
        data={"name": ""},
    ),
    ViewCase(
        "organisations:organisation-detail", _org("organisations:organisation-detail"), MOORLAND
    ),
    ViewCase(
        "organisations:organisation-edit",
        _org("organisations:organisation-edit"),
        ORGANISATION_LEADERS,
    ),
    ViewCase("organisations:member-add", _org("organisations:member-add"), ORGANISATION_LEADERS),
    ViewCase(
        "organisations:member-add", _org("organisations:member-add"), NOT_ALLOWED, method="delete"
    ),
    ViewCase(
        "organisations:membership-edit",
        lambda cast: reverse(
            "organisations:membership-edit", args=[cast["owner"].memberships.get().uuid]
        ),
        ORGANISATION_LEADERS,
    ),
    ViewCase(
        "organisations:partnership-detail",
        lambda cast: reverse("organisations:partnership-detail", args=[cast["partnership"].uuid]),
        NOT_OUTSIDER,
    ),
]


@every_case(CASES, ROLES)
def test_permission_matrix(matrix_client, matrix_cast, case, role):
    check_case(matrix_client, case, role, matrix_cast)

"""The subject-access, erasure and retention pages × every role. The workflow cast, plus
two data-protection leads of Moorland (two, because erasure needs a second lead to
approve) and one of another school. The extra roles live only in this matrix, so the
other apps' matrices are unchanged."""

from django.core.files.base import ContentFile
from django.urls import reverse

from tandem.organisations.models import Membership
from tandem.privacy.models import ErasureRequest, SubjectAccessPack
from tandem.testing.factories import MembershipFactory, OrganisationFactory
from tandem.testing.matrix import (
    SIGN_IN,
    ViewCase,
    build_once,
    check_case,
    every_case,
    expect,
    url_to,
)
from tandem.testing.twofactor import give_two_factor
from tandem.testing.workflow import ROLES as CAST_ROLES
from tandem.testing.workflow import build_cast, person

ROLES = [*CAST_ROLES[:-1], "lead", "second_lead", "other_lead", "anonymous"]

EVERYONE = expect(ROLES, 200, anonymous=SIGN_IN)
# The data-protection leads' pages: everyone else learns nothing of them.
LEADS = expect(ROLES, 404, lead=200, second_lead=200, other_lead=200, anonymous=SIGN_IN)
# Moorland's people and requests are for Moorland's leads only.
MOORLAND_LEADS = expect(ROLES, 404, lead=200, second_lead=200, anonymous=SIGN_IN)
NOT_ALLOWED = expect(ROLES, 405)


def build_privacy_cast():
    cast = build_cast()
    lead = person(cast["moorland"], "Priya Lead")  # Moorland's data-protection lead
    Membership.objects.filter(user=lead).update(data_protection_lead=True)
    give_two_factor(lead)  # data-protection leads must have set up two-factor
    second = person(cast["moorland"], "Sam Second")  # the second lead, who approves
    Membership.objects.filter(user=second).update(data_protection_lead=True)
    give_two_factor(second)
    other = person(OrganisationFactory(name="Faraway School"), "Olu Other")  # another school's
    MembershipFactory(user=other, data_protection_lead=True)
    Membership.objects.filter(user=other).update(data_protection_lead=True)
    give_two_factor(other)
    mentee = cast["mentee"]
    pack = SubjectAccessPack.objects.create(
        subject=mentee, requested_by=lead, status=SubjectAccessPack.Status.READY
    )
    pack.file.save("pack.zip", ContentFile(b"PK\x05\x06" + b"\0" * 18), save=True)
    erasure = ErasureRequest.objects.create(
        subject=cast["other_mentee"],
        organisation=cast["moorland"],
        reason="Asked by email.",
        requested_by=lead,
    )
    return cast | {
        "lead": lead,
        "second_lead": second,
        "other_lead": other,
        "pack": pack,
        "erasure": erasure,
    }


cast_for_module = build_once(build_privacy_cast)


def _person(name, key="mentee"):
    return lambda cast: reverse(f"privacy:{name}", args=[cast[key].uuid])


RIGHTS_CASES = [
    ViewCase("privacy:my-data", url_to("privacy:my-data"), EVERYONE),
    ViewCase(
        "privacy:my-data",
        url_to("privacy:my-data"),
        expect(ROLES, 302, anonymous=SIGN_IN),
        method="post",
    ),
    # The subject, and the lead who asked for it; nobody else, another lead included.
    ViewCase(
        "privacy:pack-download",
        url_to("privacy:pack-download", "pack"),
        # The subject and the lead are asked to re-authenticate first (the pack holds notes).
        expect(ROLES, 404, mentee=302, lead=302, anonymous=SIGN_IN),
    ),
    ViewCase("privacy:pack-download", url_to("privacy:pack-download", "pack"), NOT_ALLOWED, "post"),
    ViewCase("privacy:lead-people", url_to("privacy:lead-people"), LEADS),
    ViewCase(
        "privacy:person-pack",
        _person("person-pack"),
        expect(ROLES, 404, lead=302, second_lead=302, anonymous=SIGN_IN),
        method="post",
    ),
    ViewCase("privacy:person-pack", _person("person-pack"), NOT_ALLOWED),
    ViewCase("privacy:erasure-request", _person("erasure-request"), MOORLAND_LEADS),
    ViewCase(
        "privacy:erasure-request",
        _person("erasure-request"),
        expect(ROLES, 404, lead=302, second_lead=302, anonymous=SIGN_IN),
        method="post",
        data={"reason": "She asked by email."},
    ),
    ViewCase("privacy:erasure-list", url_to("privacy:erasure-list"), LEADS),
    ViewCase("privacy:erasure-detail", url_to("privacy:erasure-detail", "erasure"), MOORLAND_LEADS),
    # The lead who asked may cancel; the second lead may approve.
    ViewCase(
        "privacy:erasure-detail",
        url_to("privacy:erasure-detail", "erasure"),
        expect(ROLES, 404, lead=302, second_lead=302, anonymous=SIGN_IN),
        method="post",
        data={"decision": "cancel"},
    ),
    ViewCase(
        "privacy:erasure-detail",
        url_to("privacy:erasure-detail", "erasure"),
        expect(ROLES, 404, lead=200, second_lead=302, anonymous=SIGN_IN),
        method="post",
        data={"decision": "approve", "confirm": "on"},
    ),
    ViewCase("privacy:retention-schedule", url_to("privacy:retention-schedule"), EVERYONE),
    ViewCase(
        "privacy:retention-schedule", url_to("privacy:retention-schedule"), NOT_ALLOWED, "post"
    ),
]


@every_case(RIGHTS_CASES, ROLES)
def test_permission_matrix(matrix_client, matrix_cast, case, role):
    check_case(matrix_client, case, role, matrix_cast)

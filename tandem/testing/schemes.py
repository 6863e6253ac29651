"""The mentoring cast, with the scheme rules' records: a funding plan for Dana and a local
authority that Moorland belongs to, for the permission matrices of funding plans and the
authority's overview."""

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils import timezone

from tandem.organisations.models import Membership, Organisation
from tandem.programmes import funding
from tandem.programmes.models import Enrolment
from tandem.testing.factories import OrganisationFactory
from tandem.testing.workflow import ROLES, build_cast, person

# Two roles beyond the mentoring cast's: the authority's coordinator (outline of its
# schools' programmes, never their records) and an ordinary member of the authority.
SCHEME_ROLES = [*ROLES, "la_coordinator", "la_member"]


def build_schemes_cast() -> dict[str, Any]:
    cast = build_cast()
    programme, moorland = cast["programme"], cast["moorland"]
    programme.allowance_per_term = Decimal("700.00")
    programme.save(update_fields=["allowance_per_term"])
    enrolment = Enrolment.objects.get(programme=programme, user=cast["mentee"], role="mentee")
    activity = funding.plan_activity(
        actor=cast["mentee"],
        enrolment=enrolment,
        term=funding.programme_terms(programme)[0].key,
        title="Behaviour course",
        planned_cost=Decimal("120.00"),
    )
    spending = funding.record_spending(
        actor=cast["mentee"],
        enrolment=enrolment,
        spent_on=timezone.localdate() - dt.timedelta(days=1),
        amount=Decimal("45.50"),
        description="Course fee",
        confirm_overspend=True,
    )
    authority = OrganisationFactory.create(
        name="Northshire Council", type=Organisation.Type.LOCAL_AUTHORITY
    )
    moorland.parent = authority
    moorland.save(update_fields=["parent"])
    return {
        **cast,
        "la_coordinator": person(authority, "Laura Authority", Membership.Access.COORDINATOR),
        "la_member": person(authority, "Liam Officer"),
        "authority": authority,
        "funding_enrolment": enrolment,
        "funding_activity": activity,
        "funding_spending": spending,
    }

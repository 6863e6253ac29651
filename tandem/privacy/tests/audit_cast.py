"""The cast for the audit-log tests: the mentoring cast, with a data-protection lead at
each school and a record of events to find."""

from typing import Any

from tandem.audit.services import record_event
from tandem.organisations.models import Membership
from tandem.testing.factories import MembershipFactory, OrganisationFactory, UserFactory
from tandem.testing.workflow import build_cast, person


def build_audit_cast() -> dict[str, Any]:
    cast = build_cast()
    dpo = person(cast["moorland"], "Priya Protection")
    Membership.objects.filter(user=dpo).update(data_protection_lead=True)
    elsewhere = cast["outsider"].memberships.get().organisation
    other_dpo = UserFactory(full_name="Omar Otherschool")
    MembershipFactory(user=other_dpo, organisation=elsewhere, data_protection_lead=True)
    # A lead whose leadership has ended keeps no access to the log.
    former_dpo = UserFactory(full_name="Fiona Former")
    MembershipFactory(
        user=former_dpo,
        organisation=cast["moorland"],
        data_protection_lead=True,
        ended_on="2025-08-31",
    )
    unrelated = OrganisationFactory(name="Unrelated School")
    stranger = person(unrelated, "Stan Stranger")
    record_event(actor=cast["mentor"], action="conversation.read", target=cast["conversation"])
    record_event(actor=cast["outsider"], action="export.goals", target=cast["outsider"])
    # Someone outside Moorland touching a Moorland record still concerns Moorland.
    record_event(actor=stranger, action="refused", target=cast["goal"], detail="404 GET /x/")
    return cast | {
        "dpo": dpo,  # Priya: Moorland's data-protection lead, reads Moorland's log
        "other_dpo": other_dpo,  # Omar: Faraway's lead, sees only Faraway's people
        "former_dpo": former_dpo,  # Fiona: was Moorland's lead; membership ended
        "staff": UserFactory(is_staff=True, is_superuser=True),  # no special rights here
        "stranger": stranger,
    }

"""Resources held by Moorland Academy and by the North partnership, for the library's
tests and permission matrix."""

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from tandem.framework import keys
from tandem.organisations.models import Membership
from tandem.resources.models import Resource
from tandem.resources.services import create_resource, give_feedback, withdraw_resource
from tandem.testing.factories import (
    OrganisationFactory,
    PartnershipFactory,
    PartnershipMemberFactory,
)
from tandem.testing.workflow import person

ROLES = ["coordinator", "leader", "member", "partner", "outsider", "anonymous"]
PDF = b"%PDF-1.4\n% a small test document\n"


def pdf_upload(name: str = "guide.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def resource_fields(**overrides: Any) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "title": "Planning a learning conversation",
        "summary": "A one-page guide to preparing for a learning conversation.",
        "kind": Resource.Kind.DOCUMENT,
        "link": "https://example.org/guide",
        "for_mentors": True,
        "for_mentees": True,
        "licence": Resource.Licence.OGL,
        "source": "Moorland Academy",
        "visibility": Resource.Visibility.ORGANISATION,
    }
    return fields | overrides


def build_resource_cast() -> dict[str, Any]:
    moorland = OrganisationFactory.create(name="Moorland Academy")
    hillside = OrganisationFactory.create(name="Hillside Primary")
    elsewhere = OrganisationFactory.create(name="Faraway School")
    north = PartnershipFactory.create(name="North partnership")
    PartnershipMemberFactory.create(partnership=north, organisation=moorland, is_lead=True)
    PartnershipMemberFactory.create(partnership=north, organisation=hillside)
    # Alice coordinates Moorland's programmes: adds and edits its resources.
    coordinator = person(moorland, "Alice Coordinator", Membership.Access.COORDINATOR)
    # Lee leads Moorland: may add and edit resources too.
    leader = person(moorland, "Lee Leader", Membership.Access.LEADER)
    # Mel is a Moorland mentee: reads Moorland's and the partnership's resources only.
    member = person(moorland, "Mel Member")
    # Hana works at Hillside, in the partnership: reads its resources, not Moorland's own.
    partner = person(hillside, "Hana Partner")
    # Charlie is from a school outside both: reads public resources only.
    outsider = person(elsewhere, "Charlie Outsider")
    public = create_resource(
        actor=coordinator,
        organisation=moorland,
        tags=[(keys.Kind.PRINCIPLE, keys.Principle.USING_RESOURCES_EFFECTIVELY)],
        **resource_fields(
            title="Using resources well",
            visibility=Resource.Visibility.PUBLIC,
            file=pdf_upload("using-resources.pdf"),
        ),
    )
    private = create_resource(
        actor=coordinator,
        organisation=moorland,
        tags=[(keys.Kind.PRINCIPLE, keys.Principle.LEARNING_CONVERSATION)],
        **resource_fields(title="Moorland conversation guide", file=pdf_upload()),
    )
    shared = create_resource(
        actor=leader,
        partnership=north,
        **resource_fields(
            title="Partnership coaching toolkit",
            kind=Resource.Kind.TOOL,
            visibility=Resource.Visibility.PARTNERSHIP,
        ),
    )
    withdrawn = create_resource(
        actor=coordinator, organisation=moorland, **resource_fields(title="Old observation form")
    )
    withdraw_resource(actor=coordinator, resource=withdrawn, reason="Replaced.")
    give_feedback(actor=member, resource=public, is_useful=True, comment="Clear and short.")
    return {
        "coordinator": coordinator,
        "leader": leader,
        "member": member,
        "partner": partner,
        "outsider": outsider,
        "anonymous": None,
        "moorland": moorland,
        "hillside": hillside,
        "north": north,
        "public": public,
        "private": private,
        "shared": shared,
        "withdrawn": withdrawn,
    }

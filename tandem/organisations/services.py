from django.db import transaction

from tandem.accounts.models import User
from tandem.organisations.models import Membership, Organisation, Phase


@transaction.atomic
def update_organisation(
    *, actor: User, organisation: Organisation, fields: dict[str, object], phases: list[Phase]
) -> Organisation:
    """Change an organisation's details; for its leaders or staff (the view checks policy)."""
    for name, value in fields.items():
        setattr(organisation, name, value)
    organisation.full_clean()
    organisation.save(update_fields=[*fields.keys(), "updated_at"])
    organisation.phases.set(phases)
    return organisation


@transaction.atomic
def add_membership(
    *,
    actor: User | None,
    user: User,
    organisation: Organisation,
    role_category: str,
    job_title: str = "",
    access: str = Membership.Access.MEMBER,
    line_manager: User | None = None,
    started_on: object = None,
) -> Membership:
    """Record that a person works in an organisation; used by admin, demo data and imports."""
    membership = Membership(
        user=user,
        organisation=organisation,
        role_category=role_category,
        job_title=job_title,
        access=access,
        line_manager=line_manager,
        started_on=started_on,
    )
    membership.full_clean()
    membership.save()
    return membership

"""Conflicts of interest when forming a relationship (seed 002 §4.2.3 and §6).

A mentor who line-manages or assesses the learner mixes the adviser's role with the
assessor's. Tandem warns and asks the coordinator to record why the pairing is still
right, or refuses when the programme's rules forbid it.
"""

from dataclasses import dataclass

from django.db.models import Q

from tandem.accounts.models import User
from tandem.organisations.models import Membership, OrganisationSector
from tandem.programmes.models import Programme


@dataclass(frozen=True)
class Conflict:
    code: str  # "line-manager", "assessor", "same-organisation" or "same-sector"
    message: str
    is_forbidden: bool


def find_conflicts(
    programme: Programme,
    *,
    supporters: list[User],
    learners: list[User],
    assessors: set[int],
) -> list[Conflict]:
    """Every conflict between the people giving support and the learners, in two queries."""
    conflicts: list[Conflict] = []
    pairs = [(s, learner) for s in supporters for learner in learners if s.pk != learner.pk]
    if not pairs:
        return conflicts
    people = {person.pk for pair in pairs for person in pair}
    memberships = list(
        Membership.objects.current()
        .filter(Q(user_id__in=people))
        .values_list("user_id", "organisation_id", "line_manager_id", "organisation__sector")
    )
    managed_by = {(user, manager) for user, _org, manager, _sector in memberships if manager}
    organisations: dict[int, set[int]] = {}
    sectors: dict[int, set[str]] = {}
    for user, organisation, _manager, sector in memberships:
        organisations.setdefault(user, set()).add(organisation)
        sectors.setdefault(user, set()).add(sector)
    for supporter, learner in pairs:
        if (learner.pk, supporter.pk) in managed_by:
            conflicts.append(
                Conflict(
                    "line-manager",
                    f"{supporter} is {learner}'s line manager.",
                    programme.forbid_line_manager,
                )
            )
        if supporter.pk in assessors:
            conflicts.append(
                Conflict(
                    "assessor",
                    f"{supporter} also assesses {learner}: adviser and assessor roles conflict.",
                    programme.forbid_assessor,
                )
            )
        shared = organisations.get(supporter.pk, set()) & organisations.get(learner.pk, set())
        if programme.mentor_must_be_external and shared:
            conflicts.append(
                Conflict(
                    "same-organisation",
                    f"{supporter} works in the same organisation as {learner}; this programme "
                    "needs mentors from another organisation.",
                    is_forbidden=True,
                )
            )
        same_sector = sectors.get(supporter.pk, set()) & sectors.get(learner.pk, set())
        if programme.pairs_must_cross_sector and same_sector:
            conflicts.append(
                Conflict(
                    "same-sector",
                    f"{supporter} and {learner} both work in the "
                    f"{_sector_label(sorted(same_sector)[0])} sector; this programme's rule is "
                    "that mentor and learner come from different sectors.",
                    is_forbidden=True,
                )
            )
    return conflicts


def _sector_label(value: str) -> str:
    return OrganisationSector(value).label.lower() if value in OrganisationSector.values else value

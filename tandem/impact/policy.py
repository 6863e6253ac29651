"""Who may see or change an impact case study.

The team alone sees a case (404 for everyone else, the organisation's leaders included:
a draft case is the team's work, not management information):
- the researcher lead manages the case (its settings, windows, limits and team);
- researchers write the sections, record outputs, events and sources, pick candidate
  impacts from Tandem's data, verify sources and restore earlier versions;
- practice partners write the sections, add events and sources and comment (they supply
  evidence; a researcher verifies it);
- readers read and export, nothing more.
Everyone on the team may export. Report snapshots are attached only by someone who may
see that programme's report (its coordinators and its organisations' leaders).
"""

from uuid import UUID

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet
from django.http import Http404

from tandem.accounts.models import User
from tandem.evaluation.models import ReportSnapshot
from tandem.impact.models import CaseMember, CaseRole, ImpactCaseStudy
from tandem.organisations.models import Membership, Organisation
from tandem.programmes.models import Programme
from tandem.teams import TeamPolicy

READ = "read"
WRITE = "write"  # sections, events, sources, comments
RESEARCH = "research"  # outputs, candidates, verification, restoring versions
MANAGE = "manage"

ROLE_ABILITIES: dict[str, set[str]] = {
    CaseRole.READER: {READ},
    CaseRole.PARTNER: {READ, WRITE},
    CaseRole.RESEARCHER: {READ, WRITE, RESEARCH},
    CaseRole.LEAD: {READ, WRITE, RESEARCH, MANAGE},
}


def _role_of(user: User, case: ImpactCaseStudy) -> str | None:
    return CaseMember.objects.filter(case=case, user=user).values_list("role", flat=True).first()


TEAM = TeamPolicy[ImpactCaseStudy](
    abilities=ROLE_ABILITIES,
    role_of=_role_of,
    refusal="You are not on this case study's team with the right role for this.",
)
team_role = TEAM.role
can = TEAM.can
require = TEAM.require  # the services' guard


def get_case_for_user(
    user: User | AnonymousUser, case_uuid: UUID, *, ability: str = READ
) -> tuple[ImpactCaseStudy, str]:
    """The case and the user's role: 404 unless on its team, 403 if the role lacks the
    ability."""
    case = (
        ImpactCaseStudy.objects.select_related("lead_organisation", "partnership")
        .filter(uuid=case_uuid)
        .first()
    )
    if case is None:
        raise Http404
    return case, TEAM.check(user, case, ability)


def cases_for_user(user: User) -> "QuerySet[ImpactCaseStudy]":
    return ImpactCaseStudy.objects.filter(team__user=user).distinct()


def organisations_for_new_case(user: User) -> "QuerySet[Organisation]":
    """Organisations a case may be led by: those where the user is a current member."""
    return Organisation.objects.filter(
        memberships__in=Membership.objects.current().filter(user=user)
    ).distinct()


def can_create_case(user: User | AnonymousUser) -> bool:
    return user.is_authenticated and organisations_for_new_case(user).exists()


def programmes_with_reports_for(user: User) -> "QuerySet[Programme]":
    """Programmes whose report the user may see (evaluation's rule): those they coordinate,
    and those of organisations they currently lead."""
    led = Membership.objects.current().filter(user=user, access=Membership.Access.LEADER)
    return Programme.objects.filter(
        Q(coordinators=user) | Q(organisations__in=led.values("organisation"))
    ).distinct()


def snapshots_visible_to(user: User) -> "QuerySet[ReportSnapshot]":
    """Computed report snapshots of the programmes whose report the user may see."""
    return ReportSnapshot.objects.filter(
        programme__in=programmes_with_reports_for(user), computed_at__isnull=False
    ).select_related("programme")

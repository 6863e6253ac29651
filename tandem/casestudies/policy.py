"""Who may see or change a case study.

- Its **authors** (and whoever created it) write it: edit, list identifiable people and
  their consent, cite figures, run the anonymisation check and submit it.
- The organisation's **leaders** (leader access in the organisation) endorse it or return
  it with comments, and may withdraw it from the public pages.
- A **publisher** is anyone granted the permission `casestudies.publish_casestudy` (through
  a group in the administration; superusers have every permission). Staff status alone does
  not make someone a publisher: it opens the administration, which publishing does not
  need. Publishers see case studies once endorsed, publish them or return them with
  comments, and withdraw them.
- Other members of the organisation, and everyone else, do not learn a case study exists
  (404) until it is published; the published version is public (no sign-in).
"""

from uuid import UUID

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from tandem.accounts.models import User
from tandem.casestudies.models import CaseStudy, IdentifiablePerson, Publication
from tandem.organisations.models import Membership, Organisation

PUBLISH_PERMISSION = "casestudies.publish_casestudy"

READ = "read"
EDIT = "edit"
REVIEW = "review"  # endorse or return at the organisation's step
PUBLISH = "publish"  # publish or return at the publisher's step
WITHDRAW = "withdraw"

# Statuses a publisher sees: once an organisation has endorsed it.
PUBLISHER_STATUSES = {
    CaseStudy.Status.ENDORSED,
    CaseStudy.Status.PUBLISHED,
    CaseStudy.Status.WITHDRAWN,
}


def is_publisher(user: User | AnonymousUser) -> bool:
    return user.is_authenticated and user.is_active and user.has_perm(PUBLISH_PERMISSION)


def is_author(user: User | AnonymousUser, case_study: CaseStudy) -> bool:
    if not user.is_authenticated:
        return False
    return case_study.created_by_id == user.pk or case_study.authors.filter(pk=user.pk).exists()


def leads(user: User | AnonymousUser, organisation: Organisation) -> bool:
    return (
        user.is_authenticated
        and Membership.objects.current()
        .filter(user=user, organisation=organisation, access=Membership.Access.LEADER)
        .exists()
    )


def abilities(user: User | AnonymousUser, case_study: CaseStudy) -> set[str]:
    """Everything `user` may do to `case_study` (empty: they may not know it exists)."""
    found: set[str] = set()
    if is_author(user, case_study):
        found |= {READ, EDIT}
    if leads(user, case_study.organisation):
        found |= {READ, REVIEW, WITHDRAW}
    has_been_public = hasattr(case_study, "publication")
    if is_publisher(user) and (case_study.status in PUBLISHER_STATUSES or has_been_public):
        found |= {READ, PUBLISH, WITHDRAW}
    return found


def get_case_study_for_user(
    user: User | AnonymousUser, case_study_uuid: UUID, *, ability: str = READ
) -> CaseStudy:
    """404 unless the user may see the working copy; 403 if they may not do `ability`."""
    case_study = (
        CaseStudy.objects.select_related("organisation", "programme", "phase", "publication")
        .filter(uuid=case_study_uuid)
        .first()
    )
    if case_study is None:
        raise Http404
    allowed = abilities(user, case_study)
    if READ not in allowed:
        raise Http404
    if ability not in allowed:
        raise PermissionDenied
    return case_study


def get_person_for_user(
    user: User | AnonymousUser, person_uuid: UUID, *, ability: str = EDIT
) -> IdentifiablePerson:
    person = (
        IdentifiablePerson.objects.select_related("case_study").filter(uuid=person_uuid).first()
    )
    if person is None:
        raise Http404
    get_case_study_for_user(user, person.case_study.uuid, ability=ability)
    return person


def require(actor: User, case_study: CaseStudy, ability: str) -> None:
    """Services' guard."""
    if ability not in abilities(actor, case_study):
        message = "You may not do this to this case study."
        raise PermissionError(message)


def case_studies_for_user(user: User) -> "QuerySet[CaseStudy]":
    """The working copies a signed-in person may open from their list."""
    led = Membership.objects.current().filter(user=user, access=Membership.Access.LEADER)
    visible = Q(created_by=user) | Q(authors=user) | Q(organisation__in=led.values("organisation"))
    if is_publisher(user):
        visible |= Q(status__in=PUBLISHER_STATUSES)
    return CaseStudy.objects.filter(visible).distinct()


def organisations_for_new_case_study(user: User) -> "QuerySet[Organisation]":
    """Any current member may write about their organisation's mentoring or coaching."""
    return Organisation.objects.with_member(user).order_by("name")


def get_public_case_study(case_study_uuid: UUID) -> Publication:
    """The published version, for anyone (no sign-in); 404 if it is not published."""
    publication = Publication.objects.filter(uuid=case_study_uuid).first()
    if publication is None:
        raise Http404
    return publication

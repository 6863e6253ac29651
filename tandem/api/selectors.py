"""What each API list shows a caller: the same rules as the pages (each app's policy)."""

from django.db.models import Prefetch, Q, QuerySet

from tandem.accounts.models import User
from tandem.evaluation.models import Survey, SurveyResponse
from tandem.evaluation.selectors import programmes_to_evaluate
from tandem.matching.models import MatchRun
from tandem.organisations.models import Membership, Organisation
from tandem.organisations.selectors import organisations_for_user
from tandem.programmes.models import Enrolment, Programme
from tandem.programmes.policy import programmes_visible_to
from tandem.relationships.models import (
    Action,
    Conversation,
    Goal,
    PrivateNote,
    Relationship,
    RelationshipMember,
)


def organisations(user: User) -> QuerySet[Organisation]:
    return organisations_for_user(user)


def _viewer_organisation_ids(user: User) -> QuerySet:
    return Membership.objects.current().filter(user=user).values("organisation")


def people(user: User) -> QuerySet[User]:
    """Colleagues in a shared organisation or partnership, and the caller (staff: everyone),
    each with the current memberships the caller may see."""
    memberships = Membership.objects.current().select_related("organisation", "line_manager")
    if user.is_staff:
        queryset = User.objects.filter(is_active=True)
    else:
        mine = _viewer_organisation_ids(user)
        partnerships = (
            Membership.objects.current()
            .filter(user=user)
            .values("organisation__partnership_memberships__partnership")
        )
        shared = Membership.objects.current().filter(
            Q(organisation__in=mine)
            | Q(organisation__partnership_memberships__partnership__in=partnerships)
        )
        queryset = User.objects.filter(
            Q(pk=user.pk) | Q(pk__in=shared.values("user")), is_active=True
        )
        memberships = memberships.filter(organisation__in=mine)
    return queryset.prefetch_related(
        Prefetch("memberships", queryset=memberships, to_attr="visible_memberships")
    )


def programmes(user: User) -> QuerySet[Programme]:
    visible = programmes_visible_to(user)
    return Programme.objects.filter(pk__in=visible.values("pk")).prefetch_related("organisations")


def enrolments(user: User) -> QuerySet[Enrolment]:
    return (
        Enrolment.objects.filter(Q(user=user) | Q(programme__coordinators=user))
        .select_related("programme", "user")
        .distinct()
    )


def relationships(user: User) -> QuerySet[Relationship]:
    """Members, and the programme's coordinators (metadata only)."""
    return (
        Relationship.objects.filter(Q(members__user=user) | Q(programme__coordinators=user))
        .distinct()
        .select_related("programme")
        .prefetch_related(
            Prefetch("members", queryset=RelationshipMember.objects.select_related("user"))
        )
    )


def _member_relationships(user: User) -> QuerySet:
    return RelationshipMember.objects.filter(user=user).values("relationship")


def goals(user: User) -> QuerySet[Goal]:
    """The shared record is for members only: coordinators see none of it."""
    return Goal.objects.filter(relationship__in=_member_relationships(user)).select_related(
        "relationship", "owner"
    )


def conversations(user: User) -> QuerySet[Conversation]:
    return (
        Conversation.objects.filter(relationship__in=_member_relationships(user))
        .select_related("relationship", "created_by")
        .prefetch_related(
            Prefetch(
                "private_notes",
                queryset=PrivateNote.objects.filter(author=user),
                to_attr="my_notes",
            )
        )
    )


def actions(user: User) -> QuerySet[Action]:
    return Action.objects.filter(relationship__in=_member_relationships(user)).select_related(
        "relationship", "conversation", "owner"
    )


def surveys(user: User) -> QuerySet[Survey]:
    """Surveys in programmes the caller coordinates or leads, and in programmes where the
    caller is a member of a relationship (to see what they are asked)."""
    evaluated = list(programmes_to_evaluate(user).values_list("pk", flat=True))
    joined = RelationshipMember.objects.filter(user=user).values("relationship__programme")
    return (
        Survey.objects.filter(Q(programme__in=evaluated) | Q(programme__in=joined))
        .select_related("programme")
        .prefetch_related("questions")
        .distinct()
    )


def survey_responses(user: User) -> QuerySet[SurveyResponse]:
    """The caller's own answers only: responses are pseudonymous to everyone else."""
    return (
        SurveyResponse.objects.filter(respondent=user)
        .select_related("survey")
        .prefetch_related("answers__question")
    )


def reports(user: User) -> QuerySet[Programme]:
    """Programmes whose aggregate report the caller may read (coordinators and leaders)."""
    evaluated = list(programmes_to_evaluate(user).values_list("pk", flat=True))
    return Programme.objects.filter(pk__in=evaluated).select_related("report_snapshot")


def match_runs(user: User) -> QuerySet[MatchRun]:
    """Matching runs of the programmes the caller coordinates (as the run pages allow)."""
    return MatchRun.objects.filter(programme__coordinators=user).select_related("programme")

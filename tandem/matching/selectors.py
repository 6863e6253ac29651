"""Matching reads for pages and runs: programme counts, run pages, shortlists and requests.

Views read through these (and the policy's `get_…_for_user` helpers) only, so each page's
queries are written, and counted, in one place.
"""

from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from django.db.models import Count, Prefetch, Q, QuerySet, Sum
from django.db.models.functions import Coalesce

from tandem.accounts.models import User
from tandem.matching.models import (
    MatchProposal,
    MatchRun,
    MentorPreference,
    OfferStatus,
    RunMode,
    RunStatus,
    ShortlistOffer,
)
from tandem.organisations.selectors import with_work_details
from tandem.programmes.models import Programme
from tandem.relationships.models import ChangeRequest, Relationship, RelationshipMember
from tandem.relationships.models.relationship import LEARNING_ROLES

RECENT_RUNS = 50
RECENT_ANSWERS = 50


def recent_runs(programme: Programme) -> QuerySet[MatchRun]:
    return MatchRun.objects.filter(programme=programme).select_related("created_by")[:RECENT_RUNS]


def pending_choices(programme: Programme) -> dict[int, int]:
    """Mentor user id → mentees waiting on their answer in an open shortlist round."""
    rows = (
        ShortlistOffer.objects.awaiting_answer()
        .filter(run__programme=programme)
        .values("mentor_id")
        .annotate(count=Count("pk"))
    )
    return {row["mentor_id"]: row["count"] for row in rows}


def programme_counts(programme: Programme) -> dict[str, int]:
    """Approved mentees and mentors, and mentees already in a current relationship."""
    counts = programme.enrolments.approved().aggregate(
        mentees=Count("pk", filter=Q(role="mentee")),
        mentors=Count("pk", filter=Q(role="mentor")),
        places=Coalesce(Sum("capacity", filter=Q(role="mentor")), 0),
    )
    counts["placed"] = placed_mentees(programme).count()
    counts["to_place"] = counts["mentees"] - counts["placed"]
    return counts


def placed_mentees(programme: Programme) -> QuerySet[User]:
    """Approved mentees with a current relationship in the programme (rematch candidates)."""
    mentee_ids = programme.enrolments.approved().filter(role="mentee").values("user_id")
    learners = (
        RelationshipMember.objects.filter(
            relationship__programme=programme, role__in=sorted(LEARNING_ROLES)
        )
        .exclude(relationship__status=Relationship.Status.ENDED)
        .values("user_id")
    )
    return with_work_details(
        User.objects.filter(pk__in=mentee_ids).filter(pk__in=learners).order_by("full_name", "pk")
    )


def rematch_requested(programme: Programme) -> set[int]:
    """Mentees who asked (in an open change request) for a different mentor."""
    return set(
        ChangeRequest.objects.filter(
            relationship__programme=programme, status=ChangeRequest.Status.OPEN
        ).values_list("requested_by_id", flat=True)
    )


def unplaced_rows(run: MatchRun) -> list[dict[str, Any]]:
    """The run's unplaced mentees with their names and page addresses, for the run page."""
    unplaced_ids = [item["user"] for item in run.unplaced]
    people = {
        pk: (name, user_uuid)
        for pk, name, user_uuid in User.objects.filter(pk__in=unplaced_ids).values_list(
            "pk", "full_name", "uuid"
        )
    }
    return [
        {**item, "name": people[item["user"]][0], "user_uuid": people[item["user"]][1]}
        for item in run.unplaced
        if item["user"] in people
    ]


def moved_rows(run: MatchRun) -> list[dict[str, Any]]:
    """Staying mentees a rematch took in because their kept pair is no longer possible,
    with names (one query), for the run page."""
    moved = run.inputs.get("moved", [])
    ids = {item["user"] for item in moved} | {item["mentor"] for item in moved if item["mentor"]}
    names = dict(User.objects.filter(pk__in=ids).values_list("pk", "full_name"))
    return [
        {
            "name": names[item["user"]],
            "mentor": names.get(item["mentor"], "A mentor no longer in the programme"),
            "reason": item["reason"],
        }
        for item in moved
        if item["user"] in names
    ]


def run_proposals(run: MatchRun) -> QuerySet[MatchProposal]:
    return run.proposals.select_related("mentee", "mentor").order_by("mentee__full_name", "pk")


def shortlist_mentees(run: MatchRun) -> QuerySet[User]:
    """The run's mentees, each with its suggestions (mentors) prefetched as `offers`."""
    return (
        User.objects.filter(pk__in=run.inputs.get("mentees", []))
        .order_by("full_name", "pk")
        .prefetch_related(
            Prefetch(
                "shortlist_offers",
                queryset=ShortlistOffer.objects.filter(run=run).select_related("mentor"),
                to_attr="offers",
            )
        )
    )


def round_progress(run: MatchRun) -> dict[str, int]:
    """How many mentees in a shortlist round are placed, waiting, or still to choose."""
    counts = ShortlistOffer.objects.filter(run=run).aggregate(
        mentees=Count("mentee", distinct=True),
        accepted=Count("mentee", filter=Q(status=OfferStatus.ACCEPTED), distinct=True),
        waiting=Count("mentee", filter=Q(status=OfferStatus.CHOSEN), distinct=True),
    )
    counts["to_choose"] = counts["mentees"] - counts["accepted"] - counts["waiting"]
    return counts


def run_mentee(run: MatchRun, user_uuid: UUID) -> User | None:
    """A mentee of an allocation or rematch run (None for anyone else, or a shortlist run)."""
    mentee = User.objects.filter(uuid=user_uuid).first()
    if mentee is None or run.mode == RunMode.SHORTLIST:
        return None
    return mentee if mentee.pk in run.inputs.get("mentees", []) else None


def proposal_for(run: MatchRun, mentee: User) -> MatchProposal | None:
    return run.proposals.select_related("mentor").filter(mentee=mentee).first()


def person(user_id: int) -> User | None:
    return User.objects.filter(pk=user_id).first()


@dataclass
class ShortlistRound:
    """One programme's shortlist as its mentee sees it, and what they can do now."""

    programme: Programme
    offers: list[ShortlistOffer] = field(default_factory=list)
    state: str = "choose"  # choose, waiting, matched or exhausted
    run: MatchRun | None = None

    @property
    def waiting(self) -> ShortlistOffer | None:
        """The suggestion whose mentor has been asked and not yet answered."""
        return next((offer for offer in self.offers if offer.status == OfferStatus.CHOSEN), None)

    @property
    def ranking(self) -> list[ShortlistOffer]:
        """The mentee's own order of the mentors they would like (up to three)."""
        return sorted(
            (offer for offer in self.offers if offer.choice_rank),
            key=lambda offer: offer.choice_rank or 0,
        )

    @property
    def rankable(self) -> list[ShortlistOffer]:
        """Suggestions the mentee may still put in their ranking."""
        return rankable(self.offers)

    def settle(self) -> None:
        statuses = {offer.status for offer in self.offers}
        if OfferStatus.ACCEPTED in statuses:
            self.state = "matched"
        elif OfferStatus.CHOSEN in statuses:
            self.state = "waiting"
        elif OfferStatus.SUGGESTED not in statuses:
            self.state = "exhausted"


def shortlist_rounds(mentee: User) -> list[ShortlistRound]:
    """The mentee's open shortlist rounds, one per programme, each with its state."""
    offers = (
        ShortlistOffer.objects.filter(mentee=mentee, run__status=RunStatus.OPEN)
        .select_related("run__programme", "mentor")
        .order_by("run__programme__name", "run", "rank")
    )
    rounds: dict[int, ShortlistRound] = {}
    for offer in offers:
        entry = rounds.setdefault(offer.run_id, ShortlistRound(offer.run.programme, run=offer.run))
        entry.offers.append(offer)
    for entry in rounds.values():
        entry.settle()
    return list(rounds.values())


def mentor_requests(mentor: User) -> tuple[list[ShortlistOffer], list[ShortlistOffer]]:
    """Requests waiting on the mentor's answer, and the most recent ones answered."""
    offers = (
        ShortlistOffer.objects.filter(mentor=mentor)
        .exclude(status__in=[OfferStatus.SUGGESTED, OfferStatus.CLOSED])
        .select_related("run__programme", "mentee", "relationship")
        .order_by("-chosen_at")
    )
    waiting = [offer for offer in offers if offer.status == OfferStatus.CHOSEN]
    answered = [offer for offer in offers if offer.status != OfferStatus.CHOSEN][:RECENT_ANSWERS]
    return waiting, answered


def preference_ranks(programme: Programme, mentee: User) -> dict[int, int]:
    """Rank → mentor user id of the mentee's stated preferences."""
    return dict(
        MentorPreference.objects.filter(programme=programme, mentee=mentee).values_list(
            "rank", "mentor_id"
        )
    )


def preference_mentors(programme: Programme, mentee: User) -> QuerySet[User]:
    """The programme's approved mentors a mentee may name (never profiles: the label's job
    title, organisation and email tell two mentors of the same name apart)."""
    mentor_ids = programme.enrolments.approved().filter(role="mentor").values("user_id")
    return with_work_details(
        User.objects.filter(pk__in=mentor_ids).exclude(pk=mentee.pk).order_by("full_name", "pk")
    )


def rankable(offers: list[ShortlistOffer]) -> list[ShortlistOffer]:
    return [
        offer for offer in offers if offer.status in {OfferStatus.SUGGESTED, OfferStatus.CHOSEN}
    ]


def round_offers(run: MatchRun, mentee: User) -> list[ShortlistOffer]:
    """The mentee's suggestions in one round, best fit first."""
    return list(
        ShortlistOffer.objects.filter(run=run, mentee=mentee)
        .select_related("mentor")
        .order_by("rank")
    )


@dataclass(frozen=True)
class ProposedGroup:
    """One group of a group run: its number, facilitator and members (proposals)."""

    number: int
    facilitator: User
    members: list[MatchProposal]


def run_groups(run: MatchRun) -> list[ProposedGroup]:
    """The run's groups in order, members by name (one query)."""
    proposals = run.proposals.select_related("mentee", "mentor").order_by(
        "group_number", "mentee__full_name", "pk"
    )
    groups: list[ProposedGroup] = []
    for proposal in proposals:
        if not groups or groups[-1].number != proposal.group_number:
            groups.append(ProposedGroup(proposal.group_number or 0, proposal.mentor, []))
        groups[-1].members.append(proposal)
    return groups

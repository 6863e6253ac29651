"""The health check as the pages read it: computed once, kept in the cache while the
programme's records are unchanged, and summarised as counts of people.

`health_check` reads every relationship of the programme and takes seconds for
thousands of them; the page must not pay that on every visit. The result is stored
under a fingerprint of what it reads (counts and latest changes, a handful of aggregate
queries, themselves run at most once a minute) and for at most `CACHE_SECONDS`, for what
the fingerprint does not cover (training records, Framework reviews).

Leaders see aggregates only (DESIGN.md): for each reason, how many distinct people are
in relationships that may need attention, with groups under 5 suppressed and
complementary suppression, as one person can be counted under several reasons. Only
coordinators open the list of relationships itself (metadata, never content).
"""

import datetime as dt
import hashlib
from collections.abc import Collection
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Count, Max, Prefetch, QuerySet
from django.utils import timezone

from tandem.evaluation.disclosure import is_small_group, rows_to_suppress
from tandem.evaluation.health import AT_RISK_REASONS, FeatureScore, health_check
from tandem.evaluation.models import SelfAssessment, SurveyResponse
from tandem.programmes.models import Enrolment, Programme
from tandem.relationships.models import (
    Action,
    AgreementSignature,
    ChangeRequest,
    Conversation,
    Goal,
    LearningAgreement,
    Relationship,
    RelationshipMember,
    TimeEntry,
)

CACHE_SECONDS = 10 * 60
FINGERPRINT_SECONDS = 60
RULES_VERSION = "2"  # raise when the health check's rules change


@dataclass(frozen=True)
class Flag:
    """One relationship that may need attention, as stored in the cache."""

    relationship_id: int
    status: str
    people: tuple[int, ...]  # the members' user ids
    keys: tuple[str, ...]  # AT_RISK_REASONS keys
    reasons: tuple[str, ...]  # the sentences the list shows


@dataclass(frozen=True)
class ReasonCount:
    key: str
    label: str
    people: int | None  # None when suppressed


def _fingerprint(programme: Programme, today: dt.date) -> str:
    """Counts and latest changes of the records the health check reads."""
    parts = [RULES_VERSION, today.isoformat()]
    querysets: list[QuerySet] = [
        Relationship.objects.filter(programme=programme),
        Conversation.objects.filter(relationship__programme=programme),
        Action.objects.filter(relationship__programme=programme),
        Goal.objects.filter(relationship__programme=programme),
        LearningAgreement.objects.filter(relationship__programme=programme),
        AgreementSignature.objects.filter(agreement__relationship__programme=programme),
        ChangeRequest.objects.filter(relationship__programme=programme),
        TimeEntry.objects.filter(relationship__programme=programme),
        SurveyResponse.objects.filter(survey__programme=programme),
        Enrolment.objects.filter(programme=programme),
        # The allowance and the coordinator's self-assessment (Table 4.2 items).
        Programme.objects.filter(pk=programme.pk),
        SelfAssessment.objects.filter(programme=programme),
    ]
    for queryset in querysets:
        figures = queryset.aggregate(n=Count("pk"), latest=Max("updated_at"))
        parts.append(f"{figures['n']}@{figures['latest']}")
    return hashlib.sha256(";".join(parts).encode()).hexdigest()[:32]


def _current_fingerprint(programme: Programme, today: dt.date) -> str:
    """The fingerprint, itself kept for `FINGERPRINT_SECONDS`: its aggregates scan every
    conversation and response of the programme, too slow to run on every visit."""
    key = f"health-check-fingerprint:{programme.uuid}:{today.isoformat()}"
    fingerprint = cache.get(key)
    if not isinstance(fingerprint, str):
        fingerprint = _fingerprint(programme, today)
        cache.set(key, fingerprint, FINGERPRINT_SECONDS)
    return fingerprint


@dataclass(frozen=True)
class HealthSummary:
    """What the health check page shows: small, read on every visit."""

    features: list[FeatureScore]
    reason_counts: list[ReasonCount]
    total_people: int | None
    num_relationships: int
    computed_at: dt.datetime


def _keys(programme: Programme, today: dt.date | None) -> tuple[str, str]:
    today = today or timezone.localdate()
    stem = f"health-check:{programme.uuid}:{_current_fingerprint(programme, today)}"
    return f"{stem}:summary", f"{stem}:flags"


def _compute(
    programme: Programme, today: dt.date | None, keys: tuple[str, str]
) -> tuple[HealthSummary, list[Flag]]:
    """Run the health check and store its summary and its flags (as plain tuples, which
    unpickle in milliseconds where 5,000 objects took a third of a second)."""
    computed = health_check(programme, today)
    flags = [
        Flag(
            relationship_id=item.row["relationship"].pk,
            status=item.row["relationship"].status,
            people=tuple(member.user_id for member in item.row["members"]),
            keys=tuple(item.keys),
            reasons=tuple(item.reasons),
        )
        for item in computed["at_risk"]
    ]
    counts, total = reason_counts(flags)
    summary = HealthSummary(computed["features"], counts, total, len(flags), timezone.now())
    plain = [
        (flag.relationship_id, flag.status, flag.people, flag.keys, flag.reasons) for flag in flags
    ]
    cache.set_many({keys[0]: summary, keys[1]: plain}, CACHE_SECONDS)
    return summary, flags


def forget_fingerprint(programme: Programme, today: dt.date | None = None) -> None:
    """After a coordinator's own change (a self-assessment), show it on the next visit
    rather than up to `FINGERPRINT_SECONDS` later."""
    today = today or timezone.localdate()
    cache.delete(f"health-check-fingerprint:{programme.uuid}:{today.isoformat()}")


def stored_summary(programme: Programme, today: dt.date | None = None) -> HealthSummary:
    """The health check page's figures, from the cache when the records are unchanged
    (seen at most `FINGERPRINT_SECONDS` late)."""
    keys = _keys(programme, today)
    summary = cache.get(keys[0])
    if not isinstance(summary, HealthSummary):
        summary, _flags = _compute(programme, today, keys)
    return summary


def stored_flags(programme: Programme, today: dt.date | None = None) -> list[Flag]:
    """The relationships that may need attention, from the cache when unchanged."""
    keys = _keys(programme, today)
    plain = cache.get(keys[1])
    if not isinstance(plain, list):
        return _compute(programme, today, keys)[1]
    return [Flag(*row) for row in plain]


def _people(flags: Collection[Flag]) -> set[int]:
    return {person for flag in flags for person in flag.people}


def reason_counts(flags: list[Flag]) -> tuple[list[ReasonCount], int | None]:
    """For each reason, the distinct people in relationships flagged for it, and the
    distinct people flagged for any reason; None where suppressed. One person can be
    under several reasons, so hidden rows are covered by people, not by rows."""
    by_reason = [_people([flag for flag in flags if key in flag.keys]) for key in AT_RISK_REASONS]
    hidden = rows_to_suppress(
        [len(people) for people in by_reason],
        is_additive=True,
        people_in=lambda indexes: len(set().union(*(by_reason[i] for i in indexes))),
    )
    rows = [
        # A row about nobody reveals nothing: it says 0 rather than "suppressed".
        ReasonCount(
            key, label, None if index in hidden and by_reason[index] else len(by_reason[index])
        )
        for index, (key, label) in enumerate(AT_RISK_REASONS.items())
    ]
    everyone = len(_people(flags))
    # The total is shown only when it is about 5 or more people and some row is shown:
    # with every row hidden, it would be the only figure left and could be about one row.
    total = None if is_small_group(everyone) or len(hidden) == len(rows) else everyone
    if everyone == 0:
        total = 0
    return rows, total


def filter_flags(
    flags: list[Flag],
    *,
    reason: str = "",
    status: str = "",
    relationship_ids: set[int] | None = None,
) -> list[Flag]:
    """The flags for one reason and status, among the given relationships (name search)."""
    return [
        flag
        for flag in flags
        if (not reason or reason in flag.keys)
        and (not status or flag.status == status)
        and (relationship_ids is None or flag.relationship_id in relationship_ids)
    ]


def relationships_named(programme: Programme, name: str) -> set[int]:
    """The programme's relationships with a member whose name contains `name`."""
    return set(
        RelationshipMember.objects.filter(
            relationship__programme=programme, user__full_name__icontains=name
        ).values_list("relationship_id", flat=True)
    )


def rows_for(flags: list[Flag]) -> list[dict]:
    """One page of the at-risk list: each flag with its relationship and members (two
    queries whatever the page holds)."""
    relationships = Relationship.objects.filter(
        pk__in=[flag.relationship_id for flag in flags]
    ).prefetch_related(
        Prefetch("members", queryset=RelationshipMember.objects.select_related("user"))
    )
    by_id = {relationship.pk: relationship for relationship in relationships}
    return [
        {
            "relationship": by_id[flag.relationship_id],
            "members": list(by_id[flag.relationship_id].members.all()),
            "reasons": flag.reasons,
        }
        for flag in flags
        if flag.relationship_id in by_id
    ]

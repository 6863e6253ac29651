"""Self-direction (seed 003, growing self-direction; seed 002 §4.4.1, a reciprocal
relationship): how much of the agenda, and of the goals, each learner sets.

Counting "items raised by a learner" says nothing in co-coaching, where both members
are learners: every item is a learner's, so every pair scored 100 %. Instead each
learner's share of their relationship's items is set against an equal share among its
learners: share × number of learners, at most 1. A mentee who raises every item of a
one-to-one scores 1 (as before); two co-coaches who raise half each score 1 each; a
co-coach who raises nothing scores 0 however much the other raises; in a group, a
facilitator who sets the whole agenda leaves every learner at 0.
"""

from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass


def learner_scores(raised: Mapping[int, int], learners: Collection[int]) -> dict[int, float]:
    """Each learner's score (0–1) in one relationship, from how many items each member
    raised. Nothing raised yet, or no learners: no scores (never a score on 0 of 0)."""
    total = sum(count for count in raised.values() if count > 0)
    members = set(learners)
    if not total or not members:
        return {}
    return {
        learner: min(1.0, max(0, raised.get(learner, 0)) / total * len(members))
        for learner in members
    }


@dataclass(frozen=True)
class SelfDirection:
    score: int | None  # 0–100, the mean over learners; None with no items
    learners: int  # distinct learners the score rests on
    relationships: int  # relationships with at least one item


def self_direction(
    raised: Iterable[tuple[int, int, int]], learners: Iterable[tuple[int, int]]
) -> SelfDirection:
    """The mean learner score across relationships, from (relationship, raiser, count)
    rows and (relationship, learner) rows. A person who is a learner in two
    relationships counts once, with the mean of their scores."""
    counts: dict[int, dict[int, int]] = defaultdict(dict)
    for relationship, person, count in raised:
        counts[relationship][person] = counts[relationship].get(person, 0) + count
    learners_of: dict[int, set[int]] = defaultdict(set)
    for relationship, person in learners:
        learners_of[relationship].add(person)
    by_person: dict[int, list[float]] = defaultdict(list)
    scored_relationships = 0
    for relationship, raised_by in counts.items():
        scores = learner_scores(raised_by, learners_of.get(relationship, set()))
        if scores:
            scored_relationships += 1
        for person, score in scores.items():
            by_person[person].append(score)
    if not by_person:
        return SelfDirection(None, 0, 0)
    means = [sum(scores) / len(scores) for scores in by_person.values()]
    return SelfDirection(round(100 * sum(means) / len(means)), len(by_person), scored_relationships)

"""Relationship check-ins: mean scores by round (seed 002 §4.4.1)."""

from collections.abc import Collection

from django.db.models import (
    Avg,
    Count,
    Q,
)

from tandem.evaluation.models import Answer, Survey
from tandem.evaluation.tables import (
    Row,
    Table,
    fmt,
    suppress_small_groups,
)
from tandem.programmes.models import Programme


def check_in_table(programme: Programme) -> Table:
    rounds = list(
        Answer.objects.filter(
            response__survey__programme=programme,
            response__survey__purpose=Survey.Purpose.CHECK_IN,
            number__isnull=False,
        )
        .values("response__round")
        .annotate(
            people=Count("response__respondent", distinct=True),
            **{
                key.replace("-", "_"): _avg_for(key)
                for key in ("trust", "support", "challenge", "reflection", "two-way")
            },
        )
        .order_by("response__round")
    )
    rows = tuple(
        Row(
            f"Round {row['response__round'] + 1}",
            (
                row["people"],
                *(
                    fmt(row[key])  # type: ignore[misc]
                    for key in ("trust", "support", "challenge", "reflection", "two_way")
                ),
            ),
            row["people"],
        )
        for row in rounds
    )
    round_numbers = [row["response__round"] for row in rounds]
    answers = Answer.objects.filter(
        response__survey__programme=programme,
        response__survey__purpose=Survey.Purpose.CHECK_IN,
        number__isnull=False,
    )

    def people_in(indexes: Collection[int]) -> int:
        """Distinct people over several rounds (one query, only when a round is hidden)."""
        chosen = [round_numbers[index] for index in indexes]
        return answers.filter(response__round__in=chosen).aggregate(
            n=Count("response__respondent", distinct=True)
        )["n"]

    table = Table(
        "check-ins",
        "Relationship check-ins: mean scores by round",
        ("Round", "People", "Trust", "Support", "Challenge", "Reflection", "Two-way learning"),
        rows,
        note="Ratings 1 to 5 (seed 002 §4.4.1: a reflective, reciprocal relationship).",
    )
    # The survey's results pool every round: a suppressed round's mean must not be
    # recoverable from the pooled mean less the rounds shown here.
    return suppress_small_groups(table, is_additive=True, people_in=people_in)


def _avg_for(key: str) -> Avg:
    return Avg("number", filter=Q(question__key=key))

"""Relationship check-ins: mean scores by round (seed 002 §4.4.1)."""

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
)
from tandem.programmes.models import Programme


def check_in_table(programme: Programme) -> Table:
    rounds = (
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
    return Table(
        "check-ins",
        "Relationship check-ins: mean scores by round",
        ("Round", "People", "Trust", "Support", "Challenge", "Reflection", "Two-way learning"),
        rows,
        note="Ratings 1 to 5 (seed 002 §4.4.1: a reflective, reciprocal relationship).",
    )


def _avg_for(key: str) -> Avg:
    return Avg("number", filter=Q(question__key=key))

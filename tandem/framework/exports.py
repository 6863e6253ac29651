"""A review as CSV (one row per outcome) and as PDF (WeasyPrint, from an HTML template)."""

from django.template.loader import render_to_string

from tandem.framework import selectors
from tandem.framework.content import key_question_prompts
from tandem.framework.models import Review
from tandem.framework.models.review import KEY_QUESTION_FIELDS
from tandem.pdfs import render_pdf
from tandem.spreadsheets import csv_bytes

CSV_HEADER = [
    "Organisation",
    "Core concept",
    "Cycle",
    "Status",
    "Outcome",
    "Rating",
    "Current practice",
    "Knowledge and understanding",
    "Impact on the learner's experience",
    "Evidence",
    "Action for development",
    "Evidence items",
    "Actions",
]


def review_csv(review: Review) -> bytes:
    """One row per outcome, UTF-8 with BOM (tandem.spreadsheets)."""
    outcomes = list(
        review.outcomes.prefetch_related("evidence", "actions__owner").order_by("position")
    )
    rows: list[list[object]] = [CSV_HEADER]
    for outcome in outcomes:
        evidence = "; ".join(item.title for item in outcome.evidence.all())
        actions = "; ".join(
            f"{action.description} ({action.owner.full_name}, due {action.due_on:%d/%m/%Y}, "
            f"{action.get_status_display().lower()})"
            for action in outcome.actions.all()
        )
        row = [
            review.organisation.name,
            review.core_concept.title,
            review.cycle,
            review.get_status_display(),
            outcome.get_area_display(),
            outcome.get_rating_display() if outcome.rating else "Not rated",
            *(getattr(outcome, name) for name in KEY_QUESTION_FIELDS),
            evidence,
            actions,
        ]
        rows.append(row)
    return csv_bytes(rows)


def review_pdf(review: Review) -> bytes:
    outcomes = list(
        review.outcomes.prefetch_related("evidence", "actions__owner", "comments__author").order_by(
            "position"
        )
    )
    chain = selectors.review_chain(review)
    html = render_to_string(
        "framework/review_pdf.html",
        {
            "review": review,
            "outcomes": outcomes,
            "questions": [
                (name, key_question_prompts(review.organisation.type)[name])
                for name in KEY_QUESTION_FIELDS
            ],
            "chain": chain,
            "progress_rows": selectors.progress_table(chain),
        },
    )
    return render_pdf(html)

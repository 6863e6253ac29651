from tandem.framework.models.review import (
    Review,
    ReviewAction,
    ReviewComment,
    Reviewer,
    ReviewEvidence,
    ReviewOutcome,
)
from tandem.framework.models.vocabulary import FrameworkItem

__all__ = [
    "FrameworkItem",
    "Review",
    "ReviewAction",
    "ReviewComment",
    "ReviewEvidence",
    "ReviewOutcome",
    "Reviewer",
]

"""Review and development (seed 004): an organisation reviews one core concept per cycle."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse

from tandem.accounts.models import acting_user
from tandem.framework import keys
from tandem.framework.choices import text_choices
from tandem.framework.models.vocabulary import FrameworkItem
from tandem.models import TandemModel, choices_constraint
from tandem.organisations.models import Organisation


class Reviewer(TandemModel):
    """A member (typically a tutor) who may contribute to the organisation's reviews.

    Coordinators and leaders are review leads by their membership; this table adds the
    tutors and programme staff who contribute without leading.
    """

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="reviewers"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reviewer_roles"
    )
    added_by = acting_user(blank=True)

    class Meta:
        ordering = ["user__full_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "user"], name="framework_reviewer_once_per_organisation"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} reviews for {self.organisation}"


class ReviewStatus(models.TextChoices):
    IN_PROGRESS = "in-progress", "In progress"
    COMPLETE = "complete", "Complete"


class Review(TandemModel):
    """One cycle of reviewing one core concept; `previous` chains the cycles."""

    Status = ReviewStatus

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="reviews")
    core_concept = models.ForeignKey(
        FrameworkItem,
        on_delete=models.PROTECT,
        limit_choices_to={"kind": keys.Kind.CORE_CONCEPT},
        related_name="reviews",
    )
    cycle = models.PositiveSmallIntegerField(default=1)
    previous = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="next_cycle"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.IN_PROGRESS)
    started_by = acting_user(blank=True)
    completed_by = acting_user(blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["organisation__name", "core_concept__position", "-cycle"]
        constraints = [
            choices_constraint("framework_review_status_valid", status=ReviewStatus),
            models.CheckConstraint(
                condition=Q(cycle__gte=1), name="framework_review_cycle_positive"
            ),
            models.CheckConstraint(
                condition=Q(status="complete", completed_at__isnull=False)
                | Q(status="in-progress", completed_at__isnull=True),
                name="framework_review_completed_at_matches_status",
            ),
            models.UniqueConstraint(
                # One open cycle per concept: a new cycle starts when the last one closes.
                fields=["organisation", "core_concept"],
                condition=Q(status="in-progress"),
                name="framework_review_one_open_per_concept",
            ),
        ]
        indexes = [
            # The review list asks for an organisation's reviews, newest cycle first.
            models.Index(fields=["organisation", "core_concept", "cycle"], name="review_org_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.core_concept} review, cycle {self.cycle} ({self.organisation})"

    def get_absolute_url(self) -> str:
        return reverse("framework:review-detail", kwargs={"review_uuid": self.uuid})

    def clean(self) -> None:
        super().clean()
        if self.core_concept_id and self.core_concept.kind != keys.Kind.CORE_CONCEPT:
            raise ValidationError({"core_concept": "Choose one of the core concepts."})

    @property
    def is_complete(self) -> bool:
        return self.status == ReviewStatus.COMPLETE


ReviewOutcomeArea = text_choices(keys.ReviewOutcome)


class ReviewRating(models.TextChoices):
    NOT_STARTED = "not-started", "Not yet started"
    DEVELOPING = "developing", "Developing"
    ESTABLISHED = "established", "Established"
    EMBEDDED = "embedded", "Embedded"


RATING_LEVELS = {value: level for level, value in enumerate(ReviewRating.values, start=1)}
KEY_QUESTION_FIELDS: list[str] = [question.value for question in keys.KeyQuestion]


class ReviewOutcome(TandemModel):
    """One of the five outcomes in a review: a rating and answers to the key questions."""

    Area = ReviewOutcomeArea
    Rating = ReviewRating

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="outcomes")
    area = models.CharField(max_length=20, choices=Area.choices)
    position = models.PositiveSmallIntegerField(default=0)
    rating = models.CharField(max_length=20, choices=Rating.choices, blank=True)
    current_practice = models.TextField(blank=True, max_length=5000)
    knowledge = models.TextField("knowledge and understanding", blank=True, max_length=5000)
    learner_impact = models.TextField(
        "impact on the learner's experience", blank=True, max_length=5000
    )
    evidence_summary = models.TextField("evidence", blank=True, max_length=5000)
    development_action = models.TextField("action for development", blank=True, max_length=5000)
    updated_by = acting_user(blank=True)

    class Meta:
        ordering = ["review", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["review", "area"], name="framework_reviewoutcome_once_per_review"
            ),
            choices_constraint("framework_reviewoutcome_area_valid", area=ReviewOutcomeArea),
            choices_constraint(
                "framework_reviewoutcome_rating_valid", allow_blank=True, rating=ReviewRating
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_area_display()} ({self.review})"

    def get_absolute_url(self) -> str:
        return reverse("framework:outcome-edit", kwargs={"outcome_uuid": self.uuid})

    @property
    def rating_level(self) -> int:
        return RATING_LEVELS.get(self.rating, 0)


class ReviewEvidence(TandemModel):
    """A link or an uploaded file supporting one outcome; files are served via the policy."""

    outcome = models.ForeignKey(ReviewOutcome, on_delete=models.CASCADE, related_name="evidence")
    title = models.CharField(max_length=200)
    url = models.URLField("link", blank=True)
    file = models.FileField(upload_to="review-evidence/%Y/", blank=True)
    added_by = acting_user(blank=True)

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(url="") | ~Q(file=""), name="framework_reviewevidence_link_or_file"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        if not self.url and not self.file:
            raise ValidationError("Add a link or upload a file.")
        if self.url and self.file:
            raise ValidationError("Add a link or a file, not both.")


class ReviewActionStatus(models.TextChoices):
    OPEN = "open", "Not started"
    IN_PROGRESS = "in-progress", "In progress"
    DONE = "done", "Done"


class ReviewAction(TandemModel):
    """An action for development: what, who owns it, by when, and how far it has got."""

    Status = ReviewActionStatus

    outcome = models.ForeignKey(ReviewOutcome, on_delete=models.CASCADE, related_name="actions")
    description = models.CharField("what", max_length=300)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="review_actions"
    )
    due_on = models.DateField("due date")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)
    created_by = acting_user(blank=True)

    class Meta:
        ordering = ["due_on", "created_at"]
        constraints = [
            choices_constraint("framework_reviewaction_status_valid", status=ReviewActionStatus),
        ]
        indexes = [
            # The progress view lists open actions across a chain of reviews by due date.
            models.Index(fields=["status", "due_on"], name="reviewaction_open_idx"),
        ]

    def __str__(self) -> str:
        return self.description

    def get_absolute_url(self) -> str:
        return reverse("framework:action-edit", kwargs={"action_uuid": self.uuid})

    @property
    def is_open(self) -> bool:
        return self.status != ReviewActionStatus.DONE


class ReviewComment(TandemModel):
    outcome = models.ForeignKey(ReviewOutcome, on_delete=models.CASCADE, related_name="comments")
    author = acting_user(blank=True)
    body = models.TextField(max_length=3000)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"Comment by {self.author} on {self.outcome}"

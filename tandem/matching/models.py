"""Matching as records: each programme's settings, every run, its proposals and shortlists.

The engine (scoring, solver, shortlists) works on arrays; these models keep what a
coordinator and a data-protection officer need afterwards: who ran what with which
settings, what the inputs were, what was proposed and what was published. Explanations are
stored as per-criterion points, never as the other person's attribute values.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import JSONField, Q, Value
from django.urls import reverse

from tandem.accounts.models import acting_user
from tandem.models import TandemModel, choices_constraint
from tandem.programmes.models import Programme


class SameRule(models.TextChoices):
    """Mirrors tandem.matching.engine.criteria.SameRule with labels for coordinators."""

    ANY = "any", "No preference"
    PREFER_SAME = "prefer-same", "Prefer the same"
    PREFER_DIFFERENT = "prefer-different", "Prefer different"
    REQUIRE_SAME = "require-same", "Require the same"
    REQUIRE_DIFFERENT = "require-different", "Require different"


class Policy(models.TextChoices):
    """Mirrors tandem.matching.engine.criteria.Policy."""

    PLACE_EVERYONE = "place-everyone", "Place everyone who can be placed"
    QUALITY = "quality", "Highest match quality"


class MatchSettings(TandemModel):
    """A programme's criteria weights and rules, copied from its template and then edited."""

    SameRule = SameRule
    Policy = Policy

    programme = models.OneToOneField(
        Programme, on_delete=models.CASCADE, related_name="match_settings"
    )
    # Criterion value → weight (0–10); criteria absent weigh nothing.
    weights = models.JSONField(default=dict)
    sector_rule = models.CharField(
        "same or different sector", max_length=20, choices=SameRule, default="any"
    )
    organisation_rule = models.CharField(
        "internal or external mentor", max_length=20, choices=SameRule, default="any"
    )
    policy = models.CharField(max_length=20, choices=Policy, default=Policy.PLACE_EVERYONE)
    quality_penalty = models.PositiveSmallIntegerField(
        "cost of leaving a mentee unplaced (% of the best possible score)",
        default=30,
        validators=[MaxValueValidator(100)],
        help_text="Used by the 'highest match quality' policy only.",
    )
    min_score = models.PositiveSmallIntegerField(
        "lowest acceptable score (%)",
        default=0,
        validators=[MaxValueValidator(100)],
        help_text="Used by the 'highest match quality' policy only.",
    )
    # Categorical criteria made hard rules (engine `MatchConfig.required`): a pair that does
    # not share one is never proposed, and reasons name the rule. Sector and internal or
    # external mentor have their own require-same/require-different choices above.
    require_phase = models.BooleanField(
        "require a phase of education in common", default=False, db_default=False
    )
    require_subject = models.BooleanField(
        "require a subject in common", default=False, db_default=False
    )
    require_language = models.BooleanField(
        "require a language in common", default=False, db_default=False
    )
    require_region = models.BooleanField("require the same region", default=False, db_default=False)
    shortlist_size = models.PositiveSmallIntegerField(
        "suggestions per mentee",
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
    )
    response_days = models.PositiveSmallIntegerField(
        "days a mentor has to accept or decline",
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(30)],
    )
    updated_by = acting_user()

    class Meta:
        verbose_name_plural = "match settings"
        constraints = [
            choices_constraint(
                "matching_matchsettings_choices_valid",
                policy=Policy,
                sector_rule=SameRule,
                organisation_rule=SameRule,
            ),
        ]

    def __str__(self) -> str:
        return f"Match settings for {self.programme}"


class RunMode(models.TextChoices):
    ALLOCATION = "allocation", "Optimal allocation"
    SHORTLIST = "shortlist", "Mentee choice from a shortlist"
    REMATCH = "rematch", "Rematch some mentees"
    # Learners into groups of a chosen size, each led by one facilitator.
    GROUPS = "groups", "Facilitated groups"


class RunStatus(models.TextChoices):
    QUEUED = "queued", "Waiting to start"
    RUNNING = "running", "Running"
    DRAFT = "draft", "Draft for review"
    PUBLISHED = "published", "Published"
    OPEN = "open", "Shortlists sent to mentees"
    CLOSED = "closed", "Closed"
    DISCARDED = "discarded", "Discarded"
    FAILED = "failed", "Failed"


class MatchRunQuerySet(models.QuerySet["MatchRun"]):
    def open_shortlists(self) -> "MatchRunQuerySet":
        return self.filter(mode=RunMode.SHORTLIST, status=RunStatus.OPEN)


class MatchRun(TandemModel):
    """One run of the engine for a programme: settings, inputs, result and what happened."""

    Mode = RunMode
    Status = RunStatus

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="match_runs")
    mode = models.CharField(max_length=12, choices=RunMode)
    status = models.CharField(max_length=12, choices=RunStatus, default=RunStatus.QUEUED)
    created_by = acting_user()
    # The settings as they were when the run started (weights, rules, policy, k, days).
    options = models.JSONField(default=dict)
    # Who took part: user ids per side, places per mentor, mentees asked to move (rematch).
    inputs = models.JSONField(default=dict)
    num_mentees = models.PositiveIntegerField(default=0)
    num_mentors = models.PositiveIntegerField(default=0)
    num_places = models.PositiveIntegerField(default=0)
    num_placed = models.PositiveIntegerField(default=0)
    # Sum of the pairs' scores minus the penalty per unplaced mentee, in score points.
    objective = models.BigIntegerField(null=True, blank=True)
    is_certified_optimal = models.BooleanField(default=False)
    # Mentees (allocation) or suggestions (shortlists) the engine's last optimality or
    # completeness check could not clear before its round limit: 0 when proved. The run
    # page shows a banner whenever it is not 0.
    num_unchecked = models.PositiveIntegerField(default=0, db_default=0)
    # Sentences about the input (missing data, too few places) for the coordinator.
    problems = models.JSONField(default=list, blank=True)
    # [{"user": id, "reason": code, "message": sentence}] for mentees not placed.
    unplaced = models.JSONField(default=list, blank=True)
    stats = models.JSONField(default=dict, blank=True)
    progress = models.PositiveSmallIntegerField(default=0, validators=[MaxValueValidator(100)])
    progress_note = models.CharField(max_length=200, blank=True)
    error = models.TextField(blank=True)
    # Touched while a worker computes the run; a running run not heard from for
    # TANDEM_TASK_STALE_SECONDS was abandoned (tandem.matching.services.abandoned).
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    # The queued computation (django-tasks result id): the run's page shows its real state.
    task_id = models.CharField(max_length=64, blank=True, db_default="")
    published_by = acting_user(blank=True)
    published_at = models.DateTimeField(null=True, blank=True)

    objects = MatchRunQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            choices_constraint("matching_matchrun_choices_valid", mode=RunMode, status=RunStatus),
        ]
        indexes = [
            models.Index(fields=["programme", "status"], name="matchrun_programme_status_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_mode_display()} for {self.programme} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return reverse("matching:run-detail", kwargs={"run_uuid": self.uuid})

    @property
    def is_finished_computing(self) -> bool:
        return self.status not in {RunStatus.QUEUED, RunStatus.RUNNING}

    @property
    def is_editable(self) -> bool:
        return self.status == RunStatus.DRAFT


class MatchProposal(TandemModel):
    """A proposed pair in an allocation or rematch run; becomes a relationship on publishing."""

    run = models.ForeignKey(MatchRun, on_delete=models.CASCADE, related_name="proposals")
    mentee = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    mentor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    # Score points out of tandem.matching.engine.scoring.SCORE_POINTS.
    points = models.IntegerField()
    # [{"criterion": key, "label": text, "points": number}], largest first.
    contributions = models.JSONField(default=list)
    is_edited = models.BooleanField("changed by the coordinator", default=False)
    # For the mentee only: why each mentor they named was not their match, as
    # [{"mentor": user id, "reason": code}] (tandem.matching.engine.explanations.WhyNotReason).
    # db_default: old app servers insert rows without it during a rolling deploy.
    why_not = models.JSONField(default=list, db_default=Value([], JSONField()), blank=True)
    # Rematch: the relationship the mentee is moving from.
    replaces = models.ForeignKey(
        "relationships.Relationship",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    relationship = models.ForeignKey(
        "relationships.Relationship",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="match_proposals",
    )
    # Group runs: the group (1, 2, …) this learner is proposed for; `mentor` is its
    # facilitator. Every member of a group shares the number and, once published, the
    # relationship. Empty for pairs.
    group_number = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["run", "mentee__full_name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["run", "mentee"], name="matching_proposal_one_each"),
        ]

    def __str__(self) -> str:
        return f"{self.mentor} with {self.mentee}"


class OfferStatus(models.TextChoices):
    SUGGESTED = "suggested", "Suggested"
    CHOSEN = "chosen", "Chosen: waiting for the mentor"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined by the mentor"
    EXPIRED = "expired", "No answer in time"
    CLOSED = "closed", "No longer available"


class ShortlistOfferQuerySet(models.QuerySet["ShortlistOffer"]):
    def awaiting_answer(self) -> "ShortlistOfferQuerySet":
        return self.filter(status=OfferStatus.CHOSEN, run__status=RunStatus.OPEN)


class ShortlistOffer(TandemModel):
    """One suggestion on a mentee's shortlist; the mentee picks, the mentor answers."""

    Status = OfferStatus

    run = models.ForeignKey(MatchRun, on_delete=models.CASCADE, related_name="offers")
    mentee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="shortlist_offers"
    )
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="shortlist_requests"
    )
    rank = models.PositiveSmallIntegerField()
    points = models.IntegerField()
    contributions = models.JSONField(default=list)
    status = models.CharField(max_length=10, choices=OfferStatus, default=OfferStatus.SUGGESTED)
    # The mentee's own order (1-3) of the suggestions they would like: mentors are asked
    # one at a time in this order, the next when one declines or does not answer in time.
    choice_rank = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(3)]
    )
    chosen_at = models.DateTimeField(null=True, blank=True)
    respond_by = models.DateTimeField(null=True, blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    relationship = models.ForeignKey(
        "relationships.Relationship",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = ShortlistOfferQuerySet.as_manager()

    class Meta:
        ordering = ["run", "mentee", "rank"]
        constraints = [
            models.UniqueConstraint(
                fields=["run", "mentee", "mentor"], name="matching_offer_once_per_pair"
            ),
            # A mentee waits on one mentor at a time.
            models.UniqueConstraint(
                fields=["run", "mentee"],
                condition=Q(status=OfferStatus.CHOSEN),
                name="matching_offer_one_chosen",
            ),
            choices_constraint("matching_offer_status_valid", status=OfferStatus),
            models.UniqueConstraint(
                fields=["run", "mentee", "choice_rank"],
                condition=Q(choice_rank__isnull=False),
                name="matching_offer_choice_rank_once",
            ),
            models.CheckConstraint(
                condition=Q(choice_rank__isnull=True) | Q(choice_rank__gte=1, choice_rank__lte=3),
                name="matching_offer_choice_rank_valid",
            ),
        ]
        indexes = [
            # "Requests to mentor" and the expiry sweep look up chosen offers.
            models.Index(fields=["mentor", "status"], name="offer_mentor_status_idx"),
            models.Index(fields=["status", "respond_by"], name="offer_status_due_idx"),
            models.Index(fields=["mentee", "status"], name="offer_mentee_status_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.mentor} suggested to {self.mentee}"


class MentorPreference(TandemModel):
    """A mentee's own ranked wishes for a mentor in a programme (seed 002 §4.3.4).

    Only the mentee and the engine read these: mentors never learn who asked for them, and
    coordinators see their effect only as the "stated preference" part of a score.
    """

    STRENGTH = {1: 1.0, 2: 0.8, 3: 0.6}  # first choice counts fully, later ones less

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="mentor_preferences"
    )
    mentee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentor_preferences"
    )
    mentor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    rank = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(3)])

    class Meta:
        ordering = ["programme", "mentee", "rank"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "mentee", "rank"], name="matching_preference_rank_once"
            ),
            models.UniqueConstraint(
                fields=["programme", "mentee", "mentor"], name="matching_preference_mentor_once"
            ),
            models.CheckConstraint(
                condition=Q(rank__gte=1) & Q(rank__lte=3), name="matching_preference_rank_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.mentee}'s choice {self.rank}: {self.mentor}"

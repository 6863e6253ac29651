"""Surveys: instruments copied from built-in templates, scheduled for a programme stage."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from tandem.accounts.models import acting_user
from tandem.models import TandemModel, choices_constraint
from tandem.programmes.models import Programme


class SurveyPurpose(models.TextChoices):
    BASELINE = "baseline", "Baseline (start of programme)"
    END = "end", "End of programme"
    CHECK_IN = "check-in", "Relationship check-in"
    ORGANISATION = "organisation", "Organisation impact"
    AWARENESS = "awareness", "Framework awareness and usefulness"


class SurveyAudience(models.TextChoices):
    MENTEES = "mentees", "Mentees and coachees"
    MENTORS = "mentors", "Mentors and coaches"
    PARTICIPANTS = "participants", "Everyone in a relationship"
    LEADERS = "leaders", "Organisation leaders"


class SurveyStage(models.TextChoices):
    START = "start", "At the start"
    MID = "mid", "Half-way through"
    END = "end", "At the end"
    RECURRING = "recurring", "Every few weeks"


class Survey(TandemModel):
    """A survey a coordinator scheduled for one programme, audience and stage."""

    Purpose = SurveyPurpose
    Audience = SurveyAudience
    Stage = SurveyStage

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="surveys")
    template_key = models.SlugField(max_length=40)
    purpose = models.CharField(max_length=15, choices=SurveyPurpose)
    title = models.CharField(max_length=200)
    audience = models.CharField(max_length=15, choices=SurveyAudience)
    stage = models.CharField(max_length=10, choices=SurveyStage)
    every_weeks = models.PositiveSmallIntegerField(null=True, blank=True)
    opens_on = models.DateField()
    closes_on = models.DateField()
    created_by = acting_user()

    class Meta:
        ordering = ["opens_on", "title"]
        constraints = [
            choices_constraint(
                "evaluation_survey_choices_valid",
                purpose=SurveyPurpose,
                audience=SurveyAudience,
                stage=SurveyStage,
            ),
            models.CheckConstraint(
                # A recurring survey says how often; a one-off never does.
                condition=(Q(stage="recurring") & Q(every_weeks__gte=1))
                | (~Q(stage="recurring") & Q(every_weeks__isnull=True)),
                name="evaluation_survey_recurring_has_interval",
            ),
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")),
                name="evaluation_survey_closes_after_opening",
            ),
        ]
        indexes = [
            # "Surveys owed" (home page, reminders) asks a programme's surveys open today.
            models.Index(
                fields=["programme", "opens_on", "closes_on"], name="survey_prog_open_idx"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("evaluation:survey-results", kwargs={"survey_uuid": self.uuid})


class QuestionKind(models.TextChoices):
    LIKERT = "likert", "Agreement, 1 to 5"
    SINGLE = "single", "One choice"
    MULTIPLE = "multiple", "Several choices"
    NUMBER = "number", "Number"
    TEXT = "text", "Free text"


class Question(TandemModel):
    """One item of a survey, keyed to the Framework vocabulary (kind + key) where it has one."""

    Kind = QuestionKind

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField()
    key = models.SlugField(max_length=60, help_text="Stable identifier within the template.")
    framework_kind = models.CharField(max_length=20, blank=True)
    framework_key = models.SlugField(max_length=60, blank=True)
    kind = models.CharField(max_length=10, choices=QuestionKind)
    text = models.CharField(max_length=300)
    choices = models.JSONField(default=list, blank=True)
    is_required = models.BooleanField(default=True)

    class Meta:
        ordering = ["survey", "position"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "key"], name="evaluation_question_key_once"),
            choices_constraint("evaluation_question_kind_valid", kind=QuestionKind),
        ]

    def __str__(self) -> str:
        return self.text


class SurveyResponse(TandemModel):
    """One person's answers to one round of a survey.

    The respondent is stored so the survey is not owed twice and baseline and end answers
    can be paired; no page or export shows it next to answers (pseudonymous to coordinators).
    """

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    relationship = models.ForeignKey(
        "relationships.Relationship",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    role = models.CharField(max_length=10, help_text="mentee, mentor or leader when answered.")
    round = models.PositiveSmallIntegerField(default=0)
    submitted_at = models.DateTimeField()

    class Meta:
        ordering = ["survey", "round"]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "respondent", "round"], name="evaluation_response_once_a_round"
            ),
        ]
        indexes = [
            # Falling check-in scores: a relationship's check-ins by round.
            models.Index(fields=["relationship", "survey", "round"], name="response_rel_round_idx"),
        ]

    def __str__(self) -> str:
        return f"Response to {self.survey}"


class Answer(TandemModel):
    response = models.ForeignKey(SurveyResponse, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    number = models.FloatField(null=True, blank=True)
    text = models.TextField(max_length=4000, blank=True)
    choices = models.JSONField(default=list, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question"], name="evaluation_answer_once_per_question"
            ),
        ]
        indexes = [
            # Question results and impact pairing aggregate a question's numeric answers.
            models.Index(fields=["question", "number"], name="answer_question_number_idx"),
        ]

    def __str__(self) -> str:
        return f"Answer to {self.question}"


class ReportSnapshot(TandemModel):
    """A programme's report tables as last computed by the background task.

    The report aggregates every conversation, agenda item and answer in the programme
    (seconds at 5,000 relationships), so the page reads this instead. `fingerprint`
    summarises the records the report is built from; a page that finds it out of date
    shows the snapshot, says when it was computed and asks for a refresh.
    """

    programme = models.OneToOneField(
        Programme, on_delete=models.CASCADE, related_name="report_snapshot"
    )
    tables = models.JSONField(null=True, blank=True)  # None until first computed
    fingerprint = models.CharField(max_length=200, blank=True)
    computed_at = models.DateTimeField(null=True, blank=True)
    refresh_requested_at = models.DateTimeField(null=True, blank=True)
    # The queued refresh's task (django-tasks result id): the page shows its real state.
    refresh_task_id = models.CharField(max_length=64, blank=True, db_default="")

    def __str__(self) -> str:
        return f"Report snapshot for {self.programme}"


class SelfAssessmentAnswer(models.TextChoices):
    IN_PLACE = "in-place", "In place"
    PARTLY = "partly", "Partly in place"
    NOT_YET = "not-yet", "Not yet in place"


class SelfAssessment(TandemModel):
    """A coordinator's answer for one item of the health check that no record can show
    (seed 002 Table 4.2, e.g. "provision of space as well as time"): one row per
    programme and item, with a short note of the evidence, who answered and when."""

    Answer = SelfAssessmentAnswer

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="self_assessments"
    )
    item_key = models.SlugField(max_length=60)
    answer = models.CharField(max_length=10, choices=SelfAssessmentAnswer)
    evidence = models.CharField(
        "evidence",
        max_length=500,
        help_text="What shows this, in a sentence: for example the timetable or a policy.",
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    answered_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "item_key"], name="evaluation_self_assessment_once"
            ),
            choices_constraint(
                "evaluation_selfassessment_answer_valid", answer=SelfAssessmentAnswer
            ),
        ]

    def __str__(self) -> str:
        return f"Self-assessment of {self.item_key} for {self.programme}"

    @property
    def score(self) -> int:
        return {
            SelfAssessmentAnswer.IN_PLACE: 100,
            SelfAssessmentAnswer.PARTLY: 50,
        }.get(SelfAssessmentAnswer(self.answer), 0)

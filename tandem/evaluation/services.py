"""Writes: scheduling a survey from a built-in template, and answering it."""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from tandem.accounts.models import User
from tandem.audit.services import record_event
from tandem.evaluation.evidence_table import SELF_ASSESSED
from tandem.evaluation.instruments import TEMPLATES
from tandem.evaluation.models import Answer, Question, SelfAssessment, Survey, SurveyResponse
from tandem.evaluation.selectors import current_round, relationship_for
from tandem.programmes.models import Programme
from tandem.programmes.policy import is_coordinator

ANSWER_WINDOW = dt.timedelta(days=28)


def survey_dates(programme: Programme, stage: str) -> tuple[dt.date, dt.date]:
    """When a survey for a programme stage opens and closes."""
    if stage == Survey.Stage.START:
        opens = programme.starts_on
    elif stage == Survey.Stage.MID:
        opens = programme.starts_on + (programme.ends_on - programme.starts_on) / 2
    elif stage == Survey.Stage.END:
        opens = max(programme.starts_on, programme.ends_on - dt.timedelta(days=21))
    else:
        return programme.starts_on, programme.ends_on
    return opens, max(opens + ANSWER_WINDOW, programme.ends_on if stage == "end" else opens)


@transaction.atomic
def schedule_survey(
    *,
    actor: User,
    programme: Programme,
    template_key: str,
    stage: str,
    every_weeks: int | None = None,
    audience: str = "",
    opens_on: dt.date | None = None,
) -> Survey:
    """Copy a built-in template into a survey for the programme; coordinators only."""
    template = TEMPLATES.get(template_key)
    if template is None:
        raise ValidationError({"template_key": "Choose one of the built-in surveys."})
    default_opens, closes = survey_dates(programme, stage)
    opens = opens_on or default_opens
    survey = Survey(
        programme=programme,
        template_key=template.key,
        purpose=template.purpose,
        title=template.title,
        audience=audience or template.audience,
        stage=stage,
        every_weeks=every_weeks if stage == Survey.Stage.RECURRING else None,
        opens_on=opens,
        closes_on=max(closes, opens),
        created_by=actor,
    )
    survey.full_clean()
    survey.save()
    Question.objects.bulk_create(
        Question(
            survey=survey,
            position=position,
            key=item.key,
            framework_kind=item.framework_kind,
            framework_key=item.framework_key,
            kind=item.kind,
            text=item.text,
            choices=list(item.choices),
            is_required=item.is_required,
        )
        for position, item in enumerate(template.items, start=1)
    )
    return survey


def submit_response(
    *,
    actor: User,
    survey: Survey,
    role: str,
    answers: dict[int, object],
    today: dt.date | None = None,
) -> SurveyResponse:
    """Store the actor's answers for this round (question id → value); respondents only.

    Raises ValidationError if this round is already answered or the survey is closed.
    """
    today = today or timezone.localdate()
    if not survey.opens_on <= today <= survey.closes_on:
        raise ValidationError("This survey is not open.")
    questions = {question.pk: question for question in survey.questions.all()}
    try:
        with transaction.atomic():
            response = SurveyResponse.objects.create(
                survey=survey,
                respondent=actor,
                relationship=relationship_for(actor, survey) if role != "leader" else None,
                role=role,
                round=current_round(survey, today),
                submitted_at=timezone.now(),
            )
            Answer.objects.bulk_create(
                _answer(response, questions[question_id], value)
                for question_id, value in answers.items()
                if question_id in questions and value not in (None, "", [])
            )
    except IntegrityError as error:
        raise ValidationError("You have already answered this survey.") from error
    return response


def _answer(response: SurveyResponse, question: Question, value: object) -> Answer:
    answer = Answer(response=response, question=question)
    if question.kind in {Question.Kind.LIKERT, Question.Kind.NUMBER}:
        answer.number = float(value)  # type: ignore[arg-type]
    elif question.kind == Question.Kind.SINGLE:
        answer.choices = [str(value)]
    elif question.kind == Question.Kind.MULTIPLE:
        answer.choices = [str(choice) for choice in value]  # type: ignore[attr-defined]
    else:
        answer.text = str(value)
    return answer


@transaction.atomic
def record_self_assessment(
    *, actor: User, programme: Programme, item_key: str, answer: str, evidence: str
) -> SelfAssessment:
    """A coordinator's answer for a self-assessed item of the health check: one row per
    programme and item, corrected by answering again; every change is audited."""
    if not is_coordinator(actor, programme):
        raise PermissionDenied
    if item_key not in SELF_ASSESSED:
        raise ValidationError({"item_key": "This item is scored from records, not assessed."})
    assessment = SelfAssessment.objects.filter(programme=programme, item_key=item_key).first()
    if assessment is None:
        assessment = SelfAssessment(programme=programme, item_key=item_key)
    previous = assessment.answer
    assessment.answer = answer
    assessment.evidence = evidence.strip()
    assessment.answered_by = actor
    assessment.answered_at = timezone.now()
    assessment.full_clean()
    assessment.save()
    detail = f"{item_key}: {previous or 'unanswered'} → {answer}"
    record_event(actor=actor, action="health.self-assessment", target=assessment, detail=detail)
    return assessment

from typing import Any

from django import forms

from tandem.evaluation.health import AT_RISK_REASONS
from tandem.evaluation.instruments import TEMPLATES
from tandem.evaluation.models import Question, SelfAssessment, Survey
from tandem.forms import ListFilterForm

LIKERT_CHOICES = [
    ("1", "1 – Strongly disagree"),
    ("2", "2 – Disagree"),
    ("3", "3 – Neither agree nor disagree"),
    ("4", "4 – Agree"),
    ("5", "5 – Strongly agree"),
]


class ScheduleSurveyForm(forms.Form):
    template_key = forms.ChoiceField(
        label="Survey",
        choices=[(key, template.title) for key, template in TEMPLATES.items()],
        widget=forms.RadioSelect,
    )
    stage = forms.ChoiceField(choices=Survey.Stage.choices, widget=forms.RadioSelect)
    every_weeks = forms.IntegerField(
        label="Every how many weeks",
        min_value=1,
        max_value=26,
        required=False,
        help_text="Only for surveys sent every few weeks, such as the check-in.",
    )
    audience = forms.ChoiceField(
        choices=[("", "The survey's usual audience"), *Survey.Audience.choices],
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("stage") == Survey.Stage.RECURRING and not data.get("every_weeks"):
            self.add_error("every_weeks", "Say how many weeks apart the survey is sent.")
        return data


class ResponseForm(forms.Form):
    """One field per question, named by the question's position."""

    def __init__(self, *args: Any, questions: list[Question], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.questions = {f"q{question.position}": question for question in questions}
        for name, question in self.questions.items():
            self.fields[name] = _field(question)

    def answers(self) -> dict[int, object]:
        return {
            question.pk: self.cleaned_data.get(name) for name, question in self.questions.items()
        }


def _field(question: Question) -> forms.Field:
    required = question.is_required
    if question.kind == Question.Kind.LIKERT:
        return forms.TypedChoiceField(
            label=question.text,
            choices=LIKERT_CHOICES,
            coerce=int,
            widget=forms.RadioSelect,
            required=required,
        )
    if question.kind == Question.Kind.NUMBER:
        return forms.FloatField(label=question.text, required=required)
    choices = [(choice, choice) for choice in question.choices]
    if question.kind == Question.Kind.SINGLE:
        return forms.ChoiceField(
            label=question.text, choices=choices, widget=forms.RadioSelect, required=required
        )
    if question.kind == Question.Kind.MULTIPLE:
        return forms.MultipleChoiceField(
            label=question.text,
            choices=choices,
            widget=forms.CheckboxSelectMultiple,
            required=required,
        )
    return forms.CharField(
        label=question.text,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        required=required,
        help_text="Shown to the programme team only without your name, and only alongside "
        "at least four other people's comments.",
    )


class AtRiskFilterForm(ListFilterForm):
    """The at-risk list's filters: the shared name search and status, and the reason."""

    reason = forms.ChoiceField(
        label="Reason", required=False, choices=[("", "Any"), *AT_RISK_REASONS.items()]
    )

    def __init__(self, data: Any = None) -> None:
        super().__init__(
            data,
            statuses=[("active", "Active"), ("paused", "Paused")],
            attention_label=None,
        )


class SelfAssessmentForm(forms.Form):
    """A coordinator's answer for one self-assessed item of the health check."""

    answer = forms.ChoiceField(
        label="Is this in place?",
        choices=SelfAssessment.Answer.choices,
        widget=forms.RadioSelect,
    )
    evidence = forms.CharField(
        label="Evidence",
        max_length=500,
        error_messages={"required": "Say briefly what shows this."},
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What shows this, in a sentence or two: for example the timetable or a "
        "policy. Do not name pupils or write anything confidential.",
    )

    def clean_evidence(self) -> str:
        evidence = self.cleaned_data["evidence"].strip()
        if not evidence:
            message = "Say briefly what shows this."
            raise forms.ValidationError(message)
        return evidence

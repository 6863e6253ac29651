from collections.abc import Callable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from tandem.accounts.models import User
from tandem.forms import (
    DatePartsField,
    DateTimePartsField,
    PeopleChoiceField,
    PersonChoiceField,
    add_errors,
    form_field,
    person_label,
)
from tandem.framework.keys import GroupFormat
from tandem.organisations.selectors import with_work_details
from tandem.programmes.models import Enrolment, Programme
from tandem.relationships.models import (
    Conversation,
    EvidenceItem,
    Goal,
    LearningAgreement,
    MemberRole,
    Observation,
    Relationship,
    TimeEntry,
)
from tandem.relationships.roles import roles_for
from tandem.relationships.services.agreement import AGREEMENT_FIELDS
from tandem.relationships.services.record import CONVERSATION_FIELDS, GOAL_FIELDS
from tandem.relationships.validators import (
    check_due_not_past,
    check_held_not_in_future,
    check_within_programme_to_date,
)
from tandem.uploads import check_upload


def _check(form: forms.BaseForm, check: Callable[..., None], **kwargs: Any) -> None:
    """Run one of relationships.validators' date rules and show its message on the form."""
    try:
        check(**kwargs)
    except ValidationError as error:
        add_errors(form, error)


class RelationshipForm(forms.Form):
    supporter = PersonChoiceField(
        queryset=User.objects.none(),
        empty_label="Choose a person",
        # person-picker.js adds a box that narrows the list as a name is typed.
        widget=forms.Select(attrs={"data-filterable": ""}),
    )
    supporter_assesses = forms.BooleanField(
        required=False,
        label="This person also assesses the learner",
        help_text="Advising and assessing conflict (NFER review, 2008, section 4.2.3).",
    )
    learners = PeopleChoiceField(queryset=User.objects.none(), widget=forms.CheckboxSelectMultiple)
    justification = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Justification for any conflict of interest",
        help_text="Needed if the mentor line-manages or assesses a learner.",
    )

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.programme = programme
        support_role, learner_role = roles_for(programme)
        approved = Enrolment.objects.approved().filter(programme=programme)
        supporters = User.objects.filter(
            pk__in=approved.filter(role__in=["mentor", "peer"]).values("user")
        ).order_by("full_name")
        learners = User.objects.filter(
            pk__in=approved.filter(role__in=["mentee", "peer"]).values("user")
        ).order_by("full_name")
        if learner_role == MemberRole.CO_COACH:
            supporters = learners = User.objects.filter(pk__in=approved.values("user")).order_by(
                "full_name"
            )
        form_field(self, "supporter", forms.ModelChoiceField).queryset = with_work_details(
            supporters
        )
        self.fields["supporter"].label = MemberRole(support_role).label
        form_field(self, "learners", forms.ModelChoiceField).queryset = with_work_details(learners)
        self.fields["learners"].label = (
            "Co-coach"
            if learner_role == MemberRole.CO_COACH
            else f"{MemberRole(learner_role).label}s"
        )
        self.fields["learners"].help_text = (
            "Choose one for a pair, or several for a group."
            if programme.group_format == GroupFormat.GROUP
            else "Choose one person."
        )
        self.support_role, self.learner_role = support_role, learner_role

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        learners = list(cleaned.get("learners") or [])
        supporter = cleaned.get("supporter")
        if supporter and supporter in learners:
            self.add_error("learners", "Someone cannot be paired with themself.")
        if self.programme.group_format != GroupFormat.GROUP and len(learners) > 1:
            self.add_error("learners", "This is a one-to-one programme: choose one person.")
        return cleaned

    def members(self) -> list[tuple[User, str, bool]]:
        data = self.cleaned_data
        return [(data["supporter"], self.support_role, data["supporter_assesses"])] + [
            (learner, self.learner_role, False) for learner in data["learners"]
        ]


class StatusForm(forms.Form):
    transition = forms.ChoiceField(
        choices=[
            ("activate", "Activate"),
            ("pause", "Pause"),
            ("resume", "Resume"),
            ("end", "End"),
        ],
        widget=forms.RadioSelect,
        label="Change status",
    )
    reason = forms.ChoiceField(
        choices=[("", "Choose a reason"), *Relationship.EndReason.choices],
        required=False,
        label="Reason for ending",
    )
    note = forms.CharField(required=False, max_length=500, label="Note (optional)")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("transition") == "end" and not cleaned.get("reason"):
            self.add_error("reason", "Choose why the relationship is ending.")
        return cleaned


class AgreementForm(forms.ModelForm):
    based_on = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    class Meta:
        model = LearningAgreement
        fields = AGREEMENT_FIELDS
        widgets = {
            name: forms.Textarea(attrs={"rows": 4})
            for name in [
                "purpose",
                "ground_rules",
                "confidentiality",
                "safeguarding_exceptions",
                "roles",
                "review_points",
                "ending_and_change",
            ]
        }


class GoalForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Goal
        fields = GOAL_FIELDS
        field_classes = {"target_on": DatePartsField}
        widgets = {
            "why_it_matters": forms.Textarea(attrs={"rows": 3}),
            "success_criteria": forms.Textarea(attrs={"rows": 3}),
        }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        # An overdue goal can still be edited as long as its date is left as it was.
        previous = self.instance.target_on if self.instance.pk else None
        _check(
            self,
            check_due_not_past,
            on=cleaned.get("target_on"),
            field="target_on",
            previous=previous,
        )
        return cleaned


class GoalUpdateForm(forms.Form):
    note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), max_length=2000, label="Progress"
    )
    progress_percent = forms.IntegerField(
        required=False, min_value=0, max_value=100, label="Progress so far (%)"
    )


class ConversationForm(forms.ModelForm):
    """Nothing is pre-filled that would record a meeting: saving the form untouched is
    refused, so an untouched form cannot add a "held, 60 minutes, now" conversation to the
    health check."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Conversation
        fields = CONVERSATION_FIELDS
        field_classes = {"starts_at": DateTimePartsField}
        widgets = {
            "status": forms.RadioSelect,
            "evidence_discussed": forms.Textarea(attrs={"rows": 3}),
            "summary": forms.Textarea(attrs={"rows": 6}),
        }
        labels = {"status": "Has this conversation happened?"}
        help_texts = {
            "summary": "Shared with every member of the relationship; never with coordinators.",
        }
        error_messages = {
            "status": {"required": "Say whether the conversation is planned, held or cancelled."},
            "starts_at": {"required": "Enter the date and time of the conversation."},
            "duration_minutes": {"required": "Enter how long the conversation lasts, in minutes."},
            "mode": {"required": "Choose how you meet."},
        }

    def __init__(self, *args: Any, usual_minutes: int | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Radios with no blank "---------" choice and none ticked.
        form_field(self, "status", forms.ChoiceField).choices = Conversation.Status.choices
        if usual_minutes:
            self.fields[
                "duration_minutes"
            ].help_text = f"The programme suggests {usual_minutes} minutes."

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        _check(
            self,
            check_held_not_in_future,
            status=cleaned.get("status", ""),
            starts_at=cleaned.get("starts_at"),
        )
        return cleaned


class MemberChoiceMixin(forms.Form):
    member_field: str  # the name of the form's person field

    def set_members(self, members: list[User]) -> None:
        choices = [("", "Choose a person")] + [
            (str(user.pk), person_label(user)) for user in members
        ]
        form_field(self, self.member_field, forms.ChoiceField).choices = choices
        self.members_by_id = {str(user.pk): user for user in members}


class AgendaItemForm(MemberChoiceMixin, forms.Form):
    member_field = "raised_by"
    text = forms.CharField(max_length=300, required=False, label="Agenda item")
    raised_by = forms.ChoiceField(required=False, label="Raised by")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("text") and not cleaned.get("raised_by"):
            self.add_error("raised_by", "Say who raised this item.")
        return cleaned


class ActionForm(MemberChoiceMixin, forms.Form):
    member_field = "owner"
    description = forms.CharField(max_length=300, required=False, label="Action")
    owner = forms.ChoiceField(required=False, label="Who")
    due_on = DatePartsField(required=False, label="Due")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("description") and not cleaned.get("owner"):
            self.add_error("owner", "Say who will do this.")
        return cleaned


class PrivateNoteForm(forms.Form):
    body = forms.CharField(
        # No browser draft (static/js/session.js): a private note is encrypted when stored
        # and must not sit in plain text in a browser someone else may use.
        widget=forms.Textarea(attrs={"rows": 5, "data-no-draft": ""}),
        required=False,
        max_length=8000,
        label="Private note",
        help_text="Only you can ever read this. It is encrypted when stored.",
    )


class ObservationForm(forms.ModelForm):
    class Meta:
        model = Observation
        fields = ["goal", "observed_on", "focus", "notes", "feedback", "follow_up"]
        field_classes = {"observed_on": DatePartsField}
        widgets = {
            "notes": forms.Textarea(attrs={"rows": 4}),
            "feedback": forms.Textarea(attrs={"rows": 4}),
            "follow_up": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {"goal": "Linked goal"}

    def __init__(self, *args: Any, relationship: Relationship, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        form_field(self, "goal", forms.ModelChoiceField).queryset = relationship.goals.all()
        self.programme = relationship.programme

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.instance.pk and cleaned.get("observed_on") == self.instance.observed_on:
            return cleaned  # a correction that keeps the date is always allowed
        _check(
            self,
            check_within_programme_to_date,
            on=cleaned.get("observed_on"),
            programme=self.programme,
            field="observed_on",
        )
        return cleaned


class EvidenceForm(forms.ModelForm):
    link = forms.URLField(required=False, assume_scheme="https", label="Link")

    class Meta:
        model = EvidenceItem
        fields = ["title", "description", "file", "link", "goals"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "goals": forms.CheckboxSelectMultiple,
        }
        help_texts = {"file": "PDF, PNG, JPEG or Word (.docx), up to 10 MB."}
        labels = {"goals": "Linked goals"}

    def __init__(self, *args: Any, relationship: Relationship, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        form_field(self, "goals", forms.ModelChoiceField).queryset = relationship.goals.all()
        self.fields["goals"].required = False

    def clean_file(self) -> object:
        return check_upload(self.cleaned_data.get("file"))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("file") and not cleaned.get("link") and not self.errors.get("file"):
            self.add_error("file", "Upload a file or give a link.")
        return cleaned


class TimeEntryForm(forms.ModelForm):
    class Meta:
        model = TimeEntry
        fields = ["kind", "minutes", "spent_on", "note"]
        field_classes = {"spent_on": DatePartsField}

    def __init__(self, *args: Any, relationship: Relationship, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.programme = relationship.programme

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.instance.pk and cleaned.get("spent_on") == self.instance.spent_on:
            return cleaned  # a correction that keeps the date is always allowed
        _check(
            self,
            check_within_programme_to_date,
            on=cleaned.get("spent_on"),
            programme=self.programme,
            field="spent_on",
        )
        return cleaned


class ChangeRequestForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=2000,
        label="Anything you want the coordinator to know (optional)",
        help_text="Only the programme's coordinators see this. Your mentor is not told.",
    )


class ResolveChangeForm(forms.Form):
    end_relationship = forms.BooleanField(
        required=False,
        initial=True,
        label="End the current relationship (its record is kept)",
    )
    note = forms.CharField(required=False, max_length=500, label="Note to the person who asked")

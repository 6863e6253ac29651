import datetime as dt
from typing import Any

from django import forms
from django.db import models
from django.db.models import Q
from django.utils import timezone

from tandem.accounts.models import User
from tandem.forms import DatePartsField, form_field
from tandem.organisations.models import Membership, Organisation, Partnership
from tandem.people.models import ProfileCareerStage
from tandem.programmes.choices import MentorStyle
from tandem.programmes.models import Enrolment, PlannedActivity, Programme, Spending
from tandem.programmes.models_funding import Term
from tandem.programmes.services import PROGRAMME_FIELDS, PROGRAMME_M2M_FIELDS
from tandem.programmes.templates_catalogue import ProgrammeTemplate


def split_emails(value: str) -> list[str]:
    emails = []
    for raw in value.replace(",", "\n").replace(";", "\n").splitlines():
        email = raw.strip().lower()
        if email and email not in emails:
            emails.append(email)
    return emails


class ProgrammeForm(forms.ModelForm):
    organisations = forms.ModelMultipleChoiceField(
        queryset=Organisation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text="The organisations whose staff take part.",
    )
    mentor_styles = forms.MultipleChoiceField(
        choices=MentorStyle.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Mentor styles expected",
        help_text="From the NFER review's descriptions of mentoring models (Table 2.1).",
    )
    mentor_career_stages = forms.MultipleChoiceField(
        choices=ProfileCareerStage.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Mentor career stages",
        help_text="Leave empty to accept any career stage.",
    )
    eligible_career_stages = forms.MultipleChoiceField(
        choices=ProfileCareerStage.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Learners' career stages",
        help_text="Who may join as a mentee or co-coach. Leave empty to accept any stage.",
    )
    other_coordinators = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Other coordinators (steering group)",
        help_text="Email addresses, one per line. Each must belong to one of the organisations.",
    )

    class Meta:
        model = Programme
        # What the services write, plus the organisations the views pass to them separately.
        fields = [*PROGRAMME_FIELDS, *PROGRAMME_M2M_FIELDS, "organisations"]
        field_classes = {"starts_on": DatePartsField, "ends_on": DatePartsField}
        widgets = {
            "aims": forms.Textarea(attrs={"rows": 4}),
            "cpd_fit": forms.Textarea(attrs={"rows": 3}),
            "eligible_phases": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        coordinated = Membership.objects.current().filter(
            user=user, access__in=[Membership.Access.COORDINATOR, Membership.Access.LEADER]
        )
        organisations = Q(pk__in=coordinated.values("organisation"))
        if self.instance.pk:
            organisations |= Q(programmes=self.instance)
            self.initial["other_coordinators"] = "\n".join(
                person.email for person in self.instance.coordinators.exclude(pk=user.pk)
            )
        organisations_field = form_field(self, "organisations", forms.ModelChoiceField)
        organisations_field.queryset = Organisation.objects.filter(organisations).distinct()
        partnership_field = form_field(self, "partnership", forms.ModelChoiceField)
        partnership_field.queryset = Partnership.objects.filter(
            members__organisation__in=coordinated.values("organisation")
        ).distinct()
        for name in (
            "meeting_every_days",
            "meeting_minutes",
            "mentor_minutes_per_week",
            "mentee_minutes_per_week",
        ):
            # The model's bounds, with their specific messages, instead of the generic
            # "greater than or equal to 0" a positive number field adds for 0 and below.
            rhythm_field = form_field(self, name, forms.IntegerField)
            model_field = Programme._meta.get_field(name)
            assert isinstance(model_field, models.Field)  # noqa: S101 - a column, by name
            rhythm_field.validators = list(model_field.validators)
        for name in ("mentor_minutes_per_week", "mentee_minutes_per_week"):
            # Left empty: no protected time set (0), as for a programme saved before.
            self.fields[name].required = False
        self.fields["partnership"].required = False
        self.fields["partnership"].help_text = "For a cross-organisation scheme."
        self.acting_user = user

    def clean_mentor_minutes_per_week(self) -> int:
        return self.cleaned_data.get("mentor_minutes_per_week") or 0

    def clean_mentee_minutes_per_week(self) -> int:
        return self.cleaned_data.get("mentee_minutes_per_week") or 0

    def clean_other_coordinators(self) -> list[User]:
        emails = split_emails(self.cleaned_data["other_coordinators"])
        people = {person.email: person for person in User.objects.filter(email__in=emails)}
        unknown = [email for email in emails if email not in people]
        if unknown:
            message = f"No Tandem account for {', '.join(unknown)}."
            raise forms.ValidationError(message)
        return list(people.values())

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        organisations = cleaned.get("organisations")
        coordinators = cleaned.get("other_coordinators") or []
        if organisations is not None and coordinators:
            members = set(
                Membership.objects.current()
                .filter(organisation__in=organisations, user__in=coordinators)
                .values_list("user_id", flat=True)
            )
            outside = [person.email for person in coordinators if person.pk not in members]
            if outside:
                self.add_error(
                    "other_coordinators",
                    f"Not a member of the programme's organisations: {', '.join(outside)}.",
                )
        return cleaned


def initial_from_template(template: ProgrammeTemplate | None) -> dict[str, object]:
    today = timezone.localdate()
    if template is None:
        return {"starts_on": today, "ends_on": today + dt.timedelta(weeks=26)}
    return template.programme_fields(starts_on=today)


class InviteForm(forms.Form):
    emails = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5}),
        label="Email addresses",
        help_text="One person, or many: one address per line.",
    )
    role = forms.ChoiceField(choices=Enrolment.Role.choices)
    capacity = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=12,
        label="How many mentees each can support",
        help_text="Mentors and co-coaches only: from 1 to 12. Leave empty for 1.",
    )

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.programme = programme

    def clean_emails(self) -> list[User]:
        emails = split_emails(self.cleaned_data["emails"])
        if len(emails) > 500:
            message = f"Invite at most 500 people at a time; you entered {len(emails)}."
            raise forms.ValidationError(message)
        organisations = Organisation.objects.filter(
            Q(programmes=self.programme)
            | Q(partnership_memberships__partnership__programmes=self.programme)
        )
        people = {
            person.email: person
            for person in User.objects.filter(
                email__in=emails,
                is_active=True,
                memberships__ended_on__isnull=True,
                memberships__organisation__in=organisations,
            ).distinct()
        }
        missing = [email for email in emails if email not in people]
        if missing:
            message = (
                "These addresses are not current members of the programme's organisations: "
                f"{', '.join(missing[:10])}{'…' if len(missing) > 10 else ''}."
            )
            raise forms.ValidationError(message)
        return [people[email] for email in emails]


class ApplicationForm(forms.ModelForm):
    class Meta:
        model = Enrolment
        fields = [
            "role",
            "focus_areas",
            "initial_goals",
            "preferences",
            "capacity",
            "expertise",
            "availability_note",
        ]
        widgets = {
            "focus_areas": forms.Textarea(attrs={"rows": 3}),
            "initial_goals": forms.Textarea(attrs={"rows": 3}),
            "preferences": forms.Textarea(attrs={"rows": 3}),
            "expertise": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {"role": "Apply as"}
        help_texts = {
            "focus_areas": "Mentees: what you want to work on.",
            "initial_goals": "Mentees: one or two goals to start with.",
            "capacity": "Mentors: how many people you could support.",
            "expertise": "Mentors: what you could offer.",
        }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        role = cleaned.get("role")
        if (
            role in {Enrolment.Role.MENTEE, Enrolment.Role.PEER}
            and not cleaned.get("focus_areas", "").strip()
        ):
            self.add_error("focus_areas", "Say what you would like to work on.")
        if (
            role in {Enrolment.Role.MENTOR, Enrolment.Role.PEER}
            and not cleaned.get("expertise", "").strip()
        ):
            self.add_error("expertise", "Say what you could offer as a mentor or coach.")
        return cleaned


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("approve", "Approve"), ("decline", "Decline")], widget=forms.RadioSelect
    )
    note = forms.CharField(
        required=False,
        max_length=500,
        label="Note",
        help_text="Needed when approving a mentor who does not meet every requirement.",
    )
    capacity = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=12,
        label="How many mentees",
        help_text="Mentors: how many people they can support (1 to 12).",
    )


class CapacityForm(forms.Form):
    capacity = forms.IntegerField(
        min_value=1,
        max_value=12,
        label="How many mentees",
        error_messages={
            "required": "Enter how many mentees this mentor can support, from 1 to 12.",
            "min_value": "A mentor supports at least 1 mentee.",
            "max_value": "A mentor can support at most 12 mentees.",
        },
    )


class BulkApprovalForm(forms.Form):
    """The confirmation step of "approve all who meet the requirements": the enrolments the
    page listed, so nobody is approved whom the coordinator did not see."""

    enrolments = forms.MultipleChoiceField(choices=[], widget=forms.MultipleHiddenInput)

    def __init__(self, *args: Any, approvable: list[Enrolment], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(str(enrolment.uuid), enrolment.user.full_name) for enrolment in approvable]
        form_field(self, "enrolments", forms.MultipleChoiceField).choices = choices
        self.initial["enrolments"] = [value for value, _label in choices]


class PlannedActivityForm(forms.ModelForm):
    term = forms.ChoiceField(choices=[])

    class Meta:
        model = PlannedActivity
        fields = ["term", "title", "planned_cost"]

    def __init__(self, *args: Any, terms: list[Term], **kwargs: Any) -> None:
        kwargs["prefix"] = "activity"
        super().__init__(*args, **kwargs)
        form_field(self, "term", forms.ChoiceField).choices = [
            (term.key, term.label) for term in terms
        ]


class SpendingForm(forms.ModelForm):
    confirm_overspend = forms.BooleanField(
        required=False,
        label="Record it anyway if it goes over the term's allowance",
    )

    class Meta:
        model = Spending
        fields = ["spent_on", "amount", "description", "activity"]
        field_classes = {"spent_on": DatePartsField}

    def __init__(self, *args: Any, enrolment: Enrolment, **kwargs: Any) -> None:
        kwargs["prefix"] = "spending"
        super().__init__(*args, **kwargs)
        # The model's own check that the activity is this participant's needs it.
        self.instance.enrolment = enrolment
        activity_field = form_field(self, "activity", forms.ModelChoiceField)
        activity_field.queryset = PlannedActivity.objects.filter(enrolment=enrolment)
        activity_field.empty_label = "Not one of the planned activities"

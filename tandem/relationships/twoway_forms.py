"""Forms for two-way learning, pupil outcomes and specialist referrals (issue 18, part 4)."""

from typing import Any

from django import forms
from django.db.models import Q

from tandem.accounts.models import User
from tandem.forms import DatePartsField, PersonChoiceField, form_field
from tandem.framework import keys
from tandem.framework.models import FrameworkItem
from tandem.organisations.models import Membership
from tandem.organisations.selectors import with_work_details
from tandem.programmes.models import Enrolment
from tandem.relationships.forms import GoalForm
from tandem.relationships.models import (
    LearningLogEntry,
    OwnLearningGoal,
    PupilOutcomeMeasure,
    Relationship,
)

MAX_PUPILS_IN_BAND = 2000


def framework_choices() -> list[tuple[str, str]]:
    """The ten principles and the effective features, by title (the Framework link)."""
    items = FrameworkItem.objects.filter(
        kind__in=[keys.Kind.PRINCIPLE, keys.Kind.EFFECTIVE_FEATURE]
    ).order_by("kind", "position", "title")
    return [(item.key, item.title) for item in items]


class OwnLearningGoalForm(forms.ModelForm):
    framework_keys = forms.MultipleChoiceField(
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Framework links (optional)",
    )

    class Meta:
        model = OwnLearningGoal
        fields = ["title", "how_i_will_know", "status", "framework_keys"]
        widgets = {"how_i_will_know": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = form_field(self, "framework_keys", forms.MultipleChoiceField)
        field.choices = [
            choice for choice in framework_choices() if choice[0] in set(keys.Principle)
        ]


class LearningLogEntryForm(forms.ModelForm):
    framework_key = forms.ChoiceField(required=False, label="Framework link (optional)")

    class Meta:
        model = LearningLogEntry
        fields = ["learned_on", "learned", "framework_key"]
        field_classes = {"learned_on": DatePartsField}
        widgets = {"learned": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = form_field(self, "framework_key", forms.ChoiceField)
        field.choices = [("", "None"), *framework_choices()]


class SharedGoalForm(GoalForm):
    """A goal in a co-coaching, co-mentoring or group relationship, which may be shared."""

    is_shared = forms.BooleanField(
        required=False,
        label="Shared goal: owned jointly by every learner in this relationship",
        help_text="Each of you can then change it and record progress on it.",
    )


class PupilOutcomeMeasureForm(forms.Form):
    name = forms.CharField(max_length=100, help_text="For example: reading attainment band.")
    description = forms.CharField(max_length=300, required=False, label="Description (optional)")
    scale = forms.ChoiceField(
        choices=PupilOutcomeMeasure.Scale.choices, widget=forms.RadioSelect, label="Measured as"
    )
    bands = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        label="Bands, lowest first, one a line",
        help_text="Only for counts per band, e.g. Working towards, Expected, Greater depth.",
    )

    def clean_bands(self) -> list[str]:
        lines = [line.strip() for line in self.cleaned_data.get("bands", "").splitlines()]
        return [line for line in lines if line]


class PupilOutcomeForm(forms.Form):
    """Class-level figures only: whole numbers, so no pupil's name can be typed in."""

    def __init__(self, *args: Any, measure: PupilOutcomeMeasure, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.measure = measure
        if measure.scale == PupilOutcomeMeasure.Scale.BANDS:
            for index, band in enumerate(measure.bands):
                self.fields[f"band_{index}"] = forms.IntegerField(
                    label=f"Pupils in “{band}”",
                    min_value=0,
                    max_value=MAX_PUPILS_IN_BAND,
                    initial=0,
                )
        else:
            self.fields["percentage"] = forms.IntegerField(
                label=f"{measure.name} for the class (%)", min_value=0, max_value=100
            )

    def figures(self) -> tuple[list[int], int | None]:
        if self.measure.scale == PupilOutcomeMeasure.Scale.BANDS:
            counts = [
                self.cleaned_data[f"band_{index}"] for index in range(len(self.measure.bands))
            ]
            return counts, None
        return [], self.cleaned_data["percentage"]


class ReferralForm(forms.Form):
    learner = PersonChoiceField(queryset=User.objects.none(), empty_label="Choose the learner")
    specialist = PersonChoiceField(
        queryset=User.objects.none(),
        empty_label="Choose a specialist coach",
        widget=forms.Select(attrs={"data-filterable": ""}),
    )
    focus_area = forms.CharField(max_length=200, help_text="What the specialist will help with.")
    note = forms.CharField(
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="What the specialist needs to know (optional)",
        help_text="The learner, the mentor and the specialist will see this.",
    )
    is_agreed_by_learner = forms.BooleanField(
        required=False, label="The learner has agreed to this referral"
    )

    def __init__(
        self, *args: Any, relationship: Relationship, by_coordinator: bool, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        programme = relationship.programme
        members = relationship.members.values("user")
        learners = User.objects.filter(
            relationship_members__relationship=relationship,
            relationship_members__role__in=["mentee", "coachee", "co-coach"],
        ).order_by("full_name")
        form_field(self, "learner", forms.ModelChoiceField).queryset = learners
        people = (
            User.objects.filter(
                Q(
                    pk__in=Membership.objects.current()
                    .filter(organisation__in=programme.organisations.all())
                    .values("user")
                )
                | Q(pk__in=Enrolment.objects.filter(programme=programme).values("user"))
            )
            .exclude(pk__in=members)
            .order_by("full_name")
        )
        form_field(self, "specialist", forms.ModelChoiceField).queryset = with_work_details(people)
        if by_coordinator:
            del self.fields["is_agreed_by_learner"]
        else:
            self.fields["is_agreed_by_learner"].required = True

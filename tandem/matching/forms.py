from typing import Any

from django import forms
from django.db.models import QuerySet

from tandem.accounts.models import User
from tandem.forms import PeopleChoiceField, PersonChoiceField, PlainLabelsMixin
from tandem.matching.engine.criteria import CRITERION_LABELS, Criterion
from tandem.matching.models import MatchSettings, RunMode, ShortlistOffer
from tandem.matching.services import MAX_WEIGHT, MentorChoice

# Coordinator-facing names: the explanation labels speak to mentees ("your focus areas").
CRITERION_NAMES = {
    Criterion.PHASE: "Phase of education",
    Criterion.SUBJECT: "Subject",
    Criterion.EXPERTISE_TAGS: "Mentor expertise against the mentee's focus areas (tags)",
    Criterion.EXPERTISE_TEXT: "Mentor expertise against the mentee's goals (wording)",
    Criterion.EXPERIENCE_GAP: "Difference in experience",
    Criterion.CAREER_STAGE: "Career stage",
    Criterion.SECTOR: "Same or different sector",
    Criterion.ORGANISATION: "Internal or external mentor",
    Criterion.GEOGRAPHY: "Region",
    Criterion.AVAILABILITY: "Shared free times",
    Criterion.LANGUAGE: "Shared language",
    Criterion.MENTEE_PREFERENCE: "The mentee's stated preferences",
    Criterion.MENTOR_TRAINING: "Mentor has recorded training",
}
assert set(CRITERION_NAMES) == set(CRITERION_LABELS)  # noqa: S101 - every criterion is named


def weight_field_name(criterion: Criterion) -> str:
    return "weight_" + criterion.value.replace("-", "_")


class SettingsForm(PlainLabelsMixin, forms.ModelForm):
    """The programme's matching settings, with one weight field per criterion."""

    class Meta:
        model = MatchSettings
        fields = [
            "policy",
            "quality_penalty",
            "min_score",
            "sector_rule",
            "organisation_rule",
            "require_phase",
            "require_subject",
            "require_language",
            "require_region",
            "shortlist_size",
            "response_days",
        ]
        widgets = {"policy": forms.RadioSelect}
        labels = {"policy": "When not everyone can have a strong match"}

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        policy = self.fields["policy"]
        assert isinstance(policy, forms.ChoiceField)  # noqa: S101 - a model choice field
        policy.choices = [
            ("place-everyone", "Place everyone who can be placed, then maximise match quality"),
            (
                "quality",
                "Highest match quality: leave a mentee unplaced rather than force a weak pair",
            ),
        ]
        weights = self.instance.weights or {}
        for criterion in Criterion:
            self.fields[weight_field_name(criterion)] = forms.DecimalField(
                label=CRITERION_NAMES[criterion],
                min_value=0,
                max_value=MAX_WEIGHT,
                decimal_places=1,
                required=False,
                initial=weights.get(criterion.value, 0),
                help_text=f"0 (ignore) to {MAX_WEIGHT}",
                widget=forms.NumberInput(attrs={"step": "0.5", "inputmode": "decimal"}),
            )

    def weight_fields(self) -> list:
        return [self[weight_field_name(criterion)] for criterion in Criterion]

    def rule_fields(self) -> list:
        return [self[name] for name in self.Meta.fields]

    def weights(self) -> dict[str, float]:
        return {
            criterion.value: float(self.cleaned_data[weight_field_name(criterion)] or 0)
            for criterion in Criterion
        }


class RunForm(PlainLabelsMixin, forms.Form):
    mode = forms.ChoiceField(
        label="How to match",
        choices=[
            (
                RunMode.ALLOCATION,
                "Optimal allocation: Tandem proposes every pair for you to review",
            ),
            (RunMode.SHORTLIST, "Mentee choice: each mentee chooses from a shortlist"),
        ],
        widget=forms.RadioSelect,
        initial=RunMode.ALLOCATION,
    )


class RematchForm(PlainLabelsMixin, forms.Form):
    mentees = PeopleChoiceField(
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        label="Mentees to rematch",
        help_text="Everyone else keeps their mentor. Those who asked for a change are ticked.",
        error_messages={"required": "Tick at least one mentee to rematch."},
    )

    def __init__(self, *args: Any, mentees: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["mentees"]
        assert isinstance(field, forms.ModelMultipleChoiceField)  # noqa: S101 - declared above
        field.queryset = mentees


class ProposalForm(PlainLabelsMixin, forms.Form):
    mentor = forms.ChoiceField(label="Mentor", required=False)

    def __init__(self, *args: Any, choices: list[MentorChoice], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        options = [("", "Leave this mentee unplaced")]
        for choice in choices:
            if choice.barred:
                note = "not allowed: " + "; ".join(choice.barred)
            else:
                note = f"score {choice.points / 100:.0f}%, {choice.places_left} place(s) left"
            options.append((str(choice.user_id), f"{choice.name} ({note})"))
        field = self.fields["mentor"]
        assert isinstance(field, forms.ChoiceField)  # noqa: S101 - declared above
        field.choices = options


class PreferenceForm(PlainLabelsMixin, forms.Form):
    """Up to three mentors a mentee would like, in order (all optional; the service refuses
    the same mentor twice)."""

    RANKS = (("first", "First choice"), ("second", "Second choice"), ("third", "Third choice"))

    def __init__(
        self, *args: Any, mentors: QuerySet[User], initial_ranks: dict[int, int], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        for position, (name, label) in enumerate(self.RANKS, start=1):
            self.fields[name] = PersonChoiceField(
                queryset=mentors,
                required=False,
                label=label,
                empty_label="No preference",
                initial=initial_ranks.get(position),
            )

    def ranked(self) -> list[User | None]:
        return [self.cleaned_data.get(name) for name, _label in self.RANKS]


class RankForm(PlainLabelsMixin, forms.Form):
    """Up to three of the mentee's suggestions in the order they would like them asked."""

    RANKS = PreferenceForm.RANKS

    def __init__(self, *args: Any, offers: list[ShortlistOffer], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.offers = {str(offer.uuid): offer for offer in offers}
        options = [("", "No one")] + [
            (key, offer.mentor.full_name) for key, offer in self.offers.items()
        ]
        initial = {offer.choice_rank: str(offer.uuid) for offer in offers if offer.choice_rank}
        for position, (name, label) in enumerate(self.RANKS, start=1):
            self.fields[name] = forms.ChoiceField(
                choices=options,
                required=position == 1,
                label=label,
                initial=initial.get(position, ""),
                error_messages={"required": "Choose at least your first choice."},
            )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        picked = [cleaned[name] for name, _label in self.RANKS if cleaned.get(name)]
        if len(set(picked)) != len(picked):
            self.add_error(None, "Choose each mentor once only.")
        return cleaned

    def ranked(self) -> list[ShortlistOffer]:
        return [
            self.offers[self.cleaned_data[name]]
            for name, _label in self.RANKS
            if self.cleaned_data.get(name)
        ]


MIX_CHOICES = [
    ("any", "No preference"),
    ("similar", "Similar members together"),
    ("diverse", "A mix of members"),
]


class GroupRunForm(PlainLabelsMixin, forms.Form):
    """A group run's size and mix: where the engine starts, the coordinator decides."""

    min_size = forms.IntegerField(
        label="Smallest group",
        min_value=1,
        max_value=30,
        help_text="Members, not counting the facilitator.",
    )
    max_size = forms.IntegerField(label="Largest group", min_value=1, max_value=30)
    phase_mix = forms.ChoiceField(label="Phases of education", choices=MIX_CHOICES)
    subject_mix = forms.ChoiceField(label="Subjects", choices=MIX_CHOICES)
    experience_mix = forms.ChoiceField(label="Experience (career stage)", choices=MIX_CHOICES)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        smallest, largest = cleaned.get("min_size"), cleaned.get("max_size")
        if smallest is not None and largest is not None and smallest > largest:
            self.add_error("max_size", "The largest group cannot be smaller than the smallest.")
        return cleaned

from typing import Any

from django import forms
from django.utils import timezone

from tandem.accounts.models import User
from tandem.casestudies.models import CaseStudy, IdentifiablePerson
from tandem.casestudies.services import EDITABLE_FIELDS, STYLE_KEYS, TAG_KEYS
from tandem.forms import DatePicker, PlainLabelsMixin, form_field, person_label
from tandem.framework import content, keys
from tandem.organisations.models import Membership, Organisation, OrganisationSector, Phase
from tandem.programmes.choices import Approach, GroupFormat, Pairing
from tandem.programmes.models import Programme


def tag_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """The Framework items a case study may illustrate, grouped by kind."""
    return [
        ("Principles", [(key.value, content.TITLES[key]) for key in keys.Principle]),
        ("Effective features", [(key.value, content.TITLES[key]) for key in keys.EffectiveFeature]),
        ("Challenges", [(key.value, content.TITLES[key]) for key in keys.Challenge]),
    ]


class StartForm(PlainLabelsMixin, forms.Form):
    organisation = forms.ModelChoiceField(queryset=Organisation.objects.none())
    programme = forms.ModelChoiceField(
        queryset=Programme.objects.none(),
        required=False,
        label="Programme it is about (optional)",
        help_text="Its model is filled in for you, and you may cite its report's figures.",
    )
    title = forms.CharField(max_length=200)
    summary = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=600,
        help_text="Two or three sentences: what you did and what changed.",
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organisations = Organisation.objects.with_member(user).order_by("name")
        form_field(self, "organisation", forms.ModelChoiceField).queryset = organisations
        form_field(self, "programme", forms.ModelChoiceField).queryset = (
            Programme.objects.filter(organisations__in=organisations).distinct().order_by("name")
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        organisation, programme = data.get("organisation"), data.get("programme")
        if (
            organisation
            and programme
            and not programme.organisations.filter(pk=organisation.pk).exists()
        ):
            self.add_error("programme", "Choose a programme of the organisation you chose.")
        return data


class CaseStudyForm(PlainLabelsMixin, forms.ModelForm):
    mentor_styles = forms.MultipleChoiceField(
        choices=[(key.value, content.TITLES[key]) for key in keys.MentorStyle],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="The mentor styles the programme used (the review's Table 2.1).",
    )
    tags = forms.MultipleChoiceField(
        label="Framework items it illustrates",
        choices=tag_choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    authors = forms.ModelMultipleChoiceField(
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Colleagues who wrote it with you. You stay an author.",
    )

    class Meta:
        model = CaseStudy
        fields = EDITABLE_FIELDS  # the same list the service saves
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "context": forms.Textarea(attrs={"rows": 6}),
            "what_they_did": forms.Textarea(attrs={"rows": 8}),
            "challenges": forms.Textarea(attrs={"rows": 6}),
            "what_worked": forms.Textarea(attrs={"rows": 6}),
            "evidence_of_impact": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        members = Membership.objects.current().filter(organisation=self.instance.organisation_id)
        authors = self.fields["authors"]
        authors.queryset = User.objects.filter(  # type: ignore[attr-defined]
            pk__in=members.values("user")
        ).order_by("full_name")
        authors.label_from_instance = person_label  # type: ignore[attr-defined]
        if self.instance.pk:
            self.initial["authors"] = list(self.instance.authors.all())

    def clean_tags(self) -> list[str]:
        return [tag for tag in self.cleaned_data["tags"] if tag in TAG_KEYS]

    def clean_mentor_styles(self) -> list[str]:
        return [style for style in self.cleaned_data["mentor_styles"] if style in STYLE_KEYS]


class PersonForm(PlainLabelsMixin, forms.ModelForm):
    user = forms.ModelChoiceField(
        queryset=User.objects.none(),
        required=False,
        label="Their Tandem account (if they have one here)",
    )

    class Meta:
        model = IdentifiablePerson
        fields = ["name", "role", "email", "user"]

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        members = Membership.objects.current().filter(organisation=organisation)
        field = self.fields["user"]
        field.queryset = User.objects.filter(pk__in=members.values("user")).order_by("full_name")  # type: ignore[attr-defined]
        field.label_from_instance = person_label  # type: ignore[attr-defined]


class ConsentForm(PlainLabelsMixin, forms.Form):
    consent = forms.ChoiceField(
        label="Their decision",
        choices=[
            (IdentifiablePerson.Consent.GIVEN, "They consent to being identifiable"),
            (IdentifiablePerson.Consent.REFUSED, "They refuse"),
        ],
        widget=forms.RadioSelect,
    )
    how = forms.CharField(
        label="How they told you",
        max_length=200,
        help_text="For example: signed consent form, reply by email.",
    )
    decided_on = forms.DateField(label="Date of their decision", widget=DatePicker)

    def clean_decided_on(self) -> Any:
        decided_on = self.cleaned_data["decided_on"]
        if decided_on > timezone.localdate():
            raise forms.ValidationError("The date cannot be in the future.")
        return decided_on


class CommentForm(PlainLabelsMixin, forms.Form):
    comment = forms.CharField(
        label="What the authors should change",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
    )


class WithdrawForm(PlainLabelsMixin, forms.Form):
    reason = forms.CharField(
        label="Why it is withdrawn",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
    )


class FigureForm(PlainLabelsMixin, forms.Form):
    ref = forms.ChoiceField(label="Figure", widget=forms.RadioSelect)

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["ref"].choices = choices  # type: ignore[attr-defined]


class PublicFilterForm(PlainLabelsMixin, forms.Form):
    """The public list's filters: plain GET fields that work without JavaScript."""

    q = forms.CharField(label="Search", required=False, max_length=100)
    sector = forms.ChoiceField(required=False)
    phase = forms.ChoiceField(required=False)
    approach = forms.ChoiceField(required=False)
    group_format = forms.ChoiceField(label="One-to-one or group", required=False)
    pairing = forms.ChoiceField(required=False)
    item = forms.ChoiceField(label="Framework item", required=False)

    def __init__(self, *args: Any, phases: list[Phase], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        any_ = ("", "Any")
        choices: dict[str, Any] = {
            "sector": [any_, *OrganisationSector.choices],
            "phase": [any_, *((phase.key, phase.name) for phase in phases)],
            "approach": [any_, *Approach.choices],
            "group_format": [any_, *GroupFormat.choices],
            "pairing": [any_, *Pairing.choices],
            "item": [any_, *tag_choices()],
        }
        for name, options in choices.items():
            self.fields[name].choices = options  # type: ignore[attr-defined]

    def chosen(self) -> dict[str, str]:
        if not self.is_bound or not self.is_valid():
            return {}
        return {
            key: value.strip()
            for key, value in self.cleaned_data.items()
            if value and value.strip()
        }

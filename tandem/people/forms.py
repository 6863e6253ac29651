from typing import Any

from django import forms
from django.utils import timezone

from tandem.accounts.models import User
from tandem.forms import DatePartsField, PlainLabelsMixin
from tandem.organisations.models import Phase
from tandem.people.availability import SLOTS, codes_from_mask, mask_from_codes
from tandem.people.models import (
    Language,
    MentorTrainingRecord,
    Profile,
    Subject,
    postcode_district_validator,
)
from tandem.uploads import check_upload

MAX_TAGS = 20


def split_tags(value: str) -> list[str]:
    names: list[str] = []
    for raw in value.replace(";", ",").split(","):
        name = " ".join(raw.split())
        if name and name.lower() not in {existing.lower() for existing in names}:
            names.append(name)
    return names


class TagField(forms.CharField):
    """Comma-separated tags typed freely; cleaned to a list of distinct names."""

    def to_python(self, value: object) -> list[str]:  # type: ignore[override]
        return split_tags(str(value or ""))

    def prepare_value(self, value: object) -> str:
        if isinstance(value, list | tuple):
            return ", ".join(str(item) for item in value)
        return str(value or "")

    def validate(self, value: list[str]) -> None:
        if self.required and not value:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        if len(value) > MAX_TAGS:
            message = f"Enter at most {MAX_TAGS} items; you entered {len(value)}."
            raise forms.ValidationError(message)
        too_long = [name for name in value if len(name) > 60]
        if too_long:
            message = f"Keep each item under 60 characters: {too_long[0][:30]}… is too long."
            raise forms.ValidationError(message)


class ProfileForm(PlainLabelsMixin, forms.ModelForm):
    full_name = forms.CharField(max_length=150)
    preferred_name = forms.CharField(
        max_length=80, required=False, help_text="What colleagues call you, if not your first name."
    )
    phases = forms.ModelMultipleChoiceField(
        queryset=Phase.objects.all(), required=False, widget=forms.CheckboxSelectMultiple
    )
    subjects = forms.ModelMultipleChoiceField(
        queryset=Subject.objects.all(), required=False, widget=forms.CheckboxSelectMultiple
    )
    languages = forms.ModelMultipleChoiceField(
        queryset=Language.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Languages you could mentor or be mentored in.",
    )
    expertise = TagField(
        required=False,
        help_text="Separate items with commas, for example: behaviour, SEND, early reading.",
    )
    interests = TagField(
        required=False, help_text="What you would like to develop. Separate items with commas."
    )
    availability = forms.MultipleChoiceField(
        choices=SLOTS,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="When you could usually meet.",
    )
    postcode_district = forms.CharField(
        required=False,
        max_length=10,
        help_text="The first half of a postcode only (for example LS6): never a full address.",
    )
    diversity_consent = forms.BooleanField(
        required=False,
        label="I agree that Tandem may hold the optional diversity information below",
        help_text=(
            "Used only for matching preferences you ask for and for anonymous totals. "
            "Nobody else can see your answers. Untick to delete them."
        ),
    )

    class Meta:
        model = Profile
        fields = [
            "career_stage",
            "years_in_profession",
            "years_in_role",
            "phases",
            "subjects",
            "expertise",
            "interests",
            "languages",
            "region",
            "postcode_district",
            "availability",
            "bio",
            "is_open_to_mentoring",
            "gender",
            "ethnic_group",
            "disability",
        ]
        widgets = {"bio": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["full_name"].initial = user.full_name
        self.fields["preferred_name"].initial = user.preferred_name
        if self.instance.pk:
            self.initial["expertise"] = [tag.name for tag in self.instance.expertise.all()]
            self.initial["interests"] = [tag.name for tag in self.instance.interests.all()]
            self.initial["availability"] = codes_from_mask(self.instance.availability)
            self.initial["diversity_consent"] = self.instance.diversity_consented_at is not None
        self.order_fields(["full_name", "preferred_name", *self.Meta.fields])
        self.fields["postcode_district"].widget.attrs["autocomplete"] = "postal-code"
        self.fields["full_name"].widget.attrs["autocomplete"] = "name"

    def clean_postcode_district(self) -> str:
        value = self.cleaned_data["postcode_district"].strip().upper()
        if value:
            postcode_district_validator(value)
        return value

    def clean_availability(self) -> int:
        return mask_from_codes(self.cleaned_data["availability"])

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        consent = cleaned.get("diversity_consent")
        if consent:
            self.instance.diversity_consented_at = (
                self.instance.diversity_consented_at or timezone.now()
            )
        else:
            # Withdrawing consent deletes the answers (data minimisation).
            self.instance.diversity_consented_at = None
            for name in ("gender", "ethnic_group", "disability"):
                if cleaned.get(name):
                    self.add_error(name, "Tick the consent box to record this, or leave it blank.")
        return cleaned


class TrainingRecordForm(PlainLabelsMixin, forms.ModelForm):
    evidence_url = forms.URLField(
        label="Link to evidence",
        required=False,
        assume_scheme="https",
        help_text="Optional: a link to a certificate or course record.",
    )

    class Meta:
        model = MentorTrainingRecord
        fields = [
            "course",
            "provider",
            "completed_on",
            "hours",
            "is_accredited",
            "expires_on",
            "evidence_url",
            "evidence_file",
        ]
        field_classes = {"completed_on": DatePartsField, "expires_on": DatePartsField}
        help_texts = {
            "completed_on": "The date you finished the course.",
            "hours": "Total hours of training, for example 12 or 7.5.",
            "evidence_file": "Optional certificate: PDF, PNG, JPEG or Word, up to 10 MB.",
        }

    def clean_evidence_file(self) -> object:
        return check_upload(self.cleaned_data.get("evidence_file"))

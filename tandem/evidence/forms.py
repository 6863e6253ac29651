"""Forms for evidence bases: set-up, team, imports, sources, reviews and moderation."""

from typing import Any

from django import forms

from tandem.accounts.models import User
from tandem.evidence import references
from tandem.evidence.models import (
    APPENDIX_C_FIELDS,
    APPENDIX_C_NAMES,
    STRENGTH_MEANINGS,
    ImportFormat,
    LiteratureBase,
    Source,
    SourceReview,
    Strength,
    TeamRole,
)
from tandem.forms import PersonChoiceField, PlainLabelsMixin, form_field
from tandem.framework.keys import KEYS_OF_KIND, Kind
from tandem.framework.models import FrameworkItem
from tandem.organisations.models import Membership, Organisation, Partnership

# The kinds of Framework item a source's evidence is tagged to.
TAG_KINDS = [
    Kind.PRINCIPLE,
    Kind.CORE_CONCEPT,
    Kind.APPROACH,
    Kind.EFFECTIVE_FEATURE,
    Kind.CHALLENGE,
    Kind.IMPACT,
]


def tag_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """Framework items to tag, grouped by kind, valued "kind:key"."""
    items = FrameworkItem.objects.filter(kind__in=TAG_KINDS).only("kind", "key", "title")
    groups: dict[str, list[tuple[str, str]]] = {}
    for item in items:
        if item.key in KEYS_OF_KIND[Kind(item.kind)]:
            groups.setdefault(item.get_kind_display(), []).append(
                (f"{item.kind}:{item.key}", item.title)
            )
    return list(groups.items())


def strength_choices() -> list[tuple[str, str]]:
    return [
        (value, f"{label}: {STRENGTH_MEANINGS[Strength(value)]}")
        for value, label in Strength.choices
    ]


class BaseForm(PlainLabelsMixin, forms.ModelForm):
    class Meta:
        model = LiteratureBase
        fields = ["title", "organisation", "partnership", "description"]

    def __init__(self, *args: Any, organisations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        form_field(self, "organisation", forms.ModelChoiceField).queryset = organisations
        form_field(
            self, "partnership", forms.ModelChoiceField
        ).queryset = Partnership.objects.filter(members__organisation__in=organisations).distinct()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        partnership, organisation = data.get("partnership"), data.get("organisation")
        if (
            partnership
            and organisation
            and not partnership.members.filter(organisation=organisation).exists()
        ):
            self.add_error("partnership", f"{organisation} is not in {partnership}.")
        return data


class TeamMemberForm(PlainLabelsMixin, forms.Form):
    user = PersonChoiceField(queryset=User.objects.none(), label="Person")
    role = forms.ChoiceField(choices=TeamRole.choices, initial=TeamRole.REVIEWER)

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        members = Membership.objects.current().filter(organisation=organisation)
        form_field(self, "user", forms.ModelChoiceField).queryset = User.objects.filter(
            memberships__in=members
        ).distinct()


class ImportForm(PlainLabelsMixin, forms.Form):
    file_format = forms.ChoiceField(
        label="What are you adding?",
        choices=ImportFormat.choices,
        widget=forms.RadioSelect,
        initial=ImportFormat.RIS,
    )
    file = forms.FileField(
        label="Reference file",
        required=False,
        help_text="A .ris or .bib file exported from your reference manager, up to 2 MB.",
    )
    dois = forms.CharField(
        label="DOIs",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="One a line, for example 10.1080/13632430500036231. Tandem stores them; "
        "you complete each source's details.",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        file_format = data.get("file_format")
        upload = data.get("file")
        if file_format == ImportFormat.DOI:
            if not (data.get("dois") or "").strip():
                self.add_error("dois", "Paste at least one DOI, one a line.")
        elif upload is None:
            self.add_error("file", "Choose the file to import.")
        elif upload.size > references.MAX_BYTES:
            size = upload.size / 1_000_000
            self.add_error(
                "file",
                f"The file is {size:.1f} MB; the most Tandem reads at once is 2 MB. Split it.",
            )
        return data


class SourceForm(PlainLabelsMixin, forms.ModelForm):
    url = forms.URLField(
        label="Web address", required=False, max_length=1000, assume_scheme="https"
    )

    class Meta:
        model = Source
        fields = references.FIELDS
        widgets = {
            "authors": forms.Textarea(attrs={"rows": 3}),
            "keywords": forms.Textarea(attrs={"rows": 2}),
            "abstract": forms.Textarea(attrs={"rows": 5}),
        }


def _appendix_c_fields(form: forms.Form) -> None:
    for name, label, hint in APPENDIX_C_FIELDS:
        form.fields[name] = forms.CharField(
            label=label,
            help_text=hint,
            required=False,
            max_length=5000,
            widget=forms.Textarea(attrs={"rows": 3}),
        )


class ReviewForm(PlainLabelsMixin, forms.Form):
    """A reviewer's summary of a source to Appendix C."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _appendix_c_fields(self)
        self.fields["strength"] = forms.ChoiceField(
            label="Strength of evidence",
            choices=strength_choices(),
            required=False,
            widget=forms.RadioSelect,
        )
        self.fields["tags"] = forms.MultipleChoiceField(
            label="Framework items the evidence speaks to",
            choices=tag_choices(),
            required=False,
            widget=forms.CheckboxSelectMultiple,
        )

    @staticmethod
    def initial_for(review: SourceReview) -> dict[str, Any]:
        initial: dict[str, Any] = {name: text for name, _label, text in review.appendix_c()}
        initial["strength"] = review.strength
        initial["tags"] = [f"{tag.kind}:{tag.key}" for tag in review.tags.all()]
        return initial


TAKE_CHOICES = [
    ("first", "First reviewer's text"),
    ("second", "Second reviewer's text"),
    ("own", "My own text"),
]


class ModerationForm(PlainLabelsMixin, forms.Form):
    """The agreed review: per Appendix C field, either reviewer's text or the moderator's own."""

    def __init__(
        self,
        *args: Any,
        first: SourceReview,
        second: SourceReview,
        reopened: SourceReview | None = None,
        **kwargs: Any,
    ) -> None:
        if reopened is not None:
            # A reopened agreed review starts from what was agreed, for correcting.
            initial = {f"{name}__take": "own" for name in APPENDIX_C_NAMES}
            initial |= ReviewForm.initial_for(reopened)
            initial["note"] = reopened.moderation_note
            kwargs["initial"] = initial
        super().__init__(*args, **kwargs)
        self.first, self.second = first, second
        self.rows = []
        for name, label, _hint in APPENDIX_C_FIELDS:
            same = getattr(first, name).strip() == getattr(second, name).strip()
            self.fields[f"{name}__take"] = forms.ChoiceField(
                label=f"{label}: agreed text",
                choices=TAKE_CHOICES,
                widget=forms.RadioSelect,
                initial="first" if same else None,
            )
            self.fields[name] = forms.CharField(
                label=f"{label}: your own text",
                required=False,
                max_length=5000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.rows.append((name, label, same))
        same_strength = first.strength == second.strength
        self.fields["strength"] = forms.ChoiceField(
            label="Agreed strength of evidence",
            choices=strength_choices(),
            widget=forms.RadioSelect,
            initial=first.strength if same_strength else None,
        )
        self.fields["tags"] = forms.MultipleChoiceField(
            label="Agreed Framework items",
            choices=tag_choices(),
            required=False,
            widget=forms.CheckboxSelectMultiple,
            initial=sorted(
                {f"{tag.kind}:{tag.key}" for review in (first, second) for tag in review.tags.all()}
            ),
        )
        self.fields["note"] = forms.CharField(
            label="Moderation note",
            help_text="How the two reviews were agreed, and anything the reviewers differed on.",
            max_length=5000,
            widget=forms.Textarea(attrs={"rows": 3}),
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name, label, _same in self.rows:
            if data.get(f"{name}__take") == "own" and not (data.get(name) or "").strip():
                self.add_error(
                    name, f"Write the agreed text for {label.lower()}, or take a reviewer's."
                )
        return data

    def agreed_fields(self) -> dict[str, str]:
        fields = {}
        for name, _label, _same in self.rows:
            take = self.cleaned_data[f"{name}__take"]
            if take == "own":
                fields[name] = self.cleaned_data[name]
            else:
                fields[name] = getattr(self.first if take == "first" else self.second, name)
        fields["strength"] = self.cleaned_data["strength"]
        return fields


class ReopenForm(PlainLabelsMixin, forms.Form):
    reason = forms.CharField(
        label="Why reopen it?",
        max_length=280,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Recorded in the audit log.",
    )
    review = forms.UUIDField(widget=forms.HiddenInput)

from typing import Any

from django import forms
from django.db.models import QuerySet

from tandem.forms import PlainLabelsMixin, form_field
from tandem.organisations.models import Organisation, Partnership
from tandem.resources.models import Resource, ResourceFeedback
from tandem.resources.selectors import ResourceFilters
from tandem.resources.tags import parse_tag_value, tag_choices, tag_value
from tandem.uploads import check_upload

# Resources may also be spreadsheets and slide decks (templates, tools), besides the
# evidence types; every type is still checked by its first bytes (tandem/uploads.py).
RESOURCE_TYPES = (".pdf", ".png", ".jpg", ".jpeg", ".docx", ".pptx", ".xlsx")
RESOURCE_TYPES_DESCRIPTION = "a PDF, PNG, JPEG, Word, PowerPoint or Excel file"
RESOURCE_FILE_HELP = "PDF, PNG, JPEG, Word, PowerPoint or Excel (.docx, .pptx, .xlsx), up to 10 MB."


class ResourceForm(PlainLabelsMixin, forms.ModelForm):
    holder = forms.ChoiceField(
        label="Held by",
        help_text="The organisation or partnership that looks after the resource.",
    )
    audiences = forms.MultipleChoiceField(
        label="Who is it for?",
        choices=Resource.Audience.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one audience."},
    )
    link = forms.URLField(
        label="Web address",
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text="Where the resource is online. Give this, upload a file, or both.",
    )
    tags = forms.MultipleChoiceField(
        label="Framework items it helps with",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="It will be offered beside these items: goals, prompts, the review tool "
        "and the health check.",
    )

    class Meta:
        model = Resource
        fields = [
            "title",
            "summary",
            "kind",
            "link",
            "file",
            "licence",
            "licence_other",
            "source",
            "visibility",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 5}),
            "visibility": forms.RadioSelect,
        }
        help_texts = {"file": RESOURCE_FILE_HELP}

    def __init__(
        self,
        *args: Any,
        organisations: "QuerySet[Organisation]",
        partnerships: "QuerySet[Partnership]",
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.holders: dict[str, Organisation | Partnership] = {
            f"organisation:{item.uuid}": item for item in organisations
        } | {f"partnership:{item.uuid}": item for item in partnerships}
        form_field(self, "holder", forms.ChoiceField).choices = [
            (key, f"{'Partnership' if key.startswith('p') else 'Organisation'}: {item}")
            for key, item in self.holders.items()
        ]
        form_field(self, "tags", forms.MultipleChoiceField).choices = tag_choices()
        resource = self.instance
        if resource.pk:
            # The holder does not change once set: it decides who may edit.
            del self.fields["holder"]
            self.initial["audiences"] = [
                audience
                for audience, field in (
                    (Resource.Audience.LEADERS, "for_leaders"),
                    (Resource.Audience.MENTORS, "for_mentors"),
                    (Resource.Audience.MENTEES, "for_mentees"),
                )
                if getattr(resource, field)
            ]
            self.initial["tags"] = [tag_value(tag.kind, tag.key) for tag in resource.tags.all()]

    def clean_file(self) -> object:
        return check_upload(
            self.cleaned_data.get("file"),
            allowed=RESOURCE_TYPES,
            description=RESOURCE_TYPES_DESCRIPTION,
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        audiences = set(cleaned.get("audiences") or [])
        self.instance.for_leaders = Resource.Audience.LEADERS in audiences
        self.instance.for_mentors = Resource.Audience.MENTORS in audiences
        self.instance.for_mentees = Resource.Audience.MENTEES in audiences
        if "holder" in self.fields:
            holder = self.holders.get(cleaned.get("holder", ""))
            self.instance.organisation = holder if isinstance(holder, Organisation) else None
            self.instance.partnership = holder if isinstance(holder, Partnership) else None
        return cleaned

    def _post_clean(self) -> None:
        # Without a holder or audience the model's own checks would name fields the form
        # shows differently; those fields already say what is wrong.
        if "holder" in self.errors or "audiences" in self.errors:
            return
        super()._post_clean()  # type: ignore[misc]  # Django has it; its stubs do not
        for field, target in (("organisation", "holder"), ("for_leaders", "audiences")):
            if field in self.errors:
                errors = self.errors.pop(field)
                self.add_error(target if target in self.fields else None, errors)

    def holder_kwargs(self) -> dict[str, Organisation | Partnership]:
        if "holder" not in self.fields:
            return {}
        holder = self.holders[self.cleaned_data["holder"]]
        if isinstance(holder, Partnership):
            return {"partnership": holder}
        return {"organisation": holder}

    def chosen_tags(self) -> list[tuple[str, str]]:
        return [
            tag for value in self.cleaned_data.get("tags", []) if (tag := parse_tag_value(value))
        ]

    def resource_data(self) -> dict[str, Any]:
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        if not data["file"] and self.instance.pk:
            data["file"] = self.instance.file
        return data | {
            "for_leaders": self.instance.for_leaders,
            "for_mentors": self.instance.for_mentors,
            "for_mentees": self.instance.for_mentees,
        }


class WithdrawForm(PlainLabelsMixin, forms.Form):
    reason = forms.CharField(
        label="Why is it being withdrawn? (optional)", max_length=300, required=False
    )


class FeedbackForm(PlainLabelsMixin, forms.ModelForm):
    is_useful = forms.TypedChoiceField(
        label="Was this useful?",
        choices=[("yes", "Yes"), ("no", "No")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": "Say whether it was useful."},
    )

    class Meta:
        model = ResourceFeedback
        fields = ["is_useful", "comment"]
        labels = {"comment": "Anything to add? (optional)"}
        widgets = {"comment": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["is_useful"] = "yes" if self.instance.is_useful else "no"


class ResourceFilterForm(PlainLabelsMixin, forms.Form):
    q = forms.CharField(label="Search", required=False, max_length=200)
    kind = forms.ChoiceField(label="Kind", required=False)
    audience = forms.ChoiceField(label="For", required=False)
    item = forms.ChoiceField(label="Framework item", required=False)
    licence = forms.ChoiceField(label="Licence", required=False)
    organisation = forms.ChoiceField(label="Organisation", required=False)

    def __init__(self, data: Any = None, *, organisations: "QuerySet[Organisation]") -> None:
        super().__init__(data)
        form_field(self, "kind", forms.ChoiceField).choices = [
            ("", "Any"),
            *Resource.Kind.choices,
        ]
        form_field(self, "audience", forms.ChoiceField).choices = [
            ("", "Anyone"),
            *Resource.Audience.choices,
        ]
        form_field(self, "item", forms.ChoiceField).choices = [("", "Any"), *tag_choices()]
        form_field(self, "licence", forms.ChoiceField).choices = [
            ("", "Any"),
            *Resource.Licence.choices,
        ]
        self.organisations = {str(item.uuid): item for item in organisations}
        if self.organisations:
            form_field(self, "organisation", forms.ChoiceField).choices = [
                ("", "Any"),
                *((key, item.name) for key, item in self.organisations.items()),
            ]
        else:
            del self.fields["organisation"]

    def filters(self) -> ResourceFilters:
        """The filters to apply; an invalid choice is dropped rather than refused."""
        if not self.is_bound:
            return ResourceFilters()
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        organisation = self.organisations.get(data.get("organisation") or "")
        return ResourceFilters(
            text=data.get("q") or "",
            kind=data.get("kind") or "",
            audience=data.get("audience") or "",
            tag=parse_tag_value(data.get("item") or ""),
            licence=data.get("licence") or "",
            organisation_id=organisation.pk if organisation else None,
        )

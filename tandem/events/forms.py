from typing import Any

from django import forms
from django.db.models import Q, QuerySet

from tandem.accounts.models import User
from tandem.events.models import Event, EventMaterial, EventSession
from tandem.events.services import EVENT_FIELDS, SESSION_FIELDS
from tandem.forms import (
    DateTimePartsField,
    PeopleChoiceField,
    PlainLabelsMixin,
    form_field,
)
from tandem.organisations.models import Membership
from tandem.programmes.models import Programme
from tandem.uploads import check_upload

# Materials: the evidence types plus slides and spreadsheets, as training days hand out.
MATERIAL_TYPES = (".pdf", ".png", ".jpg", ".jpeg", ".docx", ".pptx", ".xlsx")
MATERIAL_HELP = "PDF, image, Word, PowerPoint or Excel file, up to 10 MB."


def facilitator_choices(programme: Programme) -> "QuerySet[User]":
    """Facilitators come from the programme's organisations or partnership, or are its
    coordinators."""
    members = Membership.objects.current().filter(
        Q(organisation__programmes=programme)
        | Q(organisation__partnership_memberships__partnership__programmes=programme)
    )
    return (
        User.objects.filter(Q(memberships__in=members) | Q(coordinated_programmes=programme))
        .filter(is_active=True)
        .distinct()
        .order_by("full_name")
    )


class SessionForm(PlainLabelsMixin, forms.ModelForm):
    online_link = forms.URLField(
        label="Online link",
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text="For a session held online.",
    )

    class Meta:
        model = EventSession
        fields = SESSION_FIELDS
        field_classes = {"starts_at": DateTimePartsField, "ends_at": DateTimePartsField}


class EventForm(PlainLabelsMixin, forms.ModelForm):
    facilitators = PeopleChoiceField(
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="They see the event and mark attendance.",
    )

    class Meta:
        model = Event
        fields = [*EVENT_FIELDS, "facilitators"]
        field_classes = {
            "registration_opens_at": DateTimePartsField,
            "registration_closes_at": DateTimePartsField,
        }
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        form_field(self, "facilitators", PeopleChoiceField).queryset = facilitator_choices(
            programme
        )
        self.fields["registration_opens_at"].required = False
        self.fields["registration_closes_at"].required = False


class CancelEventForm(PlainLabelsMixin, forms.Form):
    note = forms.CharField(
        label="Message to the people registered (optional)",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AttendanceForm(PlainLabelsMixin, forms.Form):
    attended = forms.MultipleChoiceField(
        label="Who attended",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Tick everyone who came; everyone else is recorded as absent.",
    )

    def __init__(self, *args: Any, people: list[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = form_field(self, "attended", forms.MultipleChoiceField)
        field.choices = [(str(person.pk), person.full_name) for person in people]

    def attended_ids(self) -> set[int]:
        return {int(value) for value in self.cleaned_data["attended"]}


class MaterialForm(PlainLabelsMixin, forms.ModelForm):
    url = forms.URLField(
        label="Link",
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text="Or a link to it instead of a file.",
    )

    class Meta:
        model = EventMaterial
        fields = ["title", "file", "url"]
        help_texts = {"file": MATERIAL_HELP}

    def clean_file(self) -> Any:
        return check_upload(
            self.cleaned_data.get("file"),
            allowed=MATERIAL_TYPES,
            description="a PDF, image, Word, PowerPoint or Excel file",
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.errors and bool(data.get("file")) == bool(data.get("url")):
            raise forms.ValidationError("Attach a file or give a link (one of the two).")
        return data

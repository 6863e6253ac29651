from typing import Any

from django import forms
from django.db.models import QuerySet

from tandem.accounts.models import User
from tandem.bank.models import BankEntry, MentorBank
from tandem.bank.selectors import EntryFilters
from tandem.forms import PersonChoiceField, PlainLabelsMixin, form_field
from tandem.organisations.models import Organisation, Partnership, Phase
from tandem.people.models import Subject
from tandem.programmes.models import Programme


class BankForm(PlainLabelsMixin, forms.ModelForm):
    holder = forms.ChoiceField(
        label="Held by",
        help_text="The organisation or partnership whose members may join the bank and whose "
        "programmes recruit from it.",
    )

    class Meta:
        model = MentorBank
        fields = ["name", "description", "accepts_applications"]

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

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        # The model checks it has exactly one holder: give it the one chosen.
        holder = self.holders.get(cleaned.get("holder", ""))
        self.instance.organisation = holder if isinstance(holder, Organisation) else None
        self.instance.partnership = holder if isinstance(holder, Partnership) else None
        return cleaned

    def _post_clean(self) -> None:
        # Without a holder the model's own check would name a field the form does not
        # have; the holder field already says what is wrong.
        if "holder" in self.errors:
            return
        super()._post_clean()  # type: ignore[misc]  # Django has it; its stubs do not

    def holder_kwargs(self) -> dict[str, Organisation | Partnership]:
        holder = self.holders[self.cleaned_data["holder"]]
        if isinstance(holder, Partnership):
            return {"partnership": holder}
        return {"organisation": holder}


class EntryForm(PlainLabelsMixin, forms.ModelForm):
    class Meta:
        model = BankEntry
        fields = ["qualities", "experience", "capacity", "is_available", "availability_note"]
        widgets = {
            "qualities": forms.Textarea(attrs={"rows": 4}),
            "experience": forms.Textarea(attrs={"rows": 4}),
        }
        error_messages = {
            "capacity": {
                "required": "Enter how many mentees you can support at once, from 1 to 12.",
                "min_value": "Enter how many mentees you can support at once, from 1 to 12.",
                "max_value": "Enter how many mentees you can support at once, from 1 to 12.",
            }
        }


class NominationForm(EntryForm):
    user = PersonChoiceField(
        queryset=User.objects.none(),
        label="Person",
        help_text="A member of the bank's organisations.",
        error_messages={"required": "Choose the person you are nominating."},
    )

    class Meta(EntryForm.Meta):
        fields = ["user", *EntryForm.Meta.fields]

    def __init__(self, *args: Any, people: "QuerySet[User]", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        form_field(self, "user", PersonChoiceField).queryset = people


class EntryDecisionForm(PlainLabelsMixin, forms.Form):
    decision = forms.ChoiceField(
        choices=[("approve", "Approve"), ("decline", "Decline")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose approve or decline."},
    )
    note = forms.CharField(
        required=False,
        max_length=500,
        label="Reason",
        help_text="Needed when declining: the person is told it.",
    )


class WithdrawForm(PlainLabelsMixin, forms.Form):
    reason = forms.CharField(
        required=False,
        max_length=500,
        label="Reason",
        help_text="Needed when a coordinator withdraws someone: they are told it.",
    )


class BankFilterForm(PlainLabelsMixin, forms.Form):
    phase = forms.ModelChoiceField(
        queryset=Phase.objects.all(), required=False, empty_label="Any", to_field_name="key"
    )
    subject = forms.ModelChoiceField(
        queryset=Subject.objects.all(), required=False, empty_label="Any", to_field_name="key"
    )
    is_accredited = forms.BooleanField(label="Accredited (in date) only", required=False)
    is_available = forms.BooleanField(
        label="Only those with room for another mentee", required=False
    )

    def filters(self) -> EntryFilters:
        if not self.is_bound or not self.is_valid():
            return EntryFilters()
        data = self.cleaned_data
        return EntryFilters(
            phase=data["phase"],
            subject=data["subject"],
            is_accredited=data["is_accredited"],
            is_available=data["is_available"],
        )


class RecruitForm(PlainLabelsMixin, forms.Form):
    programme = forms.ModelChoiceField(
        queryset=Programme.objects.none(),
        to_field_name="uuid",
        error_messages={"required": "Choose the programme to recruit into."},
    )
    entries = forms.ModelMultipleChoiceField(
        queryset=BankEntry.objects.none(),
        to_field_name="uuid",
        error_messages={"required": "Choose at least one mentor from the bank."},
    )
    how = forms.ChoiceField(
        label="How",
        choices=[
            ("invite", "Invite them (they accept or decline)"),
            ("enrol", "Enrol them now as approved mentors"),
        ],
        widget=forms.RadioSelect,
        initial="invite",
    )
    note = forms.CharField(
        required=False,
        max_length=500,
        label="Note",
        help_text="Needed to enrol a mentor who does not meet every requirement.",
    )

    def __init__(
        self,
        *args: Any,
        programmes: "QuerySet[Programme]",
        entries: "QuerySet[BankEntry]",
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        form_field(self, "programme", forms.ModelChoiceField).queryset = programmes
        form_field(self, "entries", forms.ModelMultipleChoiceField).queryset = entries

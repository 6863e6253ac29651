from django import forms

from tandem.forms import PlainLabelsMixin


class ErasureRequestForm(PlainLabelsMixin, forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text="For example: the person asked by email on 3 March. Names are pseudonymised "
        "after erasure.",
    )


class ErasureDecisionForm(PlainLabelsMixin, forms.Form):
    decision = forms.ChoiceField(
        choices=[("approve", "Approve and erase now"), ("cancel", "Cancel the request")],
        widget=forms.RadioSelect,
        label="Your decision",
    )
    confirm = forms.BooleanField(
        required=False,
        label="I understand that erasure cannot be undone.",
    )

    def clean(self) -> dict:
        cleaned = super().clean() or {}
        if cleaned.get("decision") == "approve" and not cleaned.get("confirm"):
            self.add_error("confirm", "Tick to confirm that erasure cannot be undone.")
        return cleaned


class PeopleSearchForm(forms.Form):
    q = forms.CharField(label="Name or email", required=False, max_length=150)

"""Forms of the analysis pages: themes, their quotes, and case summaries."""

from typing import Any

from django import forms
from django.db.models import QuerySet

from tandem.forms import PlainLabelsMixin
from tandem.research.models import CaseSummary, Code, CodedSegment, Theme


class QuoteChoiceField(forms.ModelMultipleChoiceField):
    """A coded segment offered as a quote: its text and who said it (pseudonym, strand)."""

    def label_from_instance(self, obj: CodedSegment) -> str:
        participant = obj.document.participant
        who = f"{participant.pseudonym}, {participant.strand.name}" if participant else "Team notes"
        return f"“{obj.quote.strip()}” ({who}; {obj.code.name})"


class ThemeForm(PlainLabelsMixin, forms.ModelForm):
    codes = forms.ModelMultipleChoiceField(
        queryset=Code.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="The codes this theme brings together.",
    )

    class Meta:
        model = Theme
        fields = ["name", "description", "codes"]
        labels = {"description": "The theme's account"}
        help_texts = {"description": "What the theme says, as it will read in the report."}

    def __init__(self, *args: Any, codes: "QuerySet[Code]", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["codes"].queryset = codes  # type: ignore[attr-defined]


class QuotesForm(PlainLabelsMixin, forms.Form):
    quotes = QuoteChoiceField(
        queryset=CodedSegment.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Supporting quotes",
        help_text="Segments coded with the theme's codes. The report shows each with the "
        "participant's pseudonym and strand, never a name.",
    )

    def __init__(self, *args: Any, segments: "QuerySet[CodedSegment]", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["quotes"].queryset = segments  # type: ignore[attr-defined]


class CaseSummaryForm(PlainLabelsMixin, forms.ModelForm):
    quotes = QuoteChoiceField(
        queryset=CodedSegment.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Linked quotes",
        help_text="The participant's own coded segments.",
    )

    class Meta:
        model = CaseSummary
        fields = ["path_into_scheme", "practice_change", "quotes"]
        widgets = {
            "path_into_scheme": forms.Textarea(attrs={"rows": 5}),
            "practice_change": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args: Any, segments: "QuerySet[CodedSegment]", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["quotes"].queryset = segments  # type: ignore[attr-defined]

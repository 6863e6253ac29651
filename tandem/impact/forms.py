import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone

from tandem.accounts.models import User
from tandem.evaluation.models import ReportSnapshot
from tandem.forms import DatePartsField, PlainLabelsMixin, form_field
from tandem.impact.models import (
    CaseMember,
    CorroboratingSource,
    ImpactCaseStudy,
    ImpactEvent,
    ResearchOutput,
    SourceStatus,
)
from tandem.impact.policy import organisations_for_new_case, snapshots_visible_to
from tandem.organisations.models import Organisation

# A DOI is "10." then a registrant code of 4 to 9 digits (with optional dotted parts),
# a slash and a suffix (doi.org's handbook, section 2.2).
DOI = re.compile(r"^10\.\d{4,9}(\.\d+)*/\S+$")
DOI_PREFIXES = ("https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "doi:")


class CaseForm(PlainLabelsMixin, forms.ModelForm):
    research_starts_on = DatePartsField(label="Research period starts")
    research_ends_on = DatePartsField(label="Research period ends")
    impact_starts_on = DatePartsField(label="Impact period starts")
    impact_ends_on = DatePartsField(label="Impact period ends")

    class Meta:
        model = ImpactCaseStudy
        fields = [
            "title",
            "lead_organisation",
            "partner_organisations",
            "partnership",
            "research_starts_on",
            "research_ends_on",
            "impact_starts_on",
            "impact_ends_on",
            "summary_word_limit",
            "research_word_limit",
            "details_word_limit",
            "max_references",
            "max_sources",
            "page_limit",
        ]
        labels = {
            "summary_word_limit": "Words for 1. Summary of the impact",
            "research_word_limit": "Words for 2. Underpinning research",
            "details_word_limit": "Words for 4. Details of the impact",
            "max_references": "Most references in 3. References to the research",
            "max_sources": "Most sources in 5. Sources to corroborate the impact",
            "page_limit": "Most pages for the whole case study",
        }
        widgets = {"partner_organisations": forms.SelectMultiple(attrs={"size": 6})}

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        lead = form_field(self, "lead_organisation", forms.ModelChoiceField)
        lead.queryset = organisations_for_new_case(user)
        if self.instance.pk:
            # The current lead organisation stays a choice even if the user has left it.
            lead.queryset = Organisation.objects.filter(
                Q(pk__in=lead.queryset.values("pk")) | Q(pk=self.instance.lead_organisation_id)
            )
        self.fields["partner_organisations"].help_text = (
            "Organisations whose practice the research changed. Hold Ctrl (or Cmd) to pick "
            "more than one."
        )
        for name in ("research_starts_on", "impact_starts_on"):
            self.fields[name].help_text = (
                "REF 2021: research from 1 January 2000 to 31 December 2020, impact from "
                "1 August 2013 to 31 July 2020."
            )


class MemberForm(PlainLabelsMixin, forms.Form):
    email = forms.EmailField(label="Their email address")
    role = forms.ChoiceField(choices=CaseMember.Role.choices)

    def clean_email(self) -> User:
        email = self.cleaned_data["email"]
        user = User.objects.filter(email__iexact=email, is_active=True).first()
        if user is None:
            raise ValidationError(
                f"No one uses Tandem with the address {email}. Check it, or ask them to join first."
            )
        return user


class SectionForm(PlainLabelsMixin, forms.Form):
    text = forms.CharField(
        required=False,
        max_length=40000,
        widget=forms.Textarea(attrs={"rows": 14}),
    )

    def __init__(self, *args: Any, label: str, limit: int | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["text"]
        field.label = label
        if limit is not None:
            field.widget.attrs["data-word-count"] = "true"
            field.widget.attrs["data-word-limit"] = str(limit)
            field.help_text = f"Up to {limit} words."


class CommentForm(PlainLabelsMixin, forms.Form):
    text = forms.CharField(
        label="Your comment", max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )


class OutputForm(PlainLabelsMixin, forms.ModelForm):
    published_on = DatePartsField(label="Date published")

    class Meta:
        model = ResearchOutput
        fields = [
            "title",
            "authors",
            "published_on",
            "venue",
            "doi",
            "output_type",
            "quality_statement",
        ]
        help_texts = {
            "doi": "For example 10.1108/IJMCE-09-2015-0027. Stored as typed, never looked up.",
            "authors": "As they appear on the output, for example Jones, M.",
        }
        widgets = {"quality_statement": forms.Textarea(attrs={"rows": 3})}

    def clean_doi(self) -> str:
        doi = self.cleaned_data["doi"].strip()
        for prefix in DOI_PREFIXES:
            if doi.lower().startswith(prefix):
                doi = doi[len(prefix) :]
        if doi and not DOI.match(doi):
            raise ValidationError(
                "A DOI starts with 10., then at least 4 digits, a slash and the rest, for "
                "example 10.1108/IJMCE-09-2015-0027."
            )
        return doi


class EventForm(PlainLabelsMixin, forms.ModelForm):
    happened_on = DatePartsField(label="When it happened")
    figures_as_of = DatePartsField(label="Date the figures refer to", required=False)

    class Meta:
        model = ImpactEvent
        fields = ["kind", "happened_on", "description", "figures", "figures_as_of"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "figures": forms.Textarea(attrs={"rows": 2}),
        }


class SourceForm(PlainLabelsMixin, forms.ModelForm):
    class Meta:
        model = CorroboratingSource
        fields = ["kind", "title", "giver_name", "giver_contact"]
        help_texts = {
            "giver_name": "Who gave or holds it, for a testimonial or a record.",
            "giver_contact": "How the panel could check it with them. The team only sees it.",
        }


class SourceStatusForm(PlainLabelsMixin, forms.Form):
    status = forms.ChoiceField(choices=SourceStatus.choices, widget=forms.RadioSelect)
    method = forms.CharField(
        label="How it was verified",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Needed to mark it verified: for example, confirmed by telephone with the "
        "head teacher on 3 March.",
    )


class SnapshotChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: ReportSnapshot) -> str:
        computed = timezone.localtime(obj.computed_at) if obj.computed_at else None
        return f"{obj.programme.name}, computed {computed:%-d %B %Y}" if computed else str(obj)


class SnapshotForm(PlainLabelsMixin, forms.Form):
    snapshot = SnapshotChoiceField(
        label="Programme report", queryset=ReportSnapshot.objects.none(), empty_label=None
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = form_field(self, "snapshot", forms.ModelChoiceField)
        field.queryset = snapshots_visible_to(user).order_by("programme__name")


class CandidateForm(forms.Form):
    key = forms.CharField(max_length=100, widget=forms.HiddenInput)

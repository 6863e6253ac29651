from typing import Any

from django import forms
from django.utils import timezone

from tandem.accounts.models import User
from tandem.forms import DatePartsField
from tandem.framework import keys
from tandem.framework.content import KEY_QUESTION_PROMPTS, key_question_prompts
from tandem.framework.models import FrameworkItem, ReviewAction, ReviewEvidence, ReviewOutcome
from tandem.framework.models.review import KEY_QUESTION_FIELDS
from tandem.organisations.models import Organisation
from tandem.uploads import EVIDENCE_HELP, check_upload


class MemberChoiceField(forms.ModelChoiceField):
    """A member of the organisation, named as on the review pages (email if no name yet)."""

    def label_from_instance(self, obj: User) -> str:
        return obj.full_name or obj.email


class StartReviewForm(forms.Form):
    core_concept = forms.ModelChoiceField(
        queryset=FrameworkItem.objects.of_kind(keys.Kind.CORE_CONCEPT),
        widget=forms.RadioSelect,
        label="Which core concept will you review?",
        empty_label=None,
        to_field_name="key",
        error_messages={"required": "Choose the core concept to review."},
    )


class OutcomeForm(forms.ModelForm):
    class Meta:
        model = ReviewOutcome
        fields = ["rating", *KEY_QUESTION_FIELDS]
        widgets = {
            "rating": forms.RadioSelect,
            **{name: forms.Textarea(attrs={"rows": 4}) for name in KEY_QUESTION_FIELDS},
        }
        help_texts = KEY_QUESTION_PROMPTS

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        rating = self.fields["rating"]
        assert isinstance(rating, forms.ChoiceField)  # noqa: S101 - a choices field on the model
        rating.choices = ReviewOutcome.Rating.choices
        rating.required = False
        rating.help_text = "You can save without a rating and add it later."
        if self.instance.pk:
            # The questions in the language of the organisation doing the review.
            prompts = key_question_prompts(self.instance.review.organisation.type)
            for name in KEY_QUESTION_FIELDS:
                self.fields[name].help_text = prompts[name]


class CommentForm(forms.Form):
    body = forms.CharField(
        label="Add a comment",
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Write a comment before posting it."},
    )


class EvidenceForm(forms.ModelForm):
    url = forms.URLField(
        label="Link",
        required=False,
        assume_scheme="https",
        help_text="A link to a document, for example module feedback on your shared drive.",
    )

    class Meta:
        model = ReviewEvidence
        fields = ["title", "url", "file"]
        labels = {"title": "Evidence title", "file": "Or upload a file"}
        help_texts = {
            "title": "For example: Student module feedback, spring term.",
            "file": EVIDENCE_HELP,
        }

    def clean_file(self) -> object:
        return check_upload(self.cleaned_data.get("file"))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        has_url, has_file = bool(cleaned.get("url")), bool(cleaned.get("file"))
        if not self.errors and has_url == has_file:
            message = (
                "Add a link or upload a file." if not has_url else "Add a link or a file, not both."
            )
            raise forms.ValidationError(message)
        return cleaned


class ActionForm(forms.ModelForm):
    due_on = DatePartsField(
        label="Due date",
        error_messages={"required": "Enter the date this is due."},
    )

    class Meta:
        model = ReviewAction
        fields = ["description", "owner", "due_on", "status"]
        labels = {"description": "What needs to happen", "owner": "Owner"}
        field_classes = {"owner": MemberChoiceField}

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Owners come from the organisation's current members.
        owner = self.fields["owner"]
        assert isinstance(owner, MemberChoiceField)  # noqa: S101 - declared in Meta
        owner.queryset = User.objects.filter(
            memberships__organisation=organisation, memberships__ended_on__isnull=True
        ).order_by("full_name")
        owner.error_messages["required"] = "Choose who owns this action."
        self.fields["description"].error_messages["required"] = "Say what needs to happen."

    def clean_due_on(self) -> object:
        due_on = self.cleaned_data["due_on"]
        is_new_date = self.instance.pk is None or due_on != self.instance.due_on
        if is_new_date and due_on < timezone.localdate():
            message = "The due date is in the past: choose today or a later date."
            raise forms.ValidationError(message)
        return due_on


class ReviewerForm(forms.Form):
    user = MemberChoiceField(
        queryset=User.objects.none(),
        label="Member to add as a reviewer",
        error_messages={"required": "Choose a member to add."},
    )

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Members who are not already leads (coordinators/leaders) or reviewers.
        user = self.fields["user"]
        assert isinstance(user, MemberChoiceField)  # noqa: S101 - declared above
        user.queryset = (
            User.objects.filter(
                memberships__organisation=organisation,
                memberships__ended_on__isnull=True,
                memberships__access="member",
            )
            .exclude(reviewer_roles__organisation=organisation)
            .order_by("full_name")
        )

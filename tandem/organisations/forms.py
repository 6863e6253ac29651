from typing import Any

from django import forms
from django.db.models import QuerySet

from tandem.accounts.models import User
from tandem.forms import DatePartsField, PlainLabelsMixin
from tandem.organisations.models import Membership, Organisation, Phase
from tandem.organisations.services import MEMBERSHIP_FIELDS


class OrganisationForm(PlainLabelsMixin, forms.ModelForm):
    website = forms.URLField(required=False, assume_scheme="https")
    phases = forms.ModelMultipleChoiceField(
        queryset=Phase.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Tick every phase the organisation works in.",
    )

    class Meta:
        model = Organisation
        fields = [
            "name",
            "type",
            "sector",
            "phases",
            "region",
            "official_identifier",
            "size",
            "website",
            "description",
            "requires_sso",
            # Set from the school's side (its leaders or staff): linking is the school's
            # choice to let its local authority see its programmes in outline.
            "parent",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            message = "Enter the organisation's name."
            raise forms.ValidationError(message)
        return name

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        name, region = cleaned.get("name"), cleaned.get("region")
        if name and region:
            twin = (
                Organisation.objects.filter(name__iexact=name, region=region)
                .exclude(pk=self.instance.pk)
                .first()
            )
            if twin is not None and not (
                cleaned.get("official_identifier")
                and cleaned["official_identifier"] != twin.official_identifier
            ):
                self.add_error(
                    "name",
                    f"{twin.name} already exists in {twin.get_region_display()}. Give the "
                    "official identifier if this is a different organisation.",
                )
        return cleaned

    def clean_official_identifier(self) -> str:
        identifier = self.cleaned_data["official_identifier"].strip().upper()
        taken = (
            Organisation.objects.filter(official_identifier=identifier)
            .exclude(pk=self.instance.pk)
            .values_list("name", flat=True)
            .first()
        )
        if identifier and taken:
            message = f"{taken} already exists with the identifier {identifier}."
            raise forms.ValidationError(message)
        return identifier


class MemberChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return obj.full_name


def current_member_users(
    organisation: Organisation, *, exclude: User | None = None
) -> QuerySet[User]:
    users = User.objects.filter(
        memberships__organisation=organisation, memberships__ended_on__isnull=True
    ).order_by("full_name")
    return users.exclude(pk=exclude.pk) if exclude else users


class LineManagerMixin:
    fields: dict[str, forms.Field]

    @property
    def line_manager_field(self) -> MemberChoiceField:
        field = self.fields["line_manager"]
        assert isinstance(field, MemberChoiceField)  # noqa: S101 - declared on the form
        return field


class InviteMemberForm(LineManagerMixin, PlainLabelsMixin, forms.Form):
    email = forms.EmailField(
        label="Email address",
        help_text="Their work email. If they already use Tandem, they simply join.",
    )
    full_name = forms.CharField(max_length=150)
    job_title = forms.CharField(max_length=120, required=False)
    role_category = forms.ChoiceField(label="Role", choices=Membership.RoleCategory.choices)
    access = forms.ChoiceField(
        label="What they may do in Tandem",
        choices=Membership.Access.choices,
        initial=Membership.Access.MEMBER,
    )
    line_manager = MemberChoiceField(
        queryset=User.objects.none(),
        required=False,
        help_text="Recorded so that nobody is asked to mentor someone they line-manage.",
    )

    def __init__(self, *args: object, organisation: Organisation, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.line_manager_field.queryset = current_member_users(organisation)
        self.fields["email"].widget.attrs["autocomplete"] = "off"

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if (
            Membership.objects.current()
            .filter(organisation=self.organisation, user__email__iexact=email)
            .exists()
        ):
            message = f"{email} is already a member of {self.organisation.name}."
            raise forms.ValidationError(message)
        return email


class MembershipForm(LineManagerMixin, PlainLabelsMixin, forms.ModelForm):
    line_manager = MemberChoiceField(queryset=User.objects.none(), required=False)

    class Meta:
        model = Membership
        fields = MEMBERSHIP_FIELDS
        labels = {"role_category": "Role", "access": "What they may do in Tandem"}
        field_classes = {"started_on": DatePartsField, "ended_on": DatePartsField}
        help_texts = {"ended_on": "Set when they leave; their past records are kept."}

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.line_manager_field.queryset = current_member_users(
            self.instance.organisation, exclude=self.instance.user
        )

from django import forms

from tandem.forms import PlainLabelsMixin
from tandem.organisations.models import Organisation, Phase


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
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

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

from django import forms

from tandem.api.models import ApiToken
from tandem.forms import PlainLabelsMixin


class TokenForm(PlainLabelsMixin, forms.ModelForm):
    class Meta:
        model = ApiToken
        fields = ["name", "scope"]
        widgets = {"scope": forms.RadioSelect}

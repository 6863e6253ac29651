from django import forms

from tandem.forms import PlainLabelsMixin
from tandem.privacy.models import PrivacyNotice


class NoticeForm(PlainLabelsMixin, forms.ModelForm):
    class Meta:
        model = PrivacyNotice
        fields = ["body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 20})}
        help_texts = {
            "body": (
                "What your organisation holds in Tandem, why, on what lawful basis, for how "
                "long, who sees it and how people exercise their rights. Publishing makes a "
                "new version that every member is asked to read at their next sign-in."
            )
        }

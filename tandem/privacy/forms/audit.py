from django import forms

from tandem.forms import DatePartsField, PlainLabelsMixin, form_field
from tandem.privacy.selectors.audit import AuditFilter


class AuditFilterForm(PlainLabelsMixin, forms.Form):
    """The audit page's filters; every one is optional."""

    person = forms.CharField(
        label="Person", required=False, max_length=150, help_text="Part of a name or email."
    )
    object_uuid = forms.UUIDField(
        label="Record identifier",
        required=False,
        help_text="The identifier shown in the Record column, to see everything done to it.",
        error_messages={"invalid": "Enter a record identifier as shown in the Record column."},
    )
    action = forms.ChoiceField(label="Action", required=False)
    from_date = DatePartsField(label="From", required=False)
    to_date = DatePartsField(label="To", required=False)

    def __init__(self, *args: object, actions: list[str], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        form_field(self, "action", forms.ChoiceField).choices = [
            ("", "Any action"),
            *((action, action) for action in actions),
        ]

    def clean(self) -> dict:
        cleaned = super().clean() or {}
        start, end = cleaned.get("from_date"), cleaned.get("to_date")
        if start and end and start > end:
            self.add_error("to_date", "The end date must be on or after the start date.")
        return cleaned

    def chosen(self) -> AuditFilter:
        data = self.cleaned_data
        return AuditFilter(
            person=data["person"].strip(),
            object_uuid=data["object_uuid"],
            action=data["action"],
            from_date=data["from_date"],
            to_date=data["to_date"],
        )

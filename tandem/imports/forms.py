from django import forms
from django.conf import settings

from tandem.forms import PlainLabelsMixin
from tandem.imports.columns import Column

NOT_IN_FILE = ""


class UploadForm(PlainLabelsMixin, forms.Form):
    file = forms.FileField(
        label="Spreadsheet",
        help_text="A .csv (UTF-8) or .xlsx file with a heading row, up to 10 MB.",
    )

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        name = (upload.name or "").lower()
        if not name.endswith((".csv", ".xlsx")):
            raise forms.ValidationError("Upload a .csv or .xlsx file.")
        if upload.size > settings.TANDEM_MAX_EVIDENCE_BYTES:
            raise forms.ValidationError("The file is larger than 10 MB.")
        if name.endswith(".xlsx"):
            head = upload.read(4)
            upload.seek(0)
            if head != b"PK\x03\x04":
                raise forms.ValidationError("The file's contents do not match its .xlsx name.")
        return upload


class MappingForm(PlainLabelsMixin, forms.Form):
    """One drop-down per field the import understands, listing the file's headings."""

    def __init__(
        self, *args: object, columns: tuple[Column, ...], headers: list[str], **kwargs: object
    ) -> None:
        super().__init__(*args, **kwargs)
        choices = [(NOT_IN_FILE, "(not in this file)"), *[(h, h) for h in headers if h]]
        for column in columns:
            label = column.heading + ("" if column.is_required else " (optional)")
            self.fields[column.key] = forms.ChoiceField(
                label=label,
                choices=choices,
                required=column.is_required,
                help_text=column.help,
            )

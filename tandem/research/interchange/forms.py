"""Upload forms for REFI-QDA imports: reading the file is the form's validation, so a bad
file is reported beside the field with the reader's message."""

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.db.models import QuerySet
from django.utils.html import format_html, format_html_join

from tandem.forms import PlainLabelsMixin
from tandem.organisations.models import Organisation
from tandem.research.interchange.reading import (
    MAX_UPLOAD_BYTES,
    CodebookPlan,
    ProjectPlan,
    read_codebook,
    read_project,
)
from tandem.research.interchange.xml import InterchangeError


def _refusal(error: InterchangeError) -> forms.ValidationError:
    if not error.details:
        return forms.ValidationError(error.message)
    listed = format_html_join("", "<li>{}</li>", ((detail,) for detail in error.details))
    return forms.ValidationError(format_html("{}<ul>{}</ul>", error.message, listed))


def _read_upload(upload: UploadedFile, extensions: tuple[str, ...]) -> bytes:
    name = (upload.name or "").lower()
    if not name.endswith(extensions):
        raise forms.ValidationError(f"Upload a {' or '.join(extensions)} file.")
    if (upload.size or 0) > MAX_UPLOAD_BYTES:
        limit = MAX_UPLOAD_BYTES // (1024 * 1024)
        raise forms.ValidationError(f"The file is larger than {limit} MB, the most Tandem imports.")
    return upload.read()


class CodebookUploadForm(PlainLabelsMixin, forms.Form):
    file = forms.FileField(
        label="Codebook (.qdc)",
        help_text="A REFI-QDA codebook. You will see which codes are added and which match "
        "codes you already have before anything is saved.",
    )

    def clean_file(self) -> UploadedFile:
        upload = self.cleaned_data["file"]
        self.data_bytes = _read_upload(upload, (".qdc", ".xml"))
        try:
            self.plan: CodebookPlan = read_codebook(self.data_bytes)
        except InterchangeError as error:
            raise _refusal(error) from error
        if not self.plan.codes:
            raise forms.ValidationError("The codebook has no codes.")
        return upload


class ProjectUploadForm(PlainLabelsMixin, forms.Form):
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(),
        empty_label=None,
        help_text="The organisation responsible for the new study.",
    )
    title = forms.CharField(
        label="Title of the new study",
        max_length=200,
        required=False,
        help_text="Leave empty to use the project's own name.",
    )
    file = forms.FileField(
        label="Project (.qdpx)",
        help_text="A REFI-QDA project. It becomes a new study that you lead; you will see "
        "what it holds before anything is saved.",
    )

    def __init__(self, *args: Any, organisations: "QuerySet[Organisation]", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]

    def clean_file(self) -> UploadedFile:
        upload = self.cleaned_data["file"]
        self.data_bytes = _read_upload(upload, (".qdpx", ".zip"))
        try:
            self.plan: ProjectPlan = read_project(self.data_bytes)
        except InterchangeError as error:
            raise _refusal(error) from error
        return upload


class ConfirmImportForm(forms.Form):
    token = forms.CharField(widget=forms.HiddenInput, max_length=64)
    organisation = forms.UUIDField(widget=forms.HiddenInput, required=False)
    title = forms.CharField(widget=forms.HiddenInput, max_length=200, required=False)

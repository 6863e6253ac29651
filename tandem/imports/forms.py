from django import forms
from django.conf import settings

from tandem.forms import PlainLabelsMixin
from tandem.imports.columns import Column, suggested_role
from tandem.imports.models import ImportJob
from tandem.imports.people import role_for
from tandem.organisations.models import Membership

NOT_IN_FILE = ""


class UploadForm(PlainLabelsMixin, forms.Form):
    file = forms.FileField(
        label="Spreadsheet",
        help_text=(
            "A .csv or .xlsx file with a heading row, up to 10 MB: exports from your school's "
            "management information system or Excel are read as they are."
        ),
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
        self.role_values: list[str] = []
        choices = [(NOT_IN_FILE, "(not in this file)"), *[(h, h) for h in headers if h]]
        for column in columns:
            label = column.heading + ("" if column.is_required else " (optional)")
            if column.instead:
                # Checked by the service: this column, or all of its alternatives.
                label = f"{column.heading} (or {' and '.join(column.instead_headings)})"
            self.fields[column.key] = forms.ChoiceField(
                label=label,
                choices=choices,
                required=column.is_required and not column.instead,
                help_text=column.help,
            )

    def mapping(self) -> dict[str, str]:
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if name not in {"name_order"} and not name.startswith("role_value_")
        }

    def role_mapping(self) -> dict[str, str] | None:
        if not self.role_values:
            return None
        return {
            value: self.cleaned_data.get(f"role_value_{position}") or ""
            for position, value in enumerate(self.role_values)
        }


UNMATCHED = ""


def role_values(job: ImportJob) -> list[str]:
    """The distinct values of the file's role column that are not already Tandem's own
    role names (those need no matching)."""
    heading = job.mapping.get("role_category")
    profile = job.column_profile.get("columns", {}).get(heading or "", {})
    return [value for value in profile.get("values") or [] if role_for(value, {}) is None]


class StaffMappingForm(MappingForm):
    """The staff import's mapping, plus the order of names written “Surname, Forename”
    (asked whenever the file has them) and each unknown role value of the file matched to
    one of Tandem's roles (suggested where the name is a common one)."""

    def __init__(
        self,
        *args: object,
        job: ImportJob,
        columns: tuple[Column, ...],
        headers: list[str],
        **kwargs: object,
    ) -> None:
        super().__init__(*args, columns=columns, headers=headers, **kwargs)
        if job.comma_name_headers:
            self.fields["name_order"] = forms.ChoiceField(
                label="Order of names written with a comma",
                choices=[("", "Choose the order"), *ImportJob.NameOrder.choices],
                required=False,
                initial=job.name_order,
                help_text=(
                    f"Most names in “{'”, “'.join(job.comma_name_headers)}” are written like "
                    "“Khan, Aisha”. Tandem will not turn names round unless you say so."
                ),
            )
        self.role_values = role_values(job)
        choices = [(UNMATCHED, "Not matched: reject these rows"), *Membership.RoleCategory.choices]
        for position, value in enumerate(self.role_values):
            self.fields[f"role_value_{position}"] = forms.ChoiceField(
                label=f"“{value}” in your file means",
                choices=choices,
                required=False,
                initial=job.role_mapping.get(value, suggested_role(value)),
            )


class HeadingRowForm(PlainLabelsMixin, forms.Form):
    heading_row = forms.IntegerField(
        label="Row that holds the headings",
        min_value=1,
        max_value=50,
        help_text="The row number as Excel shows it. Rows above it are not imported.",
    )


class CommitForm(PlainLabelsMixin, forms.Form):
    send_invitations = forms.BooleanField(
        label="Email each new person an invitation to choose a password",
        required=False,
        initial=True,
    )
    valid_only = forms.BooleanField(required=False, widget=forms.HiddenInput)

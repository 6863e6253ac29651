"""Shared form behaviour for every Tandem form."""

from typing import Any, TypeVar

from django import forms
from django.core.exceptions import ValidationError
from django.forms.renderers import TemplatesSetting

from tandem.accounts.models import User


class FormRenderer(TemplatesSetting):
    """Renders fields with templates/forms/field.html: spaced groups, checkbox-first layout."""

    field_template_name = "forms/field.html"


class PlainLabelsMixin:
    """Labels without a trailing colon, as plain-English forms read best."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class DatePicker(forms.DateInput):
    """The browser's date picker. It reads and sends ISO dates whatever the locale, so the
    value is written as one (en-GB's day-first format would leave the picker blank)."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return obj.full_name


class PeopleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return obj.full_name


def add_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Attach a service's ValidationError to the form, field by field where possible."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


FieldT = TypeVar("FieldT", bound=forms.Field)


def form_field(form: forms.BaseForm, name: str, kind: type[FieldT]) -> FieldT:
    """The form's field `name`, checked to be a `kind`, for setting its queryset, choices
    or formats when the form is built."""
    field = form.fields[name]
    if not isinstance(field, kind):
        message = (
            f"{type(form).__name__}.{name} is a {type(field).__name__}, not a {kind.__name__}."
        )
        raise TypeError(message)
    return field


class ListFilterForm(PlainLabelsMixin, forms.Form):
    """The small filter above every long list: search by name, a status, and (where the
    list has it) "needs attention". Pages pass the statuses they offer; a page without a
    "needs attention" rule passes `attention_label=None`."""

    q = forms.CharField(label="Name contains", required=False, max_length=100)
    status = forms.ChoiceField(label="Status", required=False)
    needs_attention = forms.BooleanField(label="Only those needing attention", required=False)

    def __init__(
        self,
        data: Any = None,
        *,
        statuses: list[tuple[str, str]] | None = None,
        attention_label: str | None = "Only those needing attention",
    ) -> None:
        super().__init__(data)
        if statuses is None:
            del self.fields["status"]
        else:
            form_field(self, "status", forms.ChoiceField).choices = [("", "Any"), *statuses]
        if attention_label is None:
            del self.fields["needs_attention"]
        else:
            self.fields["needs_attention"].label = attention_label

    def chosen(self) -> dict[str, Any]:
        """The filters to apply: empty when the form is unbound or invalid."""
        if not self.is_bound or not self.is_valid():
            return {}
        return {key: value for key, value in self.cleaned_data.items() if value}

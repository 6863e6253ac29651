"""Shared form behaviour for every Tandem form."""

from typing import Any, TypeVar

from django import forms
from django.core.exceptions import ValidationError
from django.forms.renderers import TemplatesSetting

from tandem.accounts.models import User


class GroupErrorBoundField(forms.BoundField):
    """Ties each radio or checkbox of a group to the group's error text: Django describes
    only the fieldset, which many screen readers do not read when a radio takes focus."""

    def build_widget_attrs(self, attrs: dict[str, Any], widget: Any = None) -> dict[str, Any]:
        attrs = super().build_widget_attrs(attrs, widget)
        if self.use_fieldset and self.errors and self.auto_id and "aria-describedby" not in attrs:
            attrs["aria-describedby"] = f"{self.auto_id}_error"
        return attrs


class FormRenderer(TemplatesSetting):
    """Renders fields with templates/forms/field.html: spaced groups, checkbox-first layout."""

    field_template_name = "forms/field.html"
    bound_field_class = GroupErrorBoundField


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

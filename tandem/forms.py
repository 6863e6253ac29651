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


def person_label(user: User) -> str:
    """ "Name — job title, organisation (email)", so two people of the same name are told
    apart wherever someone is chosen. The job title and organisation come from
    organisations.selectors.with_work_details when the queryset was annotated with it."""
    work = ", ".join(
        part
        for part in (getattr(user, "work_title", ""), getattr(user, "work_organisation", ""))
        if part
    )
    return f"{user.full_name}{f' — {work}' if work else ''} ({user.email})"


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return person_label(obj)


class PeopleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return person_label(obj)


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

"""Shared form behaviour for every Tandem form."""

import datetime as dt
import re
from typing import Any, TypeVar

from django import forms
from django.core.exceptions import ValidationError
from django.forms.renderers import TemplatesSetting
from django.utils import timezone

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


# ---- records: dates typed as day, month and year (the GOV.UK date-input pattern) ----
# The browser's date and date-time pickers read typed digits by locale and accept a
# six-digit year; separate day, month and year boxes cannot be misread ("09122026" typed
# into the day box is refused, never saved as 12 September).

DATE_HINT = "For example, 27 3 2027"
DATE_TIME_HINT = "For example, 27 3 2027 at 14:30"
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}:\d{2}))?")
_TIME = re.compile(r"^(\d{1,2})[:.]?(\d{2})$")


class DatePartsWidget(forms.MultiWidget):
    """Day, month and year boxes (and a time box in DateTimePartsWidget) in one fieldset.

    The day box takes the field's own id, so an error summary's link to the field lands
    on a box that takes focus. A single ISO value posted under the field's own name
    ("2027-03-27", or "2027-03-27T14:30") is read too, for scripts written against the
    one-box form; it is unambiguous, so nothing typed can be misread through it."""

    template_name = "forms/widgets/date_parts.html"
    parts: tuple[tuple[str, str], ...] = (("day", "Day"), ("month", "Month"), ("year", "Year"))

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        widgets: dict[str, forms.Widget | type[forms.Widget]] = {
            name: forms.TextInput(
                attrs={
                    "inputmode": "numeric" if name != "time" else "text",
                    "class": f"date-parts__{name}",
                    "spellcheck": "false",
                    "autocomplete": "off",
                }
            )
            for name, _label in self.parts
        }
        super().__init__(widgets, attrs)

    def decompress(self, value: Any) -> list[str | None]:
        if isinstance(value, dt.date):
            return [str(value.day), str(value.month), str(value.year)]
        return [None] * len(self.parts)

    def value_from_datadict(self, data: Any, files: Any, name: str) -> list[str | None]:
        values = super().value_from_datadict(data, files, name)
        single = data.get(name)
        if all(value is None for value in values) and isinstance(single, str):
            match = _ISO_DATE.match(single.strip())
            if match:
                year, month, day, time = match.groups()
                return [day, month, year, time][: len(self.parts)]
        return values

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return super().value_omitted_from_data(data, files, name) and name not in data

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        base_id = context["widget"]["attrs"].get("id")
        for subwidget, (part, label) in zip(
            context["widget"]["subwidgets"], self.parts, strict=True
        ):
            subwidget["part"], subwidget["label"] = part, label
            if base_id:
                subwidget["attrs"]["id"] = base_id if part == "day" else f"{base_id}_{part}"
        return context


class DateTimePartsWidget(DatePartsWidget):
    parts = (*DatePartsWidget.parts, ("time", "Time"))

    def decompress(self, value: Any) -> list[str | None]:
        if isinstance(value, dt.datetime):
            local = timezone.localtime(value) if timezone.is_aware(value) else value
            return [str(local.day), str(local.month), str(local.year), f"{local:%H:%M}"]
        return [None] * len(self.parts)


class DatePartsField(forms.MultiValueField):
    """A date typed as day, month and year; one message for the group."""

    widget: type[DatePartsWidget] = DatePartsWidget
    hint = DATE_HINT
    default_error_messages = {
        "required": "Enter a date, with the day, month and year.",
    }

    def __init__(self, *, help_text: str = "", **kwargs: Any) -> None:
        kwargs.pop("max_length", None)
        fields = tuple(forms.CharField(required=False) for _part in self.widget.parts)
        help_text = f"{help_text} {self.hint}".strip() if help_text else self.hint
        super().__init__(fields, require_all_fields=False, help_text=help_text, **kwargs)

    def date_from(self, day: str, month: str, year: str) -> dt.date:
        parts = {"day": day.strip(), "month": month.strip(), "year": year.strip()}
        missing = [name for name, part in parts.items() if not part]
        if missing:
            names = " and ".join(missing)
            raise ValidationError(f"The date must include a {names}.", code="incomplete")
        if not all(part.isdigit() for part in parts.values()):
            raise ValidationError("The day, month and year must be numbers.", code="invalid")
        if len(parts["day"]) > 2 or len(parts["month"]) > 2:
            message = "Type the day, month and year in their own boxes, for example 27 3 2027."
            raise ValidationError(message, code="invalid")
        if len(parts["year"]) != 4:
            raise ValidationError("The year must have 4 numbers, for example 2027.", code="invalid")
        try:
            return dt.date(int(parts["year"]), int(parts["month"]), int(parts["day"]))
        except ValueError:
            message = "The date must be a real date: check the day and the month."
            raise ValidationError(message, code="invalid") from None

    def compress(self, data_list: list[str]) -> dt.date | None:
        if not data_list:
            return None
        return self.date_from(*(part or "" for part in data_list[:3]))


class DateTimePartsField(DatePartsField):
    """A date typed as day, month and year with a time ("14:30"), in the local time zone."""

    widget = DateTimePartsWidget
    hint = DATE_TIME_HINT
    default_error_messages = {
        "required": "Enter a date, with the day, month and year, and a time.",
    }

    def compress(self, data_list: list[str]) -> dt.datetime | None:
        if not data_list:
            return None
        day, month, year, time = (part or "" for part in data_list)
        on = self.date_from(day, month, year)
        match = _TIME.match(time.strip())
        if not time.strip():
            raise ValidationError("Enter a time, for example 14:30.", code="incomplete")
        if match is None or int(match[1]) > 23 or int(match[2]) > 59:
            message = "Enter the time as hours and minutes on the 24-hour clock, for example 14:30."
            raise ValidationError(message, code="invalid")
        naive = dt.datetime.combine(on, dt.time(int(match[1]), int(match[2])))
        return timezone.make_aware(naive)


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

"""Every date a person types is typed as day, month and year in separate boxes (the GOV.UK
date-input pattern), and a saved date shows in those boxes when the form is opened again.

The browser's date pickers read typed digits by locale: "09122026" was saved as
12 September and a six-digit year was accepted. Separate boxes cannot be misread."""

import datetime as dt

import pytest
from django import forms
from django.utils import timezone, translation

from tandem.forms import DatePartsField, DateTimePartsField, DateTimePartsWidget
from tandem.framework.forms import ActionForm
from tandem.organisations.forms import MembershipForm
from tandem.people.forms import TrainingRecordForm
from tandem.privacy.forms.audit import AuditFilterForm
from tandem.programmes.forms import ProgrammeForm
from tandem.relationships.forms import (
    ActionForm as RecordActionForm,
)
from tandem.relationships.forms import (
    ConversationForm,
    GoalForm,
    ObservationForm,
    TimeEntryForm,
)

SAVED = dt.date(2026, 3, 4)


class OneDate(forms.Form):
    on = DatePartsField(label="Date")


class OneMoment(forms.Form):
    at = DateTimePartsField(label="Date and time")


def date_fields(form_class: type[forms.BaseForm]) -> list[str]:
    return [
        name
        for name, field in form_class.base_fields.items()
        if isinstance(field, forms.DateField | forms.DateTimeField | DatePartsField)
    ]


@pytest.mark.parametrize(
    "form_class",
    [
        ActionForm,
        MembershipForm,
        TrainingRecordForm,
        ProgrammeForm,
        GoalForm,
        AuditFilterForm,
        ConversationForm,
        ObservationForm,
        TimeEntryForm,
        RecordActionForm,
    ],
)
def test_every_date_field_is_typed_as_day_month_and_year(form_class):
    names = date_fields(form_class)
    assert names, f"{form_class.__name__} has no date field to check"
    for name in names:
        field = form_class.base_fields[name]
        assert isinstance(field, DatePartsField), f"{form_class.__name__}.{name}"
        assert "For example, 27 3 2027" in str(field.help_text)


def test_a_saved_date_shows_in_its_boxes_in_british_english():
    with translation.override("en-gb"):
        html = str(OneDate(initial={"on": SAVED})["on"])
    assert 'name="on_day"' in html
    assert 'value="4"' in html
    assert 'value="3"' in html
    assert 'value="2026"' in html
    assert 'type="date"' not in html


def test_each_box_has_its_own_label_and_the_day_box_takes_the_fields_id():
    html = str(OneDate()["on"])
    for label in ("Day", "Month", "Year"):
        assert f">{label}</label>" in html
    # The error summary links to #id_on: the day box, which can take focus.
    assert 'id="id_on"' in html
    assert 'for="id_on_month"' in html


def test_a_typed_date_is_read_day_first():
    form = OneDate({"on_day": "09", "on_month": "12", "on_year": "2026"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["on"] == dt.date(2026, 12, 9)


def test_eight_digits_typed_into_the_day_box_are_refused_not_read_as_a_date():
    form = OneDate({"on_day": "09122026", "on_month": "12", "on_year": "2026"})
    assert not form.is_valid()
    assert form.errors["on"] == [
        "Type the day, month and year in their own boxes, for example 27 3 2027."
    ]


def test_eight_digits_in_the_day_box_alone_ask_for_the_month_and_year():
    form = OneDate({"on_day": "09122026", "on_month": "", "on_year": ""})
    assert not form.is_valid()
    assert form.errors["on"] == ["The date must include a month and year."]


@pytest.mark.parametrize("year", ["202612", "26", "0"])
def test_a_year_without_four_digits_is_refused(year):
    form = OneDate({"on_day": "9", "on_month": "12", "on_year": year})
    assert not form.is_valid()
    assert form.errors["on"] == ["The year must have 4 numbers, for example 2027."]


@pytest.mark.parametrize(
    ("day", "month", "year", "message"),
    [
        ("31", "2", "2027", "The date must be a real date: check the day and the month."),
        ("1", "13", "2027", "The date must be a real date: check the day and the month."),
        ("", "3", "2027", "The date must include a day."),
        ("x", "3", "2027", "The day, month and year must be numbers."),
        ("", "", "", "Enter a date, with the day, month and year."),
    ],
)
def test_one_message_for_the_group_says_what_is_wrong(day, month, year, message):
    form = OneDate({"on_day": day, "on_month": month, "on_year": year})
    assert not form.is_valid()
    assert form.errors["on"] == [message]


def test_a_date_and_time_is_read_in_local_time():
    form = OneMoment({"at_day": "1", "at_month": "7", "at_year": "2026", "at_time": "14.30"})
    assert form.is_valid(), form.errors
    at = form.cleaned_data["at"]
    assert timezone.localtime(at).hour == 14  # British Summer Time, not UTC
    assert at == dt.datetime(2026, 7, 1, 13, 30, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("time", "message"),
    [
        ("", "Enter a time, for example 14:30."),
        ("25:00", "Enter the time as hours and minutes on the 24-hour clock, for example 14:30."),
        ("2pm", "Enter the time as hours and minutes on the 24-hour clock, for example 14:30."),
    ],
)
def test_a_missing_or_impossible_time_is_refused(time, message):
    form = OneMoment({"at_day": "1", "at_month": "7", "at_year": "2026", "at_time": time})
    assert not form.is_valid()
    assert form.errors["at"] == [message]


def test_a_saved_moment_shows_its_local_time():
    saved = dt.datetime(2026, 7, 1, 13, 30, tzinfo=dt.UTC)
    assert DateTimePartsWidget().decompress(saved) == ["1", "7", "2026", "14:30"]


def test_a_single_iso_value_from_a_script_is_still_read_unambiguously():
    form = OneDate({"on": "2026-12-09"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["on"] == dt.date(2026, 12, 9)
    assert not OneDate({"on": "09/12/2026"}).is_valid()

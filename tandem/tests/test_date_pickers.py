"""Every date field a person edits shows its saved value in the browser's date picker.

The picker reads only ISO dates; with en-GB's day-first format it would show an empty
field, and saving the form would then lose the date the person had recorded."""

import datetime as dt

import pytest
from django import forms
from django.utils import translation

from tandem.forms import DatePicker
from tandem.framework.forms import ActionForm
from tandem.organisations.forms import MembershipForm
from tandem.people.forms import TrainingRecordForm
from tandem.programmes.forms import ProgrammeForm
from tandem.relationships.forms import GoalForm

SAVED = dt.date(2026, 3, 4)


def date_fields(form_class: type[forms.BaseForm]) -> list[str]:
    return [
        name for name, field in form_class.base_fields.items() if isinstance(field, forms.DateField)
    ]


@pytest.mark.parametrize(
    "form_class", [ActionForm, MembershipForm, TrainingRecordForm, ProgrammeForm, GoalForm]
)
def test_every_date_field_uses_the_iso_date_picker(form_class):
    names = date_fields(form_class)
    assert names, f"{form_class.__name__} has no date field to check"
    for name in names:
        widget = form_class.base_fields[name].widget
        assert isinstance(widget, DatePicker), f"{form_class.__name__}.{name}"


def test_the_picker_shows_a_saved_date_in_iso_form_in_british_english():
    with translation.override("en-gb"):
        html = DatePicker().render("completed_on", SAVED)
    assert 'value="2026-03-04"' in html
    assert 'type="date"' in html

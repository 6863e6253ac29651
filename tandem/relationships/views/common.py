"""Helpers shared by the relationship views."""

from collections.abc import Callable
from typing import cast

from django import forms
from django.http import QueryDict

from tandem.relationships.models import Conversation, Goal
from tandem.relationships.services import EditConflictError

CONFLICT_MESSAGE = (
    "Someone else saved a change while you were editing. Nothing was overwritten: your text is "
    "still in the form below, and the version now saved is shown above it. Copy across "
    "anything you want to keep, then save again."
)


def show_conflict(form: forms.BaseForm, version_field: str, version: int) -> None:
    """Explain an edit conflict on `form`, keeping what the person typed, and point its
    hidden `version_field` at the version now saved so that saving again goes through."""
    form.add_error(None, CONFLICT_MESSAGE)
    data = cast(QueryDict, form.data).copy()  # a bound form's data is request.POST
    data[version_field] = str(version)
    form.data = data


def versioned_save(
    form: forms.BaseForm, save: Callable[[int], object]
) -> Goal | Conversation | None:
    """Run `save(version)`. On an edit conflict keep everything the person typed, explain,
    and return the version now saved (for the template to show); otherwise None."""
    try:
        save(form.cleaned_data["version"] or 0)
    except EditConflictError as conflict:
        latest = conflict.latest
        if not isinstance(latest, Goal | Conversation):
            raise
        show_conflict(form, "version", latest.version)
        return latest
    return None

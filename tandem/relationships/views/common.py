"""Helpers shared by the relationship views."""

from tandem.relationships.services import EditConflictError

CONFLICT_MESSAGE = (
    "Someone else saved a change while you were editing. Nothing was overwritten: your text is "
    "still in the form below, and the version now saved is shown above it. Copy across "
    "anything you want to keep, then save again."
)


def versioned_save(form: object, save: object) -> object:
    """Run `save(version)`. On an edit conflict keep everything the person typed, explain,
    and return the version now saved (for the template to show); otherwise None."""
    try:
        save(form.cleaned_data["version"] or 0)
    except EditConflictError as conflict:
        latest = conflict.args[0]
        form.add_error(None, CONFLICT_MESSAGE)
        form.data = form.data.copy()
        form.data["version"] = latest.version
        return latest
    return None

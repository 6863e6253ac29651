"""Shared form behaviour for every Tandem form."""

from django.forms.renderers import TemplatesSetting


class FormRenderer(TemplatesSetting):
    """Renders fields with templates/forms/field.html: spaced groups, checkbox-first layout."""

    field_template_name = "forms/field.html"


class PlainLabelsMixin:
    """Labels without a trailing colon, as plain-English forms read best."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

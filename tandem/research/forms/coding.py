"""Forms for the codebook, coding passes, coding a document and memos."""

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from tandem.forms import PlainLabelsMixin
from tandem.research.coding_reads import code_choices
from tandem.research.models import Code, CodedSegment, Memo, Study

COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


class CodeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Code) -> str:
        return getattr(obj, "path_label", obj.name)


class CodesChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Code) -> str:
        return getattr(obj, "path_label", obj.name)


def _with_paths(study: Study) -> list[Code]:
    labelled = []
    for code, path in code_choices(study):
        code.path_label = path  # type: ignore[attr-defined]
        labelled.append(code)
    return labelled


def _set_choices(field: forms.Field, codes: list[Code]) -> None:
    if not isinstance(field, forms.ModelChoiceField):
        raise TypeError(field)
    # Choices from the one query code_choices made, in codebook order, labelled by path.
    field.queryset = Code.objects.filter(pk__in=[code.pk for code in codes])
    field.choices = [("", "—")] if not isinstance(field, forms.ModelMultipleChoiceField) else []
    field.choices += [(code.pk, field.label_from_instance(code)) for code in codes]


class CodeForm(PlainLabelsMixin, forms.ModelForm):
    parent = CodeChoiceField(
        queryset=Code.objects.none(),
        required=False,
        label="Under (parent code)",
        help_text="Leave empty for a code at the top of the codebook.",
    )

    class Meta:
        model = Code
        fields = ["name", "parent", "level", "description", "colour"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "level": "Open codes label what is said; axial codes group and relate them; "
            "selective codes carry the core story.",
            "colour": "Optional, as #RRGGBB. Codes are always named in words as well.",
        }

    def __init__(self, *args: Any, study: Study, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        codes = _with_paths(study)
        if self.instance.pk:
            codes = [code for code in codes if code.pk != self.instance.pk]
        _set_choices(self.fields["parent"], codes)

    def clean_colour(self) -> str:
        colour = self.cleaned_data["colour"].strip()
        if colour and not COLOUR.match(colour):
            raise ValidationError("Write the colour as # and six hex digits, e.g. #1d70b8.")
        return colour

    def _post_clean(self) -> None:
        # The service validates the code (name clashes, cycles) and reports field by field.
        pass


class MergeForm(PlainLabelsMixin, forms.Form):
    target = CodeChoiceField(queryset=Code.objects.none(), label="Merge into")
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, study: Study, source: Code, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        codes = [code for code in _with_paths(study) if code.pk != source.pk]
        _set_choices(self.fields["target"], codes)


class PassForm(PlainLabelsMixin, forms.Form):
    purpose = forms.CharField(
        max_length=200,
        required=False,
        help_text="What this reading looks for, e.g. “second reading: barriers”.",
    )
    is_blind = forms.BooleanField(
        label="Blind pass: hide other coders' segments while I code",
        required=False,
        help_text="For measuring agreement between coders.",
    )


class ApplyCodesForm(PlainLabelsMixin, forms.Form):
    """A span is given by `start` and `end` (filled in when text is selected with a mouse)
    or by the words themselves, which the server finds in the text."""

    passage = forms.CharField(
        label="Words to code",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Select text above, or type or paste the exact words from the document.",
        max_length=20000,
    )
    start = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)
    end = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)
    occurrence = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    codes = CodesChoiceField(
        queryset=Code.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        label="Codes to apply",
    )

    def __init__(self, *args: Any, study: Study, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_choices(self.fields["codes"], _with_paths(study))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        has_span = cleaned.get("start") is not None and cleaned.get("end") is not None
        if not has_span and not (cleaned.get("passage") or "").strip():
            raise ValidationError(
                {"passage": "Select the text to code, or type the words to code."}
            )
        return cleaned


class SegmentForm(PlainLabelsMixin, forms.Form):
    code = CodeChoiceField(queryset=Code.objects.none(), label="Code")
    passage = forms.CharField(
        label="Words coded",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Add or take away words at either end to widen or narrow the segment.",
        max_length=20000,
    )
    occurrence = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args: Any, study: Study, segment: CodedSegment, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"code": segment.code_id, "passage": segment.quote})
        super().__init__(*args, **kwargs)
        _set_choices(self.fields["code"], _with_paths(study))


class MemoForm(PlainLabelsMixin, forms.ModelForm):
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 8}), max_length=20000)

    class Meta:
        model = Memo
        fields = ["title", "text"]

    def _post_clean(self) -> None:
        pass

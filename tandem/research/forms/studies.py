"""Forms for setting up a study, its team, strands and participants, and its data."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from tandem.accounts.models import User
from tandem.forms import DatePicker, PersonChoiceField, PlainLabelsMixin, form_field
from tandem.organisations.models import Organisation, Partnership
from tandem.programmes.models import Programme
from tandem.research import policy
from tandem.research.models import Document, Participant, Pseudonym, Study, TeamRole
from tandem.research.services import importing, studies
from tandem.uploads import check_upload

TRANSCRIPT_TYPES = (".txt", ".docx", ".vtt", ".srt")


class StudyForm(PlainLabelsMixin, forms.ModelForm):
    class Meta:
        model = Study
        fields = [
            "title",
            "organisation",
            "programme",
            "partnership",
            "research_questions",
            "ethics_statement",
            "place_names",
        ]
        widgets = {
            "research_questions": forms.Textarea(attrs={"rows": 4}),
            "ethics_statement": forms.Textarea(attrs={"rows": 6}),
            "place_names": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "programme": (
                "The programme the study evaluates, or leave empty and choose a partnership."
            ),
            "partnership": "Or the partnership whose scheme it evaluates.",
        }

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organisations = policy.organisations_for_new_study(user)
        if self.instance.pk:
            organisations = Organisation.objects.filter(pk=self.instance.organisation_id)
            self.fields["organisation"].disabled = True
        form_field(self, "organisation", forms.ModelChoiceField).queryset = organisations
        form_field(self, "programme", forms.ModelChoiceField).queryset = Programme.objects.filter(
            organisations__in=organisations
        ).distinct()
        form_field(
            self, "partnership", forms.ModelChoiceField
        ).queryset = Partnership.objects.filter(organisations__in=organisations).distinct()


class StatusForm(forms.Form):
    status = forms.ChoiceField(choices=Study.Status.choices)


class MemberForm(PlainLabelsMixin, forms.Form):
    user = PersonChoiceField(queryset=User.objects.none(), label="Person")
    role = forms.ChoiceField(choices=TeamRole.choices, initial=TeamRole.CODER)

    def __init__(self, *args: Any, study: Study, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        form_field(self, "user", forms.ModelChoiceField).queryset = studies.team_candidates(study)


class RoleForm(forms.Form):
    role = forms.ChoiceField(choices=TeamRole.choices)


class StrandForm(PlainLabelsMixin, forms.Form):
    name = forms.CharField(max_length=120, label="Strand name")
    description = forms.CharField(
        max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class MoveForm(forms.Form):
    direction = forms.ChoiceField(choices=[("up", "Up"), ("down", "Down")])


def strand_field(study: Study) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(queryset=study.strands.all(), label="Strand", empty_label=None)


class InviteForm(PlainLabelsMixin, forms.Form):
    user = PersonChoiceField(queryset=User.objects.none(), label="Person to invite")

    def __init__(self, *args: Any, study: Study, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["strand"] = strand_field(study)
        form_field(self, "user", forms.ModelChoiceField).queryset = studies.participant_candidates(
            study
        )


class OutsideParticipantForm(PlainLabelsMixin, forms.Form):
    name = forms.CharField(
        max_length=150,
        label="Their name",
        help_text="Seen by the lead and coders only; documents show the pseudonym.",
    )
    consent_method = forms.CharField(
        max_length=300,
        label="How consent was obtained",
        help_text="For example: signed paper form, 3 March 2026, kept by the lead.",
    )

    def __init__(self, *args: Any, study: Study, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["strand"] = strand_field(study)


class ParticipantForm(PlainLabelsMixin, forms.Form):
    pseudonym = forms.CharField(max_length=60)
    consent_method = forms.CharField(
        max_length=300, required=False, label="How consent was obtained"
    )

    def __init__(self, *args: Any, participant: Participant, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["strand"] = strand_field(participant.study)
        if participant.user_id:
            del self.fields["consent_method"]


class ConsentForm(PlainLabelsMixin, forms.Form):
    decision = forms.ChoiceField(
        choices=[
            ("give", "I consent to take part in this study"),
            ("decline", "I do not want to take part"),
        ],
        widget=forms.RadioSelect,
        label="Your decision",
    )
    shares_tandem_records = forms.BooleanField(
        required=False,
        label=(
            "The research team may also use my shared conversation summaries, learning log and "
            "survey comments in Tandem, pseudonymised"
        ),
        help_text="Never your private notes. You can change this later.",
    )


class TranscriptField(forms.FileField):
    def clean(self, data: Any, initial: Any = None) -> Any:
        upload = super().clean(data, initial)
        if upload and upload.size and upload.size > importing.MAX_BYTES:
            message = (
                f"The file is {upload.size / 1_048_576:.1f} MB; transcripts may be up to 5 MB."
            )
            raise ValidationError(message)
        if upload and importing.extension(upload.name or "") == ".docx":
            check_upload(
                upload,
                allowed=TRANSCRIPT_TYPES,
                description="a .txt, .docx, .vtt or .srt transcript",
            )
        return upload


class NameChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return obj.full_name


class ParticipantChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Participant) -> str:
        return f"{obj.pseudonym} ({obj.strand})"


class DocumentMetadataForm(PlainLabelsMixin, forms.ModelForm):
    interviewer = NameChoiceField(queryset=User.objects.none(), required=False)

    class Meta:
        model = Document
        fields = ["title", "kind", "interviewed_on", "interviewer", "duration_minutes"]
        widgets = {"interviewed_on": DatePicker()}
        labels = {"interviewed_on": "Interview date", "duration_minutes": "Length (minutes)"}

    def __init__(self, *args: Any, study: Study, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        team = User.objects.filter(study_memberships__study=study).order_by("full_name")
        form_field(self, "interviewer", forms.ModelChoiceField).queryset = team


class UploadForm(DocumentMetadataForm):
    """A transcript and its interview record. A file that cannot be read is reported on the
    form, which keeps everything else that was typed."""

    file = TranscriptField(
        label="Transcript",
        help_text="Plain text (.txt), Word (.docx) or captions (.vtt, .srt), up to 5 MB.",
    )

    participant = ParticipantChoiceField(
        queryset=Participant.objects.none(),
        required=False,
        help_text="Only participants who have given consent. Leave empty for field notes.",
    )

    class Meta(DocumentMetadataForm.Meta):
        fields = ["participant", *DocumentMetadataForm.Meta.fields]

    def __init__(self, *args: Any, study: Study, **kwargs: Any) -> None:
        super().__init__(*args, study=study, **kwargs)
        consenting = Participant.objects.filter(study=study, consent=Participant.Consent.GIVEN)
        form_field(
            self, "participant", forms.ModelChoiceField
        ).queryset = consenting.select_related("strand")
        self.transcript: importing.Transcript | None = None

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        upload = cleaned.get("file")
        if upload:
            try:
                self.transcript = importing.read_transcript(upload.name or "", upload.read())
            except ValidationError as error:
                self.add_error("file", error)
        return cleaned


class ReplaceTextForm(forms.Form):
    file = TranscriptField(
        label="Corrected transcript",
        help_text="Plain text (.txt), Word (.docx) or captions (.vtt, .srt), up to 5 MB.",
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        upload = cleaned.get("file")
        self.transcript = None
        if upload:
            try:
                self.transcript = importing.read_transcript(upload.name or "", upload.read())
            except ValidationError as error:
                self.add_error("file", error)
        return cleaned


class AddNameForm(PlainLabelsMixin, forms.Form):
    original = forms.CharField(max_length=200, label="Name to replace")
    kind = forms.ChoiceField(choices=Pseudonym.Kind.choices, label="It is a")


class UndoForm(forms.Form):
    source_start = forms.IntegerField(min_value=0)
    redo = forms.BooleanField(required=False)

"""Qualitative evaluation of a programme or partnership: studies, their participants and
data, and the coding that turns transcripts into themes.

Seed 001 evaluated a cross-organisation peer scheme through in-depth interviews in three
strands (peer mentors and coaches, staff who used the service, key managers), read several
times by the constant comparative method until themes emerged. A `Study` holds that work:
its `Strand`s are the participant groups, each `Participant` consents to research
separately from taking part in the programme, their `Document`s (interview transcripts, or
Tandem's own text they agreed to share) are pseudonymised before anyone codes them, and
`CodedSegment`s apply the study's hierarchical `Code`s to spans of a document, in recorded
`CodingPass`es. Themes, memos and biographical case summaries build on the segments.

Offsets (`start`, `end`) are character positions in `Document.text` (Python string
indices, end exclusive), the text as analysed: after pseudonymisation. A document's text
is fixed once coding starts, so offsets stay valid.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from tandem.accounts.models import acting_user
from tandem.models import TandemModel, choices_constraint
from tandem.organisations.models import Organisation, Partnership
from tandem.programmes.models import Programme
from tandem.relationships.crypto import EncryptedTextField


class StudyStatus(models.TextChoices):
    SETTING_UP = "setting-up", "Setting up"
    COLLECTING = "collecting", "Collecting and analysing data"
    REPORTED = "reported", "Findings reported"
    CLOSED = "closed", "Closed"


class Study(TandemModel):
    """A qualitative evaluation of one programme, or of a partnership's scheme."""

    Status = StudyStatus

    title = models.CharField(max_length=200)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="research_studies",
        help_text="The organisation responsible for the study (its data controller).",
    )
    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, null=True, blank=True, related_name="studies"
    )
    partnership = models.ForeignKey(
        Partnership, on_delete=models.PROTECT, null=True, blank=True, related_name="studies"
    )
    research_questions = models.TextField(max_length=5000)
    ethics_statement = models.TextField(
        "ethics and consent statement",
        max_length=10000,
        help_text="What participants are told: the study's purpose, what is recorded, who "
        "reads it, how it is reported, and that they may withdraw at any time.",
    )
    status = models.CharField(max_length=12, choices=StudyStatus, default=StudyStatus.SETTING_UP)
    created_by = acting_user()
    # rsdata: places the lead wants pseudonymised in transcripts, one a line.
    place_names = models.TextField(
        "place names to pseudonymise",
        max_length=5000,
        blank=True,
        help_text="Towns, villages and areas named in interviews, one a line.",
    )
    # rsdata: when the study closed; the "study" retention period runs from it.
    closed_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["title"]
        verbose_name_plural = "studies"
        constraints = [
            choices_constraint("research_study_status_valid", status=StudyStatus),
            models.CheckConstraint(
                # About a programme or a partnership's scheme, not both.
                condition=~(Q(programme__isnull=False) & Q(partnership__isnull=False)),
                name="research_study_one_subject",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("research:study-detail", kwargs={"study_uuid": self.uuid})


class TeamRole(models.TextChoices):
    LEAD = "lead", "Lead researcher"
    CODER = "coder", "Researcher (codes data)"
    READER = "reader", "Reader (sees findings only)"


class StudyMember(TandemModel):
    """A member of the study's research team. Only the team sees the study's data."""

    Role = TeamRole

    study = models.ForeignKey(Study, on_delete=models.CASCADE, related_name="team")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="study_memberships"
    )
    role = models.CharField(max_length=8, choices=TeamRole, default=TeamRole.CODER)

    class Meta:
        ordering = ["study", "role", "user__full_name"]
        constraints = [
            choices_constraint("research_studymember_role_valid", role=TeamRole),
            models.UniqueConstraint(fields=["study", "user"], name="research_member_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()}) in {self.study}"


class Strand(TandemModel):
    """A participant group interviewed as one strand (e.g. peer mentors, service users,
    key managers)."""

    study = models.ForeignKey(Study, on_delete=models.CASCADE, related_name="strands")
    name = models.CharField(max_length=120)
    description = models.TextField(max_length=2000, blank=True)
    position = models.PositiveSmallIntegerField(default=0, db_default=0)

    class Meta:
        ordering = ["study", "position", "name"]
        constraints = [
            models.UniqueConstraint(fields=["study", "name"], name="research_strand_name_once"),
        ]

    def __str__(self) -> str:
        return self.name


class ConsentStatus(models.TextChoices):
    INVITED = "invited", "Invited"
    GIVEN = "given", "Consent given"
    DECLINED = "declined", "Declined"
    WITHDRAWN = "withdrawn", "Withdrawn"


class Participant(TandemModel):
    """A person taking part in a study, with research consent separate from taking part in
    the programme. Withdrawal removes their data from analysis and exports.

    `user` is empty for someone outside Tandem (a manager interviewed once); `name` is then
    what the team calls them. `pseudonym` ("Mentor 3") is what every output shows.
    """

    Consent = ConsentStatus

    study = models.ForeignKey(Study, on_delete=models.CASCADE, related_name="participants")
    strand = models.ForeignKey(Strand, on_delete=models.PROTECT, related_name="participants")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="research_participations",
    )
    name = models.CharField(max_length=150, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Where they work, for comparisons between organisations.",
    )
    pseudonym = models.CharField(max_length=60)
    consent = models.CharField(max_length=10, choices=ConsentStatus, default=ConsentStatus.INVITED)
    consent_changed_at = models.DateTimeField(null=True, blank=True)
    shares_tandem_records = models.BooleanField(
        "may use my Tandem records",
        default=False,
        db_default=False,
        help_text="The participant agreed that their shared conversation summaries, learning "
        "log and survey comments may be analysed, pseudonymised.",
    )
    invited_by = acting_user()
    # rsdata: for someone outside Tandem, how and when the lead obtained their consent.
    consent_method = models.CharField(
        "how consent was obtained",
        max_length=300,
        blank=True,
        help_text="For example: signed paper form, 3 March 2026, kept by the lead.",
    )
    # rsdata: every change of consent, [{"consent", "shares_tandem_records", "at", "by"}],
    # for the participant's subject-access pack.
    consent_history = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["study", "strand__position", "pseudonym"]
        constraints = [
            choices_constraint("research_participant_consent_valid", consent=ConsentStatus),
            models.UniqueConstraint(
                fields=["study", "pseudonym"], name="research_pseudonym_once_per_study"
            ),
            models.UniqueConstraint(
                fields=["study", "user"],
                condition=Q(user__isnull=False),
                name="research_participant_once_per_study",
            ),
            models.CheckConstraint(
                condition=Q(user__isnull=False) | ~Q(name=""), name="research_participant_named"
            ),
        ]
        indexes = [models.Index(fields=["study", "consent"], name="research_part_consent_idx")]

    def __str__(self) -> str:
        return self.pseudonym

    @property
    def in_analysis(self) -> bool:
        return self.consent == ConsentStatus.GIVEN


class DocumentKind(models.TextChoices):
    INTERVIEW = "interview", "Interview transcript"
    BIOGRAPHY = "biography", "Biographical interview"
    CONVERSATION = "conversation", "Shared conversation summary"
    LEARNING_LOG = "learning-log", "Learning log"
    SURVEY_COMMENT = "survey-comment", "Survey comments"
    FIELD_NOTES = "field-notes", "Field notes"


class SourceFormat(models.TextChoices):
    TXT = "txt", "Plain text"
    DOCX = "docx", "Word document"
    VTT = "vtt", "Captions (WebVTT)"
    SRT = "srt", "Captions (SubRip)"
    TANDEM = "tandem", "Tandem's own records"
    QDPX = "qdpx", "Imported project"


class Document(TandemModel):
    """One text analysed in the study: a transcript or a participant's Tandem records.

    `text` is the analysed text (pseudonymised); `turns` keeps a transcript's speaker
    turns as [{"speaker", "start", "end", "at"}] with character offsets into `text` and the
    caption time ("00:01:02.500") where the source had one. `pseudonyms_reviewed_at` is set
    when a lead has checked the replacements; nobody codes a document before that.
    """

    Kind = DocumentKind
    Format = SourceFormat

    study = models.ForeignKey(Study, on_delete=models.CASCADE, related_name="documents")
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, null=True, blank=True, related_name="documents"
    )
    kind = models.CharField(max_length=16, choices=DocumentKind, default=DocumentKind.INTERVIEW)
    title = models.CharField(max_length=200)
    source_format = models.CharField(max_length=8, choices=SourceFormat)
    interviewed_on = models.DateField(null=True, blank=True)
    interviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    duration_minutes = models.PositiveIntegerField(null=True, blank=True)
    text = EncryptedTextField()
    turns = models.JSONField(default=list, blank=True)
    num_words = models.PositiveIntegerField(default=0, db_default=0)
    pseudonyms_reviewed_at = models.DateTimeField(null=True, blank=True)
    added_by = acting_user()
    # rsdata: the text before pseudonymisation, kept only until the lead confirms the
    # replacements (then emptied), so a real name never persists in analysed text.
    original_text = EncryptedTextField(blank=True)
    # rsdata: the replacements made, [{"start", "end", "original", "replacement", "kind"}]
    # with offsets into `text`, for the review page; emptied with `original_text`.
    replacements = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["study", "title"]
        constraints = [
            choices_constraint("research_document_kind_valid", kind=DocumentKind),
            choices_constraint("research_document_format_valid", source_format=SourceFormat),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "research:document-detail",
            kwargs={"study_uuid": self.study.uuid, "document_uuid": self.uuid},
        )


class PseudonymKind(models.TextChoices):
    PERSON = "person", "Person"
    ORGANISATION = "organisation", "Organisation"
    PLACE = "place", "Place"


class Pseudonym(TandemModel):
    """A stable replacement used across the study's documents: a name of a person known to
    Tandem, an organisation or a place, and what every document shows instead."""

    Kind = PseudonymKind

    study = models.ForeignKey(Study, on_delete=models.CASCADE, related_name="pseudonyms")
    kind = models.CharField(max_length=12, choices=PseudonymKind)
    original = EncryptedTextField(max_length=200, single_line=True)
    replacement = models.CharField(max_length=60)

    class Meta:
        ordering = ["study", "kind", "replacement"]
        constraints = [
            choices_constraint("research_pseudonym_kind_valid", kind=PseudonymKind),
            models.UniqueConstraint(
                fields=["study", "replacement"], name="research_replacement_once"
            ),
        ]

    def __str__(self) -> str:
        return self.replacement


class CodeLevel(models.TextChoices):
    OPEN = "open", "Open"
    AXIAL = "axial", "Axial"
    SELECTIVE = "selective", "Selective"


class Code(TandemModel):
    """A code of the study's codebook; codes nest (a parent groups its children)."""

    Level = CodeLevel

    study = models.ForeignKey(Study, on_delete=models.CASCADE, related_name="codes")
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    name = models.CharField(max_length=120)
    description = models.TextField(max_length=2000, blank=True)
    level = models.CharField(max_length=10, choices=CodeLevel, default=CodeLevel.OPEN)
    colour = models.CharField(max_length=7, blank=True, help_text="#RRGGBB, optional.")
    created_by = acting_user()

    class Meta:
        ordering = ["study", "name"]
        constraints = [
            choices_constraint("research_code_level_valid", level=CodeLevel),
            # Two conditional constraints rather than nulls_distinct=False, which SQLite
            # cannot enforce: a name once under each parent, and once among top-level codes.
            models.UniqueConstraint(
                fields=["study", "parent", "name"],
                condition=Q(parent__isnull=False),
                name="research_code_name_once_per_parent",
            ),
            models.UniqueConstraint(
                fields=["study", "name"],
                condition=Q(parent__isnull=True),
                name="research_code_name_once_at_top",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class CodingPass(TandemModel):
    """One reading of the study's documents by one coder ("read several times"): which
    pass a segment was coded in shows how the analysis developed. A blind pass hides other
    coders' segments, for measuring agreement."""

    study = models.ForeignKey(Study, on_delete=models.CASCADE, related_name="passes")
    coder = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="coding_passes"
    )
    number = models.PositiveSmallIntegerField()
    purpose = models.CharField(max_length=200, blank=True)
    is_blind = models.BooleanField(default=False, db_default=False)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["study", "coder", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["study", "coder", "number"], name="research_pass_number_once"
            ),
        ]

    def __str__(self) -> str:
        return f"Pass {self.number} by {self.coder}"


class CodedSegment(TandemModel):
    """A code applied to a span of a document by a coder in a pass. Spans may overlap;
    the same coder applies a code to the same span once."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="segments")
    code = models.ForeignKey(Code, on_delete=models.PROTECT, related_name="segments")
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    coder = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="coded_segments"
    )
    coding_pass = models.ForeignKey(
        CodingPass, on_delete=models.CASCADE, null=True, blank=True, related_name="segments"
    )
    # rsqdpx: who coded it in a REFI-QDA project imported from elsewhere, when that person
    # is not a Tandem user (the segment is then recorded as the importer's).
    imported_coder_name = models.CharField(max_length=150, blank=True, default="")

    class Meta:
        ordering = ["document", "start", "end"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=F("start")), name="research_segment_not_empty"
            ),
            models.UniqueConstraint(
                fields=["document", "code", "coder", "start", "end"],
                name="research_segment_once",
            ),
        ]
        indexes = [
            models.Index(fields=["code", "document"], name="research_segment_code_idx"),
            models.Index(fields=["document", "coder"], name="research_segment_coder_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.code} at {self.start}–{self.end}"

    def clean(self) -> None:
        super().clean()
        if self.end is not None and self.start is not None and self.end <= self.start:
            raise ValidationError("Select some text to code: the selection is empty.")

    @property
    def quote(self) -> str:
        return self.document.text[self.start : self.end]


class Memo(TandemModel):
    """A researcher's note on the study, a code, a document or a coded segment."""

    study = models.ForeignKey(Study, on_delete=models.CASCADE, related_name="memos")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    title = models.CharField(max_length=200)
    text = EncryptedTextField(max_length=20000)
    code = models.ForeignKey(
        Code, on_delete=models.CASCADE, null=True, blank=True, related_name="memos"
    )
    document = models.ForeignKey(
        Document, on_delete=models.CASCADE, null=True, blank=True, related_name="memos"
    )
    segment = models.ForeignKey(
        CodedSegment, on_delete=models.CASCADE, null=True, blank=True, related_name="memos"
    )

    class Meta:
        ordering = ["study", "-created_at"]

    def __str__(self) -> str:
        return self.title


class Theme(TandemModel):
    """A theme built from codes, supported by chosen quotes."""

    study = models.ForeignKey(Study, on_delete=models.CASCADE, related_name="themes")
    name = models.CharField(max_length=200)
    description = models.TextField(max_length=5000, blank=True)
    codes = models.ManyToManyField(Code, blank=True, related_name="themes")
    quotes = models.ManyToManyField(CodedSegment, blank=True, related_name="themes")
    position = models.PositiveSmallIntegerField(default=0, db_default=0)
    created_by = acting_user()

    class Meta:
        ordering = ["study", "position", "name"]
        constraints = [
            models.UniqueConstraint(fields=["study", "name"], name="research_theme_name_once"),
        ]

    def __str__(self) -> str:
        return self.name


class CaseSummary(TandemModel):
    """A biographical case summary of one consenting participant."""

    participant = models.OneToOneField(
        Participant, on_delete=models.CASCADE, related_name="case_summary"
    )
    path_into_scheme = EncryptedTextField("how they came to the scheme", max_length=10000)
    practice_change = EncryptedTextField("how their practice changed", max_length=10000)
    quotes = models.ManyToManyField(CodedSegment, blank=True, related_name="case_summaries")
    written_by = acting_user()

    class Meta:
        ordering = ["participant"]
        verbose_name_plural = "case summaries"

    def __str__(self) -> str:
        return f"Case summary: {self.participant}"

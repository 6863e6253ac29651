"""Evidence bases: sources of research literature, reviewed to a standard template.

Seed 002 ("Mentoring and coaching for professionals: a study of the research evidence",
§1.3 "Methodology in brief") audited sources and summarised the selected ones to a
standard template (its Appendix C, "a template for reviewing sources"). A
`LiteratureBase` holds an organisation's (or partnership's) sources and its review team;
each `Source` is reviewed independently by two reviewers (`SourceReview` with
`is_agreed=False`), and the moderator records the agreed review (`is_agreed=True`), which
alone is synthesised, exported and shown to the organisation's other members.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse

from tandem.accounts.models import acting_user
from tandem.framework.keys import KEYS_OF_KIND
from tandem.models import TandemModel, choices_constraint
from tandem.organisations.models import Organisation, Partnership


class LiteratureBase(TandemModel):
    """An evidence base: the sources one organisation (or partnership) reviews."""

    title = models.CharField(max_length=200)
    description = models.TextField(max_length=5000, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="literature_bases",
        help_text="The organisation that owns the evidence base; its members may read it.",
    )
    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="literature_bases",
        help_text="Shared with a partnership: members of its organisations may read it too.",
    )
    created_by = acting_user()

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("evidence:base-detail", kwargs={"base_uuid": self.uuid})


class TeamRole(models.TextChoices):
    MODERATOR = "moderator", "Moderator (lead)"
    REVIEWER = "reviewer", "Reviewer"


class TeamMember(TandemModel):
    """A member of an evidence base's review team."""

    Role = TeamRole

    base = models.ForeignKey(LiteratureBase, on_delete=models.CASCADE, related_name="team")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="evidence_teams"
    )
    role = models.CharField(max_length=10, choices=TeamRole, default=TeamRole.REVIEWER)

    class Meta:
        ordering = ["base", "role", "user__full_name"]
        constraints = [
            choices_constraint("evidence_teammember_role_valid", role=TeamRole),
            models.UniqueConstraint(fields=["base", "user"], name="evidence_teammember_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"


class SourceType(models.TextChoices):
    ARTICLE = "article", "Journal article"
    BOOK = "book", "Book"
    CHAPTER = "chapter", "Book chapter"
    REPORT = "report", "Report"
    CONFERENCE = "conference", "Conference paper"
    THESIS = "thesis", "Thesis"
    WEB = "web", "Web page"
    OTHER = "other", "Other"


class SourceStatus(models.TextChoices):
    UNREVIEWED = "unreviewed", "Not reviewed yet"
    IN_REVIEW = "in-review", "In review"
    AWAITING_MODERATION = "awaiting-moderation", "Awaiting moderation"
    AGREED = "agreed", "Agreed"


class Source(TandemModel):
    """One piece of literature in the base. De-duplicated by DOI and by title and year."""

    Type = SourceType
    Status = SourceStatus

    base = models.ForeignKey(LiteratureBase, on_delete=models.CASCADE, related_name="sources")
    source_type = models.CharField(
        "type", max_length=12, choices=SourceType, default=SourceType.ARTICLE
    )
    title = models.CharField(max_length=500, blank=True)
    authors = models.TextField(max_length=5000, blank=True, help_text="One author a line.")
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    venue = models.CharField(
        "journal or venue", max_length=300, blank=True, help_text="Journal, book or conference."
    )
    volume = models.CharField(max_length=40, blank=True)
    issue = models.CharField(max_length=40, blank=True)
    pages = models.CharField(max_length=40, blank=True)
    publisher = models.CharField(max_length=300, blank=True)
    doi = models.CharField(
        "DOI", max_length=200, blank=True, help_text="For example, 10.1080/13632430500036231"
    )
    url = models.URLField("web address", max_length=1000, blank=True)
    abstract = models.TextField(max_length=20000, blank=True)
    keywords = models.TextField(max_length=2000, blank=True, help_text="One keyword a line.")
    # The title folded for duplicate checks (lower case, no accents or punctuation).
    title_key = models.CharField(max_length=500, blank=True, editable=False)
    status = models.CharField(
        max_length=20, choices=SourceStatus, default=SourceStatus.UNREVIEWED, editable=False
    )
    added_by = acting_user()

    class Meta:
        ordering = ["title_key", "year", "doi"]
        constraints = [
            choices_constraint(
                "evidence_source_valid", source_type=SourceType, status=SourceStatus
            ),
            models.UniqueConstraint(
                fields=["base", "doi"], condition=~Q(doi=""), name="evidence_source_doi_once"
            ),
            # Two conditional constraints rather than nulls_distinct=False, which SQLite
            # cannot enforce: a title once per year, and once among undated sources.
            models.UniqueConstraint(
                fields=["base", "title_key", "year"],
                condition=~Q(title_key="") & Q(year__isnull=False),
                name="evidence_source_title_year_once",
            ),
            models.UniqueConstraint(
                fields=["base", "title_key"],
                condition=~Q(title_key="") & Q(year__isnull=True),
                name="evidence_source_title_undated_once",
            ),
            models.CheckConstraint(
                # A source needs something to find it by: a DOI or a title.
                condition=~Q(doi="") | ~Q(title=""),
                name="evidence_source_identified",
            ),
        ]
        indexes = [
            # The dashboard's progress counts and its status filter.
            models.Index(fields=["base", "status"], name="evidence_source_status_idx"),
        ]

    def __str__(self) -> str:
        return self.title or f"DOI {self.doi}"

    def get_absolute_url(self) -> str:
        return reverse(
            "evidence:source-detail",
            kwargs={"base_uuid": self.base.uuid, "source_uuid": self.uuid},
        )

    @property
    def author_list(self) -> list[str]:
        return [line.strip() for line in self.authors.splitlines() if line.strip()]

    @property
    def keyword_list(self) -> list[str]:
        return [line.strip() for line in self.keywords.splitlines() if line.strip()]

    @property
    def reference(self) -> str:
        """A short reference: authors (year). Title. Venue, volume(issue), pages."""
        authors = "; ".join(self.author_list) or "Unknown author"
        parts = [f"{authors} ({self.year or 'n.d.'}). {self.title or 'Untitled'}."]
        where = self.venue
        if self.volume:
            where += f", {self.volume}"
            if self.issue:
                where += f"({self.issue})"
        if self.pages:
            where += f", {self.pages}"
        if where:
            parts.append(f"{where.strip(', ')}.")
        if self.publisher:
            parts.append(f"{self.publisher}.")
        if self.doi:
            parts.append(f"https://doi.org/{self.doi}")
        return " ".join(parts)


class Strength(models.TextChoices):
    """How strong a source's evidence is. Seed 002 names no scale; this one follows the
    criteria its review selected sources by (§1.3): concrete evidence of impact, and a
    report of effectiveness and effective elements."""

    STRONG = "strong", "Strong"
    MODERATE = "moderate", "Moderate"
    LIMITED = "limited", "Limited"
    DESCRIPTIVE = "descriptive", "Descriptive only"


STRENGTH_MEANINGS = {
    Strength.STRONG: "Concrete evidence of impact from a systematic review, or from "
    "substantial data (a large sample, or several methods or time points), with the "
    "effectiveness of the approach reported.",
    Strength.MODERATE: "Evidence of impact from a smaller or single-method study "
    "(surveys or interviews of participants), with effective elements reported.",
    Strength.LIMITED: "Practice-based or self-reported evidence from few participants, "
    "with little on how impact was judged.",
    Strength.DESCRIPTIVE: "Guidance, description or opinion: useful on models and "
    "approaches, but no evidence of impact.",
}

# The Appendix C fields, in the template's order: (field name, label, hint).
APPENDIX_C_FIELDS: list[tuple[str, str, str]] = [
    ("reference", "Reference", "The full reference as it should be cited."),
    ("sector", "Sector", "Education, social care, other."),
    ("cpd_context", "CPD context", "Mentoring, coaching, broader context of CPD."),
    ("purpose", "Purpose", "What are the main aims of the study or activity?"),
    (
        "participants",
        "Participants",
        "Heads, teachers, NQTs, support staff, social care workforce…",
    ),
    (
        "country_region",
        "Country, geographical region or area",
        "Where the research or activity was carried out.",
    ),
    ("duration", "Duration of project", "Timescale, ongoing, etc."),
    ("methods", "Methods", "Data collection methods, sample sizes, etc."),
    ("definitions", "Definitions of mentoring and coaching", ""),
    ("models_approaches", "Approaches and models of mentoring and coaching", ""),
    ("national_framework", "Reference to the National Framework for mentoring and coaching", ""),
    (
        "impacts_participants",
        "Impacts for participants",
        "Mentees, mentors, etc. (including teachers and other professionals).",
    ),
    (
        "impacts_organisations",
        "Impacts for organisations",
        "Schools, social care organisations, etc.",
    ),
    ("impacts_young_people", "Impacts for young people", "For example, pupils."),
    ("impacts_other", "Other impacts", ""),
    ("challenges", "Challenges", ""),
    ("effective_elements", "Effectiveness and effective elements", ""),
    ("other", "Other", ""),
    ("reviewer_comments", "Reviewer comments", "Your own view of the source and its evidence."),
]
APPENDIX_C_NAMES = [name for name, _label, _hint in APPENDIX_C_FIELDS]


class SourceReview(TandemModel):
    """One summary of a source to Appendix C: a reviewer's independent review, or the
    agreed review the moderator recorded from the two."""

    Strength = Strength

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="evidence_reviews",
        help_text="Who wrote it: a reviewer, or for the agreed review the moderator.",
    )
    is_agreed = models.BooleanField(default=False, db_default=False)
    reference = models.TextField(max_length=2000, blank=True)
    sector = models.TextField(max_length=2000, blank=True)
    cpd_context = models.TextField("CPD context", max_length=2000, blank=True)
    purpose = models.TextField(max_length=5000, blank=True)
    participants = models.TextField(max_length=5000, blank=True)
    country_region = models.TextField(max_length=2000, blank=True)
    duration = models.TextField(max_length=2000, blank=True)
    methods = models.TextField(max_length=5000, blank=True)
    definitions = models.TextField(max_length=5000, blank=True)
    models_approaches = models.TextField(max_length=5000, blank=True)
    national_framework = models.TextField(max_length=5000, blank=True)
    impacts_participants = models.TextField(max_length=5000, blank=True)
    impacts_organisations = models.TextField(max_length=5000, blank=True)
    impacts_young_people = models.TextField(max_length=5000, blank=True)
    impacts_other = models.TextField(max_length=5000, blank=True)
    challenges = models.TextField(max_length=5000, blank=True)
    effective_elements = models.TextField(max_length=5000, blank=True)
    other = models.TextField(max_length=5000, blank=True)
    reviewer_comments = models.TextField(max_length=5000, blank=True)
    strength = models.CharField("strength of evidence", max_length=12, choices=Strength, blank=True)
    moderation_note = models.TextField(
        max_length=5000, blank=True, help_text="For the agreed review: how it was agreed."
    )
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["source", "is_agreed", "created_at"]
        constraints = [
            choices_constraint(
                "evidence_review_strength_valid", allow_blank=True, strength=Strength
            ),
            models.UniqueConstraint(
                fields=["source", "reviewer"],
                condition=Q(is_agreed=False),
                name="evidence_review_once_per_reviewer",
            ),
            models.UniqueConstraint(
                fields=["source"], condition=Q(is_agreed=True), name="evidence_review_agreed_once"
            ),
            models.CheckConstraint(
                # A submitted review has a strength rating.
                condition=Q(submitted_at__isnull=True) | ~Q(strength=""),
                name="evidence_review_submitted_rated",
            ),
        ]
        indexes = [
            # Synthesis and exports: the agreed, submitted reviews.
            models.Index(fields=["is_agreed", "submitted_at"], name="evidence_review_agreed_idx"),
        ]

    def __str__(self) -> str:
        kind = "Agreed review" if self.is_agreed else f"Review by {self.reviewer}"
        return f"{kind} of {self.source}"

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None

    def appendix_c(self) -> list[tuple[str, str, str]]:
        """(name, label, text) for each Appendix C field, in the template's order."""
        return [(name, label, getattr(self, name)) for name, label, _hint in APPENDIX_C_FIELDS]


class ReviewTag(TandemModel):
    """A Framework item a review's evidence speaks to, by its stored kind and key."""

    review = models.ForeignKey(SourceReview, on_delete=models.CASCADE, related_name="tags")
    kind = models.CharField(max_length=20)
    key = models.SlugField(max_length=60)

    class Meta:
        ordering = ["review", "kind", "key"]
        constraints = [
            models.UniqueConstraint(fields=["review", "kind", "key"], name="evidence_tag_once"),
        ]
        indexes = [
            # The synthesis page: agreed reviews tagged to one Framework item.
            models.Index(fields=["kind", "key"], name="evidence_tag_item_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.key}"

    def clean(self) -> None:
        if self.key not in KEYS_OF_KIND.get(self.kind, frozenset()):  # type: ignore[call-overload]
            raise ValidationError(f"{self.kind}:{self.key} is not an item of the Framework.")


class ImportFormat(models.TextChoices):
    DOI = "doi", "List of DOIs"
    BIBTEX = "bibtex", "BibTeX"
    RIS = "ris", "RIS"


class ImportStatus(models.TextChoices):
    PREVIEW = "preview", "Waiting for confirmation"
    CONFIRMED = "confirmed", "Added"
    CANCELLED = "cancelled", "Cancelled"


class SourceImport(TandemModel):
    """A file (or list of DOIs) read and waiting for the moderator to confirm: what will be
    added, the duplicates found and the entries refused. Nothing is added until confirmed,
    and then all of it or none."""

    Format = ImportFormat
    Status = ImportStatus

    base = models.ForeignKey(LiteratureBase, on_delete=models.CASCADE, related_name="imports")
    file_format = models.CharField(max_length=8, choices=ImportFormat)
    file_name = models.CharField(max_length=255, blank=True)
    # [{"line", "fields": {…}}] ready to add; [{"line", "title", "reason"}] for the others.
    entries = models.JSONField(default=list, blank=True)
    duplicates = models.JSONField(default=list, blank=True)
    refused = models.JSONField(default=list, blank=True)
    notes = models.JSONField(default=list, blank=True)
    status = models.CharField(max_length=10, choices=ImportStatus, default=ImportStatus.PREVIEW)
    num_added = models.PositiveIntegerField(default=0, db_default=0)
    created_by = acting_user()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            choices_constraint(
                "evidence_import_valid", file_format=ImportFormat, status=ImportStatus
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_file_format_display()} import into {self.base}"

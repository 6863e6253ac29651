"""Research-impact case studies in the shape of the UK Research Excellence Framework.

Seed 000 ("Mentoring and coaching in education practitioners' professional learning:
Realising research impact", Findings) names three tasks: identifying a suitable case,
showing that the underpinning research is of high quality, and collecting and verifying
evidence of impact on practice, done by researchers and practitioners together. An
`ImpactCaseStudy` is that shared workspace: its team (`CaseMember`), the five REF
sections (`CaseSection`, each save kept as a `SectionVersion`, discussed in
`SectionComment`s), the `ResearchOutput`s that underpin it, the `ImpactEvent`s of its
timeline (adoption, measured effects, reach) and the register of `CorroboratingSource`s.
"""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from tandem.accounts.models import acting_user
from tandem.evaluation.models import ReportSnapshot
from tandem.models import TandemModel, choices_constraint
from tandem.organisations.models import Organisation, Partnership
from tandem.programmes.models import Programme

# REF 2021 guidance: the underpinning research from 1 January 2000 to 31 December 2020,
# the impact from 1 August 2013 to 31 July 2020. Editable per case for other exercises.
REF_RESEARCH_STARTS_ON = dt.date(2000, 1, 1)
REF_RESEARCH_ENDS_ON = dt.date(2020, 12, 31)
REF_IMPACT_STARTS_ON = dt.date(2013, 8, 1)
REF_IMPACT_ENDS_ON = dt.date(2020, 7, 31)


class ImpactCaseStudy(TandemModel):
    """A research team's and its practice partners' case for the impact of their research."""

    title = models.CharField(max_length=200)
    lead_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="impact_case_studies"
    )
    partner_organisations = models.ManyToManyField(
        Organisation, blank=True, related_name="impact_partnerships"
    )
    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="impact_case_studies",
    )
    research_starts_on = models.DateField(default=REF_RESEARCH_STARTS_ON)
    research_ends_on = models.DateField(default=REF_RESEARCH_ENDS_ON)
    impact_starts_on = models.DateField(default=REF_IMPACT_STARTS_ON)
    impact_ends_on = models.DateField(default=REF_IMPACT_ENDS_ON)
    summary_word_limit = models.PositiveSmallIntegerField(default=100)
    research_word_limit = models.PositiveSmallIntegerField(default=500)
    details_word_limit = models.PositiveSmallIntegerField(default=750)
    max_references = models.PositiveSmallIntegerField(default=6)
    max_sources = models.PositiveSmallIntegerField(default=10)
    page_limit = models.PositiveSmallIntegerField(default=5)
    created_by = acting_user(blank=True)

    class Meta:
        ordering = ["title"]
        verbose_name_plural = "impact case studies"
        constraints = [
            models.CheckConstraint(
                condition=Q(research_ends_on__gte=F("research_starts_on"))
                & Q(impact_ends_on__gte=F("impact_starts_on")),
                name="impact_case_windows_in_order",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("impact:case-detail", kwargs={"case_uuid": self.uuid})

    def clean(self) -> None:
        errors = {}
        for name, label in (("research", "research period"), ("impact", "impact period")):
            starts_on = getattr(self, f"{name}_starts_on")
            ends_on = getattr(self, f"{name}_ends_on")
            if starts_on and ends_on and ends_on < starts_on:
                errors[f"{name}_ends_on"] = f"The {label} must end on or after the day it starts."
        if (
            self.impact_starts_on
            and self.research_starts_on
            and self.impact_starts_on < self.research_starts_on
        ):
            errors["impact_starts_on"] = (
                "The impact period cannot start before the research period: impact follows "
                "the research that underpins it."
            )
        if errors:
            raise ValidationError(errors)


class CaseRole(models.TextChoices):
    LEAD = "lead", "Researcher lead"
    RESEARCHER = "researcher", "Researcher"
    PARTNER = "partner", "Practice partner"
    READER = "reader", "Reader"


class CaseMember(TandemModel):
    """A member of the case's team. Only the team sees the case."""

    Role = CaseRole

    case = models.ForeignKey(ImpactCaseStudy, on_delete=models.CASCADE, related_name="team")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="impact_memberships"
    )
    role = models.CharField(max_length=10, choices=CaseRole, default=CaseRole.RESEARCHER)

    class Meta:
        ordering = ["case", "role", "user__full_name"]
        constraints = [
            choices_constraint("impact_casemember_role_valid", role=CaseRole),
            models.UniqueConstraint(fields=["case", "user"], name="impact_casemember_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"


class SectionKind(models.TextChoices):
    SUMMARY = "summary", "1. Summary of the impact"
    RESEARCH = "research", "2. Underpinning research"
    REFERENCES = "references", "3. References to the research"
    DETAILS = "details", "4. Details of the impact"
    SOURCES = "sources", "5. Sources to corroborate the impact"


class CaseSection(TandemModel):
    """The current text of one of the five sections (its history in SectionVersion)."""

    Kind = SectionKind

    case = models.ForeignKey(ImpactCaseStudy, on_delete=models.CASCADE, related_name="sections")
    kind = models.CharField(max_length=10, choices=SectionKind)
    text = models.TextField(max_length=40000, blank=True)
    updated_by = acting_user(blank=True)

    class Meta:
        ordering = ["case", "kind"]
        constraints = [
            choices_constraint("impact_casesection_kind_valid", kind=SectionKind),
            models.UniqueConstraint(fields=["case", "kind"], name="impact_casesection_once"),
        ]

    def __str__(self) -> str:
        return self.get_kind_display()


class SectionVersion(TandemModel):
    """One saved text of a section; every save keeps one, so any can be restored."""

    section = models.ForeignKey(CaseSection, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    text = models.TextField(max_length=40000, blank=True)
    saved_by = acting_user(blank=True)

    class Meta:
        ordering = ["section", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["section", "number"], name="impact_version_once"),
        ]

    def __str__(self) -> str:
        return f"Version {self.number} of {self.section}"


class SectionComment(TandemModel):
    """A team member's comment on a section (the team only sees it)."""

    section = models.ForeignKey(CaseSection, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="impact_comments"
    )
    text = models.TextField(max_length=4000)

    class Meta:
        ordering = ["section", "created_at"]
        # The section page lists its comments oldest first.
        indexes = [
            models.Index(fields=["section", "created_at"], name="impact_comment_section_idx")
        ]

    def __str__(self) -> str:
        return f"Comment on {self.section}"


class OutputType(models.TextChoices):
    ARTICLE = "article", "Journal article"
    BOOK = "book", "Book"
    CHAPTER = "chapter", "Chapter in a book"
    REPORT = "report", "Report"
    CONFERENCE = "conference", "Conference contribution"
    OTHER = "other", "Other output"


class ResearchOutput(TandemModel):
    """An output of the underpinning research: one of the references in section 3.

    The DOI is stored as typed and never looked up (Tandem makes no network calls)."""

    Type = OutputType

    case = models.ForeignKey(ImpactCaseStudy, on_delete=models.CASCADE, related_name="outputs")
    title = models.CharField(max_length=300)
    authors = models.CharField(max_length=500)
    published_on = models.DateField("date published")
    venue = models.CharField("journal, publisher or venue", max_length=300, blank=True)
    doi = models.CharField("DOI", max_length=200, blank=True)
    output_type = models.CharField(max_length=10, choices=OutputType, default=OutputType.ARTICLE)
    quality_statement = models.TextField(
        max_length=2000,
        blank=True,
        help_text="Evidence of quality: peer review, competitive funding, prizes.",
    )

    class Meta:
        ordering = ["case", "published_on", "title"]
        constraints = [choices_constraint("impact_output_type_valid", output_type=OutputType)]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.published_on and self.published_on > timezone.localdate():
            raise ValidationError(
                {
                    "published_on": "The date published cannot be in the future: record an "
                    "output once it is published."
                }
            )


class EventKind(models.TextChoices):
    ADOPTION = "adoption", "Approach adopted"
    EFFECT = "effect", "Effect measured"
    REACH = "reach", "Reach"
    OTHER = "other", "Other impact event"


class ImpactEvent(TandemModel):
    """A dated step from research to impact, with its figures and the date they refer to.

    Candidates suggested from Tandem's own data are copied in with their figures as they
    stood (`figures_as_of`), so the case does not change when the programme does."""

    Kind = EventKind

    case = models.ForeignKey(ImpactCaseStudy, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=10, choices=EventKind, default=EventKind.OTHER)
    happened_on = models.DateField()
    description = models.TextField(max_length=2000)
    figures = models.TextField(max_length=2000, blank=True)
    figures_as_of = models.DateField(null=True, blank=True)
    programme = models.ForeignKey(
        Programme, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = acting_user(blank=True)

    class Meta:
        ordering = ["case", "happened_on"]
        constraints = [choices_constraint("impact_event_kind_valid", kind=EventKind)]

    def __str__(self) -> str:
        return self.description[:60]


class SourceKind(models.TextChoices):
    TESTIMONIAL = "testimonial", "Testimonial"
    REPORT = "report", "Report"
    DATA = "data", "Data"
    ADOPTION = "adoption", "Adoption record"
    MEDIA = "media", "Media"
    OTHER = "other", "Other"


class SourceStatus(models.TextChoices):
    REQUESTED = "requested", "Requested"
    RECEIVED = "received", "Received"
    VERIFIED = "verified", "Verified"


class CorroboratingSource(TandemModel):
    """A source that corroborates the impact (section 5), from requested to verified.

    `giver_name` and `giver_contact` are personal data about someone who may not use
    Tandem (a head teacher giving a testimonial): shown to the team only."""

    Kind = SourceKind
    Status = SourceStatus

    case = models.ForeignKey(ImpactCaseStudy, on_delete=models.CASCADE, related_name="sources")
    kind = models.CharField(max_length=12, choices=SourceKind, default=SourceKind.TESTIMONIAL)
    title = models.CharField(max_length=300)
    giver_name = models.CharField("given by", max_length=150, blank=True)
    giver_contact = models.CharField("contact details", max_length=300, blank=True)
    status = models.CharField(max_length=10, choices=SourceStatus, default=SourceStatus.REQUESTED)
    verification_method = models.TextField("how it was verified", max_length=2000, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    verified_at = models.DateTimeField(null=True, blank=True)
    snapshot = models.ForeignKey(
        ReportSnapshot, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    snapshot_computed_at = models.DateTimeField(null=True, blank=True)
    snapshot_fingerprint = models.CharField(max_length=200, blank=True)
    created_by = acting_user(blank=True)

    class Meta:
        ordering = ["case", "created_at"]
        constraints = [
            choices_constraint("impact_source_choices_valid", kind=SourceKind, status=SourceStatus),
            models.CheckConstraint(
                # A verified source says how it was verified.
                condition=~Q(status=SourceStatus.VERIFIED) | ~Q(verification_method=""),
                name="impact_source_verified_has_method",
            ),
        ]

    def __str__(self) -> str:
        return self.title

"""Case studies of an organisation's own mentoring or coaching, and the public extranet.

Seed 002 (§6 and §1.3) recommends further case studies, especially of mentoring and
coaching beyond initial teacher training, to enhance the extranet that shares effective
practice. A `CaseStudy` is the working copy its authors write; it goes from the authors to
the organisation's leader (endorsed) to a Tandem publisher, who publishes it. Publication
copies the approved text into a `Publication`: the public pages read only that table, so an
edit after publication goes back through approval while the published version stays.

Anyone identifiable in a case study is listed as an `IdentifiablePerson` with their
consent; a `CitedFigure` quotes a cell of the programme's own stored report, never one
about fewer than 5 people.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse

from tandem.accounts.models import acting_user
from tandem.models import TandemModel, choices_constraint
from tandem.organisations.models import Organisation, OrganisationSector, Phase
from tandem.programmes.choices import Approach, GroupFormat, MentorSource, Pairing, SectorMix
from tandem.programmes.models import Programme


class CaseStudyStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Waiting for the organisation's endorsement"
    ENDORSED = "endorsed", "Endorsed, waiting for a publisher"
    PUBLISHED = "published", "Published"
    WITHDRAWN = "withdrawn", "Withdrawn from the public pages"


class CaseStudy(TandemModel):
    """The working copy of a case study, as its authors write it."""

    Status = CaseStudyStatus

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="case_studies"
    )
    programme = models.ForeignKey(
        Programme,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="case_studies",
        help_text="The programme the case study is about: its model is copied in, and its "
        "report's figures may be cited.",
    )
    title = models.CharField(max_length=200)
    summary = models.TextField(
        max_length=600, help_text="Two or three sentences: what you did and what changed."
    )
    context = models.TextField(
        max_length=6000, blank=True, help_text="Your organisation, the people and the need."
    )
    what_they_did = models.TextField("what we did", max_length=10000, blank=True)
    challenges = models.TextField(max_length=6000, blank=True)
    what_worked = models.TextField(max_length=6000, blank=True)
    evidence_of_impact = models.TextField(max_length=6000, blank=True)
    # The model on the review's dimensions (seed 002 §2.3), as Programme stores them.
    approach = models.CharField(max_length=30, choices=Approach.choices, blank=True)
    group_format = models.CharField(
        "format", max_length=12, choices=GroupFormat.choices, blank=True
    )
    pairing = models.CharField(max_length=15, choices=Pairing.choices, blank=True)
    sector_mix = models.CharField("sectors", max_length=15, choices=SectorMix.choices, blank=True)
    mentor_source = models.CharField(max_length=10, choices=MentorSource.choices, blank=True)
    mentor_styles = models.JSONField(default=list, blank=True)
    sector = models.CharField(max_length=20, choices=OrganisationSector.choices)
    phase = models.ForeignKey(
        Phase, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    tags = models.JSONField(
        "Framework items",
        default=list,
        blank=True,
        help_text="Keys of the principles, effective features and challenges it illustrates.",
    )
    authors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="authored_case_studies", blank=True
    )
    status = models.CharField(max_length=12, choices=CaseStudyStatus, default=CaseStudyStatus.DRAFT)
    # The last "returned with comments": what the leader or publisher asked to change.
    returned_comment = models.TextField(max_length=4000, blank=True)
    returned_by = acting_user(blank=True)
    endorsed_by = acting_user(blank=True)
    endorsed_at = models.DateTimeField(null=True, blank=True)
    created_by = acting_user()

    class Meta:
        ordering = ["-updated_at"]
        verbose_name_plural = "case studies"
        permissions = [
            ("publish_casestudy", "Can publish case studies on the public pages"),
        ]
        constraints = [
            choices_constraint("casestudies_casestudy_status_valid", status=CaseStudyStatus),
            choices_constraint("casestudies_casestudy_sector_valid", sector=OrganisationSector),
        ]
        indexes = [
            # The leader's and the publisher's queues: case studies in a status.
            models.Index(fields=["organisation", "status"], name="casestudy_org_status_idx"),
            models.Index(fields=["status"], name="casestudy_status_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("casestudies:case-study-detail", args=[self.uuid])


class ConsentStatus(models.TextChoices):
    MISSING = "missing", "Not yet recorded"
    GIVEN = "given", "Given"
    REFUSED = "refused", "Refused"


class IdentifiablePerson(TandemModel):
    """Someone a reader could identify from the case study, and their consent to it."""

    Consent = ConsentStatus

    case_study = models.ForeignKey(
        CaseStudy, on_delete=models.CASCADE, related_name="identifiable_people"
    )
    name = models.CharField(max_length=150)
    role = models.CharField(max_length=150, blank=True)
    email = models.EmailField(blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="case_study_mentions",
    )
    consent = models.CharField(max_length=10, choices=ConsentStatus, default=ConsentStatus.MISSING)
    consent_how = models.CharField(
        "how consent was given or refused",
        max_length=200,
        blank=True,
        help_text="For example: signed consent form, reply by email.",
    )
    consent_on = models.DateField("date of the decision", null=True, blank=True)
    consent_recorded_by = acting_user(blank=True)
    consent_recorded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            choices_constraint(
                "casestudies_identifiableperson_consent_valid", consent=ConsentStatus
            ),
        ]

    def __str__(self) -> str:
        return self.name


class CitedFigure(TandemModel):
    """One cell of the programme's stored report, quoted as evidence of impact."""

    case_study = models.ForeignKey(CaseStudy, on_delete=models.CASCADE, related_name="figures")
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="+")
    table_key = models.CharField(max_length=60)
    table_title = models.CharField(max_length=200)
    row_label = models.CharField(max_length=200)
    column = models.CharField(max_length=200)
    value = models.CharField(max_length=100)
    num_people = models.PositiveIntegerField(help_text="People the figure rests on.")
    computed_at = models.DateTimeField(
        help_text="When the report the figure comes from was computed."
    )
    created_by = acting_user()

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.table_title}: {self.row_label}, {self.column}"

    @property
    def source(self) -> str:
        return f"{self.programme.name} programme report, “{self.table_title}”"


class Publication(TandemModel):
    """The published version of a case study: what the public pages show.

    Copied from the case study when a publisher publishes it; the filters' values are
    stored here (phase by key, organisation by name) so the public list reads one table.
    Its `uuid` is the case study's own, so the public address stays the same across
    revisions and republication, and the public pages never join the working copy.
    """

    case_study = models.OneToOneField(
        CaseStudy, on_delete=models.CASCADE, related_name="publication"
    )
    organisation_name = models.CharField(max_length=200)
    title = models.CharField(max_length=200)
    summary = models.TextField(max_length=600)
    context = models.TextField(blank=True)
    what_they_did = models.TextField(blank=True)
    challenges = models.TextField(blank=True)
    what_worked = models.TextField(blank=True)
    evidence_of_impact = models.TextField(blank=True)
    approach = models.CharField(max_length=30, choices=Approach.choices, blank=True)
    group_format = models.CharField(max_length=12, choices=GroupFormat.choices, blank=True)
    pairing = models.CharField(max_length=15, choices=Pairing.choices, blank=True)
    sector_mix = models.CharField(max_length=15, choices=SectorMix.choices, blank=True)
    mentor_source = models.CharField(max_length=10, choices=MentorSource.choices, blank=True)
    mentor_styles = models.JSONField(default=list, blank=True)
    sector = models.CharField(max_length=20, choices=OrganisationSector.choices)
    phase_key = models.CharField(max_length=40, blank=True)
    phase_name = models.CharField(max_length=80, blank=True)
    tags = models.JSONField(default=list, blank=True)
    # [{"label", "value", "source", "computed_at", "num_people"}] as cited when published.
    figures = models.JSONField(default=list, blank=True)
    authors = models.JSONField(default=list, blank=True)  # names, as published
    published_at = models.DateTimeField(help_text="First published (the feed's date).")
    revised_at = models.DateTimeField(help_text="Last approved version published.")
    published_by = acting_user()

    class Meta:
        ordering = ["-published_at", "-id"]
        indexes = [
            # The public list, newest first, and the feed.
            models.Index(fields=["-published_at", "-id"], name="publication_newest_idx"),
            # The public list's filters, each newest first.
            models.Index(fields=["sector", "-published_at"], name="publication_sector_idx"),
            models.Index(fields=["phase_key", "-published_at"], name="publication_phase_idx"),
            models.Index(fields=["approach", "-published_at"], name="publication_approach_idx"),
            models.Index(fields=["group_format", "-published_at"], name="publication_format_idx"),
            models.Index(fields=["pairing", "-published_at"], name="publication_pairing_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("casestudies:public-detail", args=[self.uuid])


class PublicationTag(TandemModel):
    """A Framework item a published case study illustrates: the list's Framework filter."""

    publication = models.ForeignKey(Publication, on_delete=models.CASCADE, related_name="tag_rows")
    key = models.SlugField(max_length=60)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["publication", "key"], name="casestudies_publicationtag_unique"
            ),
        ]
        indexes = [
            # The public list filtered by Framework item: publications with this key.
            models.Index(fields=["key", "publication"], name="publicationtag_key_idx"),
        ]

    def __str__(self) -> str:
        return self.key

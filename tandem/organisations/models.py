import re
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse

from tandem.models import TandemModel, choices_constraint

if TYPE_CHECKING:
    from tandem.accounts.models import User

from tandem.organisations.choices import Region


class MembershipRoleCategory(models.TextChoices):
    TEACHER = "teacher", "Teacher or practitioner"
    TRAINEE = "trainee", "Trainee"
    MIDDLE_LEADER = "middle-leader", "Middle leader"
    SENIOR_LEADER = "senior-leader", "Senior leader"
    HEADTEACHER = "headteacher", "Headteacher or chief executive"
    SUPPORT = "support", "Support staff"
    TUTOR = "tutor", "Tutor or lecturer"
    ADVISER = "adviser", "Adviser or consultant"
    OTHER = "other", "Other"


class MembershipAccess(models.TextChoices):
    MEMBER = "member", "Member"
    COORDINATOR = "coordinator", "Programme coordinator"
    LEADER = "leader", "Organisation leader"


class Phase(TandemModel):
    """An education phase (early years, primary…) or 'not phase-specific' for other sectors."""

    key = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=80)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class OrganisationQuerySet(models.QuerySet["Organisation"]):
    def with_member(self, user: "User") -> "OrganisationQuerySet":
        return self.filter(memberships__user=user, memberships__ended_on__isnull=True).distinct()


class OrganisationType(models.TextChoices):
    SCHOOL = "school", "School"
    ACADEMY_TRUST = "academy-trust", "Academy trust"
    LOCAL_AUTHORITY = "local-authority", "Local authority"
    ITE_PROVIDER = "ite-provider", "ITE provider / HEI"
    EARLY_YEARS = "early-years", "Early-years setting"
    SOCIAL_CARE = "social-care", "Social care"
    HEALTH = "health", "Health"
    CREATIVE = "creative", "Creative and cultural"
    OTHER = "other", "Other"


class OrganisationSector(models.TextChoices):
    EDUCATION = "education", "Education"
    SOCIAL_CARE = "social-care", "Social care"
    HEALTH = "health", "Health"
    CREATIVE = "creative", "Creative and cultural"
    PUBLIC = "public", "Public services"
    VOLUNTARY = "voluntary", "Voluntary and community"
    PRIVATE = "private", "Private"


class OrganisationSize(models.TextChoices):
    SMALL = "small", "Fewer than 50 staff"
    MEDIUM = "medium", "50 to 249 staff"
    LARGE = "large", "250 to 999 staff"
    VERY_LARGE = "very-large", "1,000 staff or more"


class Organisation(TandemModel):
    Type = OrganisationType
    Sector = OrganisationSector
    Size = OrganisationSize

    name = models.CharField(max_length=200)
    type = models.CharField(max_length=20, choices=Type.choices)
    sector = models.CharField(max_length=20, choices=Sector.choices)
    phases = models.ManyToManyField(Phase, blank=True, related_name="organisations")
    region = models.CharField(max_length=20, choices=Region.choices)
    official_identifier = models.CharField(
        max_length=40,
        blank=True,
        help_text="For example a URN, UKPRN or Ofsted number. Must be unique when given.",
    )
    size = models.CharField(max_length=12, choices=Size.choices, blank=True)
    website = models.URLField(blank=True)
    description = models.TextField(blank=True, max_length=2000)
    requires_sso = models.BooleanField(
        "require single sign-on",
        default=False,
        db_default=False,  # old app servers insert rows without it during a rolling deploy
        help_text="Members must sign in with Microsoft or Google, never with a password.",
    )
    # A school's local authority (seed 002 §6 "for local authorities"): the authority's
    # coordinators and leaders see its schools' programmes, never their confidential record.
    # The foreign key's own index serves the authority's overview (parent = the authority).
    parent = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
        limit_choices_to={"type": "local-authority"},
        verbose_name="local authority",
        help_text="The local authority this school or setting belongs to, if any.",
    )

    objects = OrganisationQuerySet.as_manager()
    # Set by organisations.policy on the instance it returns: the viewer's access level.
    viewer_access: str | None

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["official_identifier"],
                condition=~Q(official_identifier=""),
                name="organisations_organisation_identifier_unique_when_present",
                violation_error_message="An organisation with this official identifier exists.",
            ),
            choices_constraint("organisations_organisation_type_valid", type=OrganisationType),
            choices_constraint(
                "organisations_organisation_sector_valid", sector=OrganisationSector
            ),
            choices_constraint("organisations_organisation_region_valid", region=Region),
            choices_constraint(
                "organisations_organisation_size_valid", allow_blank=True, size=OrganisationSize
            ),
        ]
        indexes = [
            # The directory and admin filter organisations by type and region.
            models.Index(fields=["type", "region"], name="org_type_region_idx"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("organisations:organisation-detail", kwargs={"organisation_uuid": self.uuid})

    def clean(self) -> None:
        super().clean()
        self.official_identifier = self.official_identifier.strip().upper()
        self.clean_parent()

    def clean_parent(self) -> None:
        if self.parent is None:
            return
        if self.parent.pk is not None and self.parent.pk == self.pk:
            raise ValidationError({"parent": "An organisation cannot belong to itself."})
        if self.parent.type != OrganisationType.LOCAL_AUTHORITY:
            message = f"{self.parent} is not a local authority; only those can hold schools."
            raise ValidationError({"parent": message})
        if self.type == OrganisationType.LOCAL_AUTHORITY:
            raise ValidationError({"parent": "A local authority does not belong to another."})


class SsoDomain(TandemModel):
    """An email domain an organisation has shown it owns, so that single sign-on may trust
    addresses on it: sign-up through SSO is open only on these domains, and a Microsoft
    directory's addresses link to existing accounts only on them (tandem.accounts.sso)."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="sso_domains"
    )
    domain = models.CharField(
        max_length=253,
        validators=[
            RegexValidator(
                r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$",
                "Enter a domain such as moorland.sch.uk, without @ or https://.",
                flags=re.IGNORECASE,
            )
        ],
        help_text="The part of staff email addresses after the @, for example moorland.sch.uk.",
    )
    microsoft_tenant_id = models.CharField(
        "Microsoft directory (tenant) id",
        max_length=36,
        blank=True,
        default="",
        db_default="",
        help_text=(
            "The Entra ID directory that owns this domain. Needed when Tandem accepts any "
            "Microsoft work account; addresses from other directories are then not trusted."
        ),
    )

    class Meta:
        ordering = ["domain"]
        constraints = [
            # Single sign-on looks a domain up to find whose it is: one owner per domain.
            models.UniqueConstraint(
                Lower("domain"),
                name="organisations_ssodomain_domain_unique_ci",
                violation_error_message="Another organisation has already claimed this domain.",
            ),
        ]

    def __str__(self) -> str:
        return self.domain

    def clean(self) -> None:
        self.domain = self.domain.strip().lower()
        self.microsoft_tenant_id = self.microsoft_tenant_id.strip().lower()
        super().clean()


class Partnership(TandemModel):
    """A partnership or consortium running a cross-organisation scheme (seed 001)."""

    name = models.CharField(max_length=200, unique=True)
    description = models.TextField(blank=True, max_length=2000)
    organisations = models.ManyToManyField(
        Organisation, through="PartnershipMember", related_name="partnerships"
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("organisations:partnership-detail", kwargs={"partnership_uuid": self.uuid})


class PartnershipMember(TandemModel):
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="members")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="partnership_memberships"
    )
    is_lead = models.BooleanField(default=False)
    joined_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-is_lead", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "organisation"],
                name="organisations_partnershipmember_once_per_partnership",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} in {self.partnership}"


class MembershipQuerySet(models.QuerySet["Membership"]):
    def current(self) -> "MembershipQuerySet":
        return self.filter(ended_on__isnull=True)


class Membership(TandemModel):
    """A person's place in an organisation: job, role, dates and line manager.

    The line manager is recorded so that later work can forbid line-manager mentoring and
    flag assessor conflicts (seed 002 §4.2.3 and §6).
    """

    RoleCategory = MembershipRoleCategory
    Access = MembershipAccess

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    job_title = models.CharField(max_length=120, blank=True)
    role_category = models.CharField(max_length=20, choices=RoleCategory.choices)
    access = models.CharField(
        max_length=20,
        choices=Access.choices,
        default=Access.MEMBER,
        help_text="What this person may do in Tandem for this organisation.",
    )
    # The organisation's data-protection lead (UK GDPR): may see the audit log, approve
    # erasure and produce subject-access packs for the organisation's people. Separate from
    # `access` because a leader or coordinator is often the data-protection lead too.
    data_protection_lead = models.BooleanField(
        default=False,
        db_default=False,
        help_text="Handles subject-access requests, erasure and the audit log.",
    )
    started_on = models.DateField(null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True)
    line_manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="line_managed_memberships",
    )

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["organisation__name", "user__full_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"],
                condition=Q(ended_on__isnull=True),
                name="organisations_membership_one_current_per_organisation",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True)
                | Q(started_on__isnull=True)
                | Q(ended_on__gte=models.F("started_on")),
                name="organisations_membership_ends_after_start",
            ),
            models.CheckConstraint(
                condition=~Q(line_manager=models.F("user")),
                name="organisations_membership_not_own_line_manager",
            ),
            choices_constraint(
                "organisations_membership_role_category_valid", role_category=MembershipRoleCategory
            ),
            choices_constraint("organisations_membership_access_valid", access=MembershipAccess),
        ]
        indexes = [
            # Every permission check asks "current memberships of this user".
            models.Index(fields=["user", "ended_on"], name="membership_user_current_idx"),
            # Organisation pages list current members.
            models.Index(fields=["organisation", "ended_on"], name="membership_org_current_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.user} at {self.organisation}"

    def clean(self) -> None:
        super().clean()
        if self.started_on and self.ended_on and self.ended_on < self.started_on:
            raise ValidationError({"ended_on": "The end date must be on or after the start date."})
        if self.line_manager_id and self.line_manager_id == self.user_id:
            raise ValidationError({"line_manager": "A person cannot be their own line manager."})

    @property
    def is_current(self) -> bool:
        return self.ended_on is None

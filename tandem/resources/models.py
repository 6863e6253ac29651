"""The resource library: documents, links, videos, templates and tools that help people use
the Framework, tagged to its items and offered beside them (seed 003, principles 7 and 10;
seed 002 §6 on the extranet of resources "as a means of sharing effective practice")."""

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse

from tandem.accounts.models import User, acting_user
from tandem.models import TandemModel, choices_constraint
from tandem.organisations.models import Membership, Organisation, Partnership


class ResourceKind(models.TextChoices):
    DOCUMENT = "document", "Document"
    LINK = "link", "Link"
    VIDEO = "video", "Video"
    TEMPLATE = "template", "Template"
    TOOL = "tool", "Tool"


class ResourceLicence(models.TextChoices):
    OGL = "ogl-3", "Open Government Licence v3.0"
    CC_BY = "cc-by-4", "Creative Commons Attribution 4.0 (CC BY 4.0)"
    CC_BY_SA = "cc-by-sa-4", "Creative Commons Attribution-ShareAlike 4.0 (CC BY-SA 4.0)"
    CC_BY_NC = "cc-by-nc-4", "Creative Commons Attribution-NonCommercial 4.0 (CC BY-NC 4.0)"
    PERMISSION = "permission", "All rights reserved, used with permission"
    OTHER = "other", "Other (say which)"


class ResourceVisibility(models.TextChoices):
    ORGANISATION = "organisation", "Members of the organisation"
    PARTNERSHIP = "partnership", "Members of the partnership's organisations"
    PUBLIC = "public", "Anyone, without signing in"


class ResourceAudience(models.TextChoices):
    LEADERS = "leaders", "Leaders and coordinators"
    MENTORS = "mentors", "Mentors and coaches"
    MENTEES = "mentees", "Mentees and coachees"


AUDIENCE_FIELDS = {
    ResourceAudience.LEADERS: "for_leaders",
    ResourceAudience.MENTORS: "for_mentors",
    ResourceAudience.MENTEES: "for_mentees",
}


class ResourceQuerySet(models.QuerySet["Resource"]):
    def current(self) -> "ResourceQuerySet":
        return self.filter(withdrawn_at__isnull=True)

    def public(self) -> "ResourceQuerySet":
        return self.filter(visibility=ResourceVisibility.PUBLIC)

    def visible_to(self, user: "User | AnonymousUser") -> "ResourceQuerySet":
        """Public resources, and those shared with an organisation or partnership the user
        belongs to now (withdrawn ones included: their pages say so)."""
        if not user.is_authenticated:
            return self.public()
        organisations = Membership.objects.current().filter(user=user).values("organisation")
        return self.filter(
            Q(visibility=ResourceVisibility.PUBLIC)
            | Q(visibility=ResourceVisibility.ORGANISATION, organisation__in=organisations)
            | Q(
                visibility=ResourceVisibility.PARTNERSHIP,
                partnership__in=Partnership.objects.filter(
                    members__organisation__in=organisations
                ).values("pk"),
            )
        )

    def for_audience(self, audience: str) -> "ResourceQuerySet":
        field = AUDIENCE_FIELDS.get(audience)  # type: ignore[call-overload]
        return self.filter(**{field: True}) if field else self


class Resource(TandemModel):
    """A resource held by one organisation or one partnership, shared with its members or
    with everyone."""

    Kind = ResourceKind
    Licence = ResourceLicence
    Visibility = ResourceVisibility
    Audience = ResourceAudience

    title = models.CharField(max_length=200)
    summary = models.TextField(
        max_length=3000,
        help_text="In your own words: what it is, who it helps and how to use it.",
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    link = models.URLField(
        "web address", max_length=500, blank=True, help_text="Where the resource is online."
    )
    file = models.FileField(upload_to="resources/%Y/", blank=True)
    for_leaders = models.BooleanField("leaders and coordinators", default=False)
    for_mentors = models.BooleanField("mentors and coaches", default=False)
    for_mentees = models.BooleanField("mentees and coachees", default=False)
    licence = models.CharField(max_length=12, choices=Licence.choices)
    licence_other = models.CharField(
        "other licence", max_length=200, blank=True, help_text="Name the licence or terms."
    )
    source = models.CharField(
        "source or credit",
        max_length=300,
        blank=True,
        help_text="Who made it, and where it was published.",
    )
    visibility = models.CharField("who can see it", max_length=12, choices=Visibility.choices)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="resources"
    )
    partnership = models.ForeignKey(
        Partnership, on_delete=models.PROTECT, null=True, blank=True, related_name="resources"
    )
    created_by = acting_user()
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = acting_user(blank=True)
    withdrawal_reason = models.CharField(max_length=300, blank=True)
    # Kept in step by a database trigger on PostgreSQL (see search.py); empty on SQLite,
    # which keeps its own FTS5 table instead.
    search_vector = SearchVectorField(null=True, editable=False)

    objects = ResourceQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                # Held by exactly one organisation or one partnership.
                condition=(Q(organisation__isnull=False) & Q(partnership__isnull=True))
                | (Q(organisation__isnull=True) & Q(partnership__isnull=False)),
                name="resources_resource_one_holder",
            ),
            models.CheckConstraint(
                # Shared with an organisation or partnership only by the one that holds it.
                condition=~Q(visibility="organisation", organisation__isnull=True)
                & ~Q(visibility="partnership", partnership__isnull=True),
                name="resources_resource_visibility_matches_holder",
            ),
            models.CheckConstraint(
                condition=Q(for_leaders=True) | Q(for_mentors=True) | Q(for_mentees=True),
                name="resources_resource_has_audience",
            ),
            choices_constraint(
                "resources_resource_choices_valid",
                kind=ResourceKind,
                licence=ResourceLicence,
                visibility=ResourceVisibility,
            ),
        ]
        indexes = [
            # The public list and the extranet read current public resources by title.
            models.Index(
                fields=["visibility", "withdrawn_at", "title"], name="resource_visible_idx"
            ),
            # Members' lists read their organisations' resources.
            models.Index(fields=["organisation", "withdrawn_at"], name="resource_org_idx"),
            # The kind filter on the list page.
            models.Index(fields=["kind"], name="resource_kind_idx"),
            # The licence filter on the list page.
            models.Index(fields=["licence"], name="resource_licence_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("resources:detail", kwargs={"resource_uuid": self.uuid})

    def clean(self) -> None:
        super().clean()
        errors: dict[str, str] = {}
        if bool(self.organisation_id) == bool(self.partnership_id):
            errors["organisation"] = "Choose one organisation or one partnership to hold it."
        if self.visibility == ResourceVisibility.ORGANISATION and not self.organisation_id:
            errors["visibility"] = "Only a resource held by an organisation can be shared with it."
        if self.visibility == ResourceVisibility.PARTNERSHIP and not self.partnership_id:
            errors["visibility"] = "Only a resource held by a partnership can be shared with it."
        if not (self.for_leaders or self.for_mentors or self.for_mentees):
            errors["for_leaders"] = "Choose at least one audience."
        if not self.link and not self.file:
            errors["link"] = "Give a web address or upload a file."
        if self.licence == ResourceLicence.OTHER and not self.licence_other.strip():
            errors["licence_other"] = "Name the licence or terms it is used under."
        if errors:
            raise ValidationError(errors)

    @property
    def holder(self) -> Organisation | Partnership | None:
        return self.organisation or self.partnership

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None

    @property
    def is_public(self) -> bool:
        return self.visibility == ResourceVisibility.PUBLIC

    @property
    def audiences(self) -> list[str]:
        return [
            str(ResourceAudience(audience).label)
            for audience, field in AUDIENCE_FIELDS.items()
            if getattr(self, field)
        ]

    @property
    def licence_label(self) -> str:
        if self.licence == ResourceLicence.OTHER:
            return self.licence_other
        return str(ResourceLicence(self.licence).label)

    @property
    def file_name(self) -> str:
        return (self.file.name or "").rsplit("/", 1)[-1] if self.file else ""


class ResourceTag(TandemModel):
    """A resource tagged to one Framework item, by the item's stable key and kind."""

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="tags")
    kind = models.CharField(max_length=20)
    key = models.CharField(max_length=60)

    class Meta:
        ordering = ["kind", "key"]
        constraints = [
            models.UniqueConstraint(
                fields=["resource", "kind", "key"], name="resources_resourcetag_once"
            ),
        ]
        indexes = [
            # "Resources that may help" beside an item, and the Framework item filter.
            models.Index(fields=["kind", "key"], name="resourcetag_item_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.resource} → {self.kind}:{self.key}"


class ResourceFeedback(TandemModel):
    """One person's answer to "Was this useful?", which they may change."""

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="feedback")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="resource_feedback"
    )
    is_useful = models.BooleanField("useful")
    comment = models.TextField(max_length=1000, blank=True)

    class Meta:
        ordering = ["-updated_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["resource", "user"], name="resources_resourcefeedback_once_per_person"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} on {self.resource}"

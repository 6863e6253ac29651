"""The Framework vocabulary as data: one row per principle, concept, feature, impact…"""

from django.db import models
from django.db.models import Q
from django.urls import reverse

from tandem.framework import keys
from tandem.framework.choices import AUDIENCE_TITLES, KIND_TITLES, text_choices
from tandem.models import TandemModel, choices_constraint

FrameworkItemKind = text_choices(keys.Kind, KIND_TITLES)
FrameworkItemAudience = text_choices(keys.ImpactAudience, AUDIENCE_TITLES)


class FrameworkItemQuerySet(models.QuerySet["FrameworkItem"]):
    def of_kind(self, kind: str) -> "FrameworkItemQuerySet":
        return self.filter(kind=kind)

    def for_perspective(self, perspective: str) -> "FrameworkItemQuerySet":
        return self.filter(**{f"is_for_{perspective}": True})


class FrameworkItem(TandemModel):
    """One named item of the Framework vocabulary; other apps refer to it by kind + key."""

    Kind = FrameworkItemKind
    Audience = FrameworkItemAudience

    kind = models.CharField(max_length=20, choices=Kind.choices)
    key = models.SlugField(
        max_length=60, help_text="Stable identifier other records store; never change it."
    )
    title = models.CharField(max_length=120)
    summary = models.CharField(max_length=200, help_text="One line, shown in lists.")
    description = models.TextField(max_length=2000)
    audience = models.CharField(
        max_length=20,
        choices=Audience.choices,
        blank=True,
        help_text="For impacts only: who gains.",
    )
    citation_source = models.CharField(
        max_length=120, help_text="The source document by its title, as people should see it."
    )
    citation_section = models.CharField(max_length=120, help_text="Section, table or page.")
    position = models.PositiveSmallIntegerField(default=0)
    is_builtin = models.BooleanField(
        default=False, editable=False, help_text="Shipped with Tandem (reloaded on upgrade)."
    )
    is_for_leaders = models.BooleanField("relevant to leaders", default=False)
    is_for_mentors = models.BooleanField("relevant to mentors and coaches", default=False)
    is_for_mentees = models.BooleanField("relevant to mentees and coachees", default=False)
    facets = models.JSONField(
        default=dict, blank=True, help_text="Short labelled facts, e.g. for the comparison."
    )
    related = models.ManyToManyField("self", blank=True, symmetrical=True)

    objects = FrameworkItemQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "position", "title"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "key"], name="framework_frameworkitem_key"),
            choices_constraint("framework_frameworkitem_kind_valid", kind=FrameworkItemKind),
            models.CheckConstraint(
                # Only impacts have an audience, and every impact has one.
                condition=(Q(kind=keys.Kind.IMPACT) & Q(audience__in=FrameworkItemAudience.values))
                | (~Q(kind=keys.Kind.IMPACT) & Q(audience="")),
                name="framework_frameworkitem_audience_for_impacts",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("framework:item-detail", kwargs={"kind": self.kind, "key": self.key})

    @property
    def citation(self) -> str:
        return f"{self.citation_source}, {self.citation_section}"

"""The public pages' sitemap sections. tandem.urls gathers every app's sections in one
`sitemaps` dict served at /sitemap.xml (an index, paged for large numbers)."""

import datetime as dt

from django.contrib.sitemaps import Sitemap
from django.db.models import QuerySet
from django.urls import reverse

from tandem.casestudies.models import Publication


class CaseStudySitemap(Sitemap):
    # Smaller than the protocol's 50,000 so a page is quick to build; the index lists pages.
    limit = 5000
    changefreq = "monthly"

    def items(self) -> "QuerySet[Publication]":
        return (
            Publication.objects.select_related("case_study")
            .only("revised_at", "case_study__uuid")
            .order_by("id")
        )

    def location(self, item: Publication) -> str:
        return reverse("casestudies:public-detail", args=[item.case_study.uuid])

    def lastmod(self, item: Publication) -> dt.datetime:
        return item.revised_at


class CaseStudyPagesSitemap(Sitemap):
    """The extranet's fixed pages."""

    changefreq = "daily"

    def items(self) -> list[str]:
        return ["casestudies:public-list"]

    def location(self, item: str) -> str:
        return reverse(item)

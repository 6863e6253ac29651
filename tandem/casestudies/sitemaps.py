"""The public pages' sitemap sections. tandem.urls gathers every app's sections in one
`sitemaps` dict served at /sitemap.xml (an index, paged for large numbers)."""

import datetime as dt

from django.contrib.sitemaps import Sitemap
from django.db.models import Max, QuerySet
from django.urls import reverse

from tandem.casestudies.models import Publication

EXAMPLE_UUID = "00000000-0000-0000-0000-000000000000"


class CaseStudySitemap(Sitemap):
    # Far smaller than the protocol's 50,000: Django builds each entry in Python (about
    # 0.3 ms each), so a page of 250 stays within the public pages' 150 ms; the index lists
    # every page.
    limit = 250
    changefreq = "monthly"

    def items(self) -> "QuerySet[Publication]":
        return Publication.objects.only("uuid", "revised_at").order_by("id")

    def location(self, item: Publication) -> str:
        # One reverse() per page rather than per case study: the address differs by uuid only.
        if not hasattr(self, "_pattern"):
            self._pattern = reverse("casestudies:public-detail", args=[EXAMPLE_UUID])
        return self._pattern.replace(EXAMPLE_UUID, str(item.uuid))

    def lastmod(self, item: Publication) -> dt.datetime:
        return item.revised_at

    def get_latest_lastmod(self) -> dt.datetime | None:
        """For the index: one aggregate in SQL, not a pass over every case study."""
        latest: dt.datetime | None = Publication.objects.aggregate(latest=Max("revised_at"))[
            "latest"
        ]
        return latest


class CaseStudyPagesSitemap(Sitemap):
    """The extranet's fixed pages."""

    changefreq = "daily"

    def items(self) -> list[str]:
        return ["casestudies:public-list"]

    def location(self, item: str) -> str:
        return reverse(item)

"""The resource library's public resources, as a section of the public sitemap
(/sitemap.xml, gathered in tandem.urls)."""

import datetime as dt

from django.contrib.sitemaps import Sitemap
from django.db.models import Max, QuerySet
from django.urls import reverse

from tandem.resources.models import Resource

EXAMPLE_UUID = "00000000-0000-0000-0000-000000000000"


class ResourceSitemap(Sitemap):
    # As the case studies' section: pages of 250 keep each within the public pages' 150 ms.
    limit = 250
    changefreq = "monthly"

    def items(self) -> "QuerySet[Resource]":
        return Resource.objects.public().current().only("uuid", "updated_at").order_by("id")

    def location(self, item: Resource) -> str:
        # One reverse() per page: the address differs by uuid only.
        if not hasattr(self, "_pattern"):
            self._pattern = reverse("resources:detail", args=[EXAMPLE_UUID])
        return self._pattern.replace(EXAMPLE_UUID, str(item.uuid))

    def lastmod(self, item: Resource) -> dt.datetime:
        return item.updated_at

    def get_latest_lastmod(self) -> dt.datetime | None:
        latest: dt.datetime | None = (
            Resource.objects.public().current().aggregate(latest=Max("updated_at"))["latest"]
        )
        return latest

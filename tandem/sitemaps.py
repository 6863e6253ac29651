"""A public sitemap section of records addressed by uuid (published case studies, public
resources). tandem.urls gathers every app's sections in one `sitemaps` dict served at
/sitemap.xml (an index, paged for large numbers)."""

import datetime as dt
from typing import Any

from django.contrib.sitemaps import Sitemap
from django.db.models import Max, QuerySet
from django.urls import reverse

EXAMPLE_UUID = "00000000-0000-0000-0000-000000000000"


class UuidPageSitemap(Sitemap):
    """Subclasses name the detail page's URL (`url_name`, one uuid argument), the field
    giving each page's last change (`date_field`) and the public records (`public`)."""

    # Far smaller than the protocol's 50,000: Django builds each entry in Python (about
    # 0.3 ms each), so a page of 250 stays within the public pages' 150 ms; the index lists
    # every page.
    limit = 250
    changefreq = "monthly"
    url_name: str
    date_field: str

    def public(self) -> "QuerySet[Any]":
        raise NotImplementedError

    def items(self) -> "QuerySet[Any]":
        return self.public().only("uuid", self.date_field).order_by("id")

    def location(self, item: Any) -> str:
        # One reverse() per page rather than per record: the address differs by uuid only.
        if not hasattr(self, "_pattern"):
            self._pattern = reverse(self.url_name, args=[EXAMPLE_UUID])
        return self._pattern.replace(EXAMPLE_UUID, str(item.uuid))

    def lastmod(self, item: Any) -> dt.datetime:
        value: dt.datetime = getattr(item, self.date_field)
        return value

    def get_latest_lastmod(self) -> dt.datetime | None:
        """For the index: one aggregate in SQL, not a pass over every record."""
        latest: dt.datetime | None = self.public().aggregate(latest=Max(self.date_field))["latest"]
        return latest

"""The public pages' sitemap sections. tandem.urls gathers every app's sections in one
`sitemaps` dict served at /sitemap.xml (an index, paged for large numbers)."""

from django.contrib.sitemaps import Sitemap
from django.db.models import QuerySet
from django.urls import reverse

from tandem.casestudies.models import Publication
from tandem.sitemaps import UuidPageSitemap


class CaseStudySitemap(UuidPageSitemap):
    url_name = "casestudies:public-detail"
    date_field = "revised_at"

    def public(self) -> "QuerySet[Publication]":
        return Publication.objects.all()


class CaseStudyPagesSitemap(Sitemap):
    """The extranet's fixed pages."""

    changefreq = "daily"

    def items(self) -> list[str]:
        return ["casestudies:public-list"]

    def location(self, item: str) -> str:
        return reverse(item)

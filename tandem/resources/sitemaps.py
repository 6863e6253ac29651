"""The resource library's public resources, as a section of the public sitemap
(/sitemap.xml, gathered in tandem.urls)."""

from django.db.models import QuerySet

from tandem.resources.models import Resource
from tandem.sitemaps import UuidPageSitemap


class ResourceSitemap(UuidPageSitemap):
    url_name = "resources:detail"
    date_field = "updated_at"

    def public(self) -> "QuerySet[Resource]":
        return Resource.objects.public().current()

from django.contrib import admin
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.http import HttpRequest, HttpResponse
from django.urls import include, path
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from tandem.casestudies.sitemaps import CaseStudyPagesSitemap, CaseStudySitemap
from tandem.people.views import home
from tandem.resources.sitemaps import ResourceSitemap


@require_GET
def health(request: HttpRequest) -> HttpResponse:
    """For load balancers: the app server is up (no database or session work)."""
    return HttpResponse("ok", content_type="text/plain")


# The public pages' sitemap: an index at /sitemap.xml naming one or more pages of each
# section. Apps with public pages add their sections here (name → Sitemap class).
sitemaps: dict[str, type[Sitemap]] = {
    "extranet": CaseStudyPagesSitemap,
    "case-studies": CaseStudySitemap,
    "resources": ResourceSitemap,
}

admin.site.site_header = "Tandem administration"
admin.site.site_title = "Tandem administration"

urlpatterns = [
    path("", home, name="home"),
    path("health/", health, name="health"),
    path("accounts/", include("tandem.accounts.urls")),
    path("health/", include("tandem.operations.urls")),
    path("accounts/", include("allauth.urls")),
    path("people/", include("tandem.people.urls")),
    path("organisations/", include("tandem.organisations.urls")),
    path("framework/", include("tandem.framework.urls")),
    path("programmes/", include("tandem.programmes.urls")),
    path("bank/", include("tandem.bank.urls")),
    path("resources/", include("tandem.resources.urls")),
    path("relationships/", include("tandem.relationships.urls")),
    path("matching/", include("tandem.matching.urls")),
    path("evaluation/", include("tandem.evaluation.urls")),
    path("imports/", include("tandem.imports.urls")),
    path("events/", include("tandem.events.urls")),
    path("research/", include("tandem.research.urls")),
    path("case-studies/", include("tandem.casestudies.urls")),
    path(
        "sitemap.xml",
        cache_control(public=True, max_age=3600)(require_GET(sitemap_views.index)),
        {"sitemaps": sitemaps, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        cache_control(public=True, max_age=3600)(require_GET(sitemap_views.sitemap)),
        {"sitemaps": sitemaps},
        name="sitemap-section",
    ),
    path("evidence/", include("tandem.evidence.urls")),
    path("impact/", include("tandem.impact.urls")),
    path("privacy/", include("tandem.privacy.urls")),
    path("api/", include("tandem.api.urls")),
    path("admin/", admin.site.urls),
]

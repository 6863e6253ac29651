"""The extranet: published case studies for anyone, without signing in."""

from uuid import UUID

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET

from tandem.casestudies import policy, selectors
from tandem.casestudies.forms import PublicFilterForm
from tandem.framework import content
from tandem.organisations.models import Phase

PER_PAGE = 20
# Anonymous pages may be kept by browsers and shared caches for a short while; a signed-in
# visitor's page carries their own header, so it stays private (PrivateResponseMiddleware).
PUBLIC_MAX_AGE = 300


def _cacheable(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    if not request.user.is_authenticated:
        patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
    return response


@require_GET
def public_list(request: HttpRequest) -> HttpResponse:
    phases = list(Phase.objects.only("key", "name"))
    form = PublicFilterForm(request.GET or None, phases=phases)
    filters = form.chosen()
    page = Paginator(selectors.list_rows(filters), PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "filters": filters,
        "is_filtered": bool(filters),
    }
    return _cacheable(request, render(request, "casestudies/public_list.html", context))


@require_GET
def public_detail(request: HttpRequest, case_study_uuid: UUID) -> HttpResponse:
    publication = policy.get_public_case_study(case_study_uuid)
    context = {
        "publication": publication,
        "tags": [(key, content.TITLES.get(key, key)) for key in publication.tags],
        "styles": [content.TITLES.get(key, key) for key in publication.mentor_styles],
    }
    return _cacheable(request, render(request, "casestudies/public_detail.html", context))

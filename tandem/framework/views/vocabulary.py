"""Framework pages: the vocabulary, the three "at a glance" views, comparison and search."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from tandem.framework import selectors
from tandem.framework.content import COMPARISON_FACETS
from tandem.framework.glance import PERSPECTIVES
from tandem.framework.models import FrameworkItem


@require_GET
@login_required
def framework_home(request: HttpRequest) -> HttpResponse:
    context = {"kinds": selectors.kind_summaries(), "perspectives": PERSPECTIVES.values()}
    return render(request, "framework/home.html", context)


@require_GET
@login_required
def glance_detail(request: HttpRequest, perspective: str) -> HttpResponse:
    if perspective not in PERSPECTIVES:
        raise Http404
    context = {
        "glance": selectors.glance_for(PERSPECTIVES[perspective]),
        "perspectives": PERSPECTIVES.values(),
    }
    return render(request, "framework/glance.html", context)


@require_GET
@login_required
def item_list(request: HttpRequest, kind: str) -> HttpResponse:
    if kind not in FrameworkItem.Kind.values:
        raise Http404
    items = selectors.items_of_kind(kind)
    context = {
        "kind": kind,
        "kind_label": selectors.KIND_PLURALS[kind],
        "items": items,
        "groups": selectors.group_by_audience(items) if kind == "impact" else None,
    }
    return render(request, "framework/item_list.html", context)


@require_GET
@login_required
def item_detail(request: HttpRequest, kind: str, key: str) -> HttpResponse:
    item = selectors.item_with_links(kind, key)
    if item is None:
        raise Http404
    context = {
        "item": item,
        "kind_label": selectors.KIND_PLURALS[item.kind],
        "related_groups": selectors.group_by_kind(list(item.related.all())),
    }
    return render(request, "framework/item_detail.html", context)


@require_GET
@login_required
def concept_comparison(request: HttpRequest) -> HttpResponse:
    concepts = list(selectors.core_concepts())
    rows = [
        (label, [concept.facets.get(facet, "") for concept in concepts])
        for facet, label in COMPARISON_FACETS
    ]
    return render(request, "framework/comparison.html", {"concepts": concepts, "rows": rows})


@require_GET
@login_required
def item_search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:200]
    results = selectors.search_items(query)
    context = {"query": query, "groups": selectors.group_by_kind(results), "num": len(results)}
    return render(request, "framework/search.html", context)

"""Pages of long lists: every list that can grow is shown a page at a time, with the
shared partials templates/partials/pagination.html and list_filter.html."""

from collections.abc import Sequence
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest

PAGE_SIZE = 50


def page_of(
    request: HttpRequest, items: QuerySet[Any] | Sequence[Any], per_page: int = PAGE_SIZE
) -> Page:
    """The page the request asks for (`?page=`), or the nearest one that exists."""
    return Paginator(items, per_page).get_page(request.GET.get("page"))

"""Pages of long lists: every list that can grow is shown a page at a time, with the
shared partials templates/partials/pagination.html and list_filter.html."""

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
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


@dataclass
class UncountedPage:
    """A page of a list too costly to count: it knows whether a next page exists, not how
    many there are. It reads like a Django Page in templates/partials/pagination.html."""

    object_list: list[Any]
    number: int
    has_next: bool
    paginator: None = None

    def __iter__(self) -> Iterator[Any]:
        return iter(self.object_list)

    def __len__(self) -> int:
        return len(self.object_list)

    def has_previous(self) -> bool:
        return self.number > 1

    def has_other_pages(self) -> bool:
        return self.has_next or self.has_previous()

    def next_page_number(self) -> int:
        return self.number + 1

    def previous_page_number(self) -> int:
        return self.number - 1


def page_number(request: HttpRequest) -> int:
    """The page asked for (`?page=`): 1 for anything that is not a positive number."""
    asked = request.GET.get("page", "")
    return int(asked) if asked.isdigit() and int(asked) > 0 else 1

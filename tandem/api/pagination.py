from rest_framework.pagination import PageNumberPagination


class StablePagination(PageNumberPagination):
    """Pages of a list in a stable order (oldest change first, then id), for syncing."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200

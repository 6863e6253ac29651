"""What tests of views that answer htmx share: the header htmx sends, and the checks that a
response is the fragment a page swaps in rather than a whole page."""

from django.http import HttpResponse

HTMX = {"HTTP_HX_REQUEST": "true"}


def fragment_html(response: HttpResponse, first_tag: str) -> str:
    """The text of an htmx fragment, after checking it succeeded, starts with `first_tag`
    (the element swapped in, such as "<tr>") and is not a whole page."""
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith(first_tag)
    assert "<html" not in html
    return html

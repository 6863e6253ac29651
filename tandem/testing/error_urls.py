"""A URL configuration for tests of the error pages: Tandem's own URLs plus views that fail
on purpose (a bad request, a refusal with and without a reason, an unexpected error)."""

from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.http import HttpRequest, HttpResponse
from django.urls import path

from tandem.urls import urlpatterns as tandem_urlpatterns


def bad_request(request: HttpRequest) -> HttpResponse:
    raise SuspiciousOperation("A test of the 400 page")


def refused(request: HttpRequest) -> HttpResponse:
    raise PermissionDenied("Only the programme's coordinators can publish matches.")


def refused_without_reason(request: HttpRequest) -> HttpResponse:
    raise PermissionDenied


def broken(request: HttpRequest) -> HttpResponse:
    message = "A test of the 500 page"
    raise RuntimeError(message)


urlpatterns = [
    *tandem_urlpatterns,
    path("test-errors/400/", bad_request),
    path("test-errors/403/", refused),
    path("test-errors/403-bare/", refused_without_reason),
    path("test-errors/500/", broken),
]

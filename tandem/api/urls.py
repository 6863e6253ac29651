"""The REST API at /api/v1/, its schema and reference page, and the token pages.

Resources are registered from RESOURCES, one line each.
"""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.permissions import AllowAny
from rest_framework.routers import SimpleRouter

from tandem.api import pages, views

app_name = "api"

RESOURCES = [
    ("organisations", views.OrganisationViewSet, "organisation"),
    ("people", views.PersonViewSet, "person"),
    ("programmes", views.ProgrammeViewSet, "programme"),
    ("enrolments", views.EnrolmentViewSet, "enrolment"),
    ("relationships", views.RelationshipViewSet, "relationship"),
    ("goals", views.GoalViewSet, "goal"),
    ("conversations", views.ConversationViewSet, "conversation"),
    ("actions", views.ActionViewSet, "action"),
    ("surveys", views.SurveyViewSet, "survey"),
    ("survey-responses", views.SurveyResponseViewSet, "survey-response"),
    ("reports", views.ReportViewSet, "report"),
    ("match-runs", views.MatchRunViewSet, "match-run"),
]

router = SimpleRouter()
for prefix, viewset, basename in RESOURCES:
    router.register(prefix, viewset, basename=basename)

urlpatterns = [
    path(
        "v1/schema/",
        SpectacularAPIView.as_view(permission_classes=[AllowAny]),
        name="schema",
    ),
    path("v1/reference/", pages.reference, name="reference"),
    path("tokens/", pages.token_list, name="token-list"),
    path("tokens/<uuid:token_uuid>/revoke/", pages.token_revoke, name="token-revoke"),
    path("v1/", include(router.urls)),
]

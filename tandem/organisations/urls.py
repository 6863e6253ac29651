from django.urls import path

from tandem.organisations import views

app_name = "organisations"

urlpatterns = [
    path("", views.organisation_list, name="organisation-list"),
    path("<uuid:organisation_uuid>/", views.organisation_detail, name="organisation-detail"),
    path("<uuid:organisation_uuid>/edit/", views.organisation_edit, name="organisation-edit"),
    path(
        "partnerships/<uuid:partnership_uuid>/",
        views.partnership_detail,
        name="partnership-detail",
    ),
]

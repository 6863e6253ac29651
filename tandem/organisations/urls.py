from django.urls import path

from tandem.organisations import views

app_name = "organisations"

urlpatterns = [
    path("", views.organisation_list, name="organisation-list"),
    path("new/", views.organisation_create, name="organisation-create"),
    path("<uuid:organisation_uuid>/", views.organisation_detail, name="organisation-detail"),
    path("<uuid:organisation_uuid>/edit/", views.organisation_edit, name="organisation-edit"),
    path("<uuid:organisation_uuid>/members/add/", views.member_add, name="member-add"),
    path("members/<uuid:membership_uuid>/edit/", views.membership_edit, name="membership-edit"),
    path(
        "partnerships/<uuid:partnership_uuid>/",
        views.partnership_detail,
        name="partnership-detail",
    ),
]

from django.urls import path

from tandem.programmes import views, views_funding

app_name = "programmes"

urlpatterns = [
    path("", views.programme_list, name="programme-list"),
    path("new/", views.programme_create, name="programme-create"),
    path("<uuid:programme_uuid>/", views.programme_detail, name="programme-detail"),
    path("<uuid:programme_uuid>/edit/", views.programme_edit, name="programme-edit"),
    path("<uuid:programme_uuid>/apply/", views.programme_apply, name="programme-apply"),
    path("<uuid:programme_uuid>/enrolments/", views.enrolment_list, name="enrolment-list"),
    path(
        "<uuid:programme_uuid>/enrolments/invite/", views.enrolment_invite, name="enrolment-invite"
    ),
    path(
        "<uuid:programme_uuid>/enrolments/approve-all/",
        views.enrolment_approve_all,
        name="enrolment-approve-all",
    ),
    path(
        "enrolments/<uuid:enrolment_uuid>/capacity/",
        views.enrolment_capacity,
        name="enrolment-capacity",
    ),
    path(
        "enrolments/<uuid:enrolment_uuid>/decide/", views.enrolment_decide, name="enrolment-decide"
    ),
    path(
        "enrolments/<uuid:enrolment_uuid>/respond/",
        views.enrolment_respond,
        name="enrolment-respond",
    ),
    path(
        "enrolments/<uuid:enrolment_uuid>/funding/",
        views_funding.funding_plan,
        name="funding-plan",
    ),
    path(
        "funding/<str:kind>/<uuid:line_uuid>/remove/",
        views_funding.funding_line_remove,
        name="funding-line-remove",
    ),
    path("<uuid:programme_uuid>/funding/", views_funding.funding_overview, name="funding-overview"),
    path(
        "<uuid:programme_uuid>/funding/export.<str:file_format>",
        views_funding.funding_export,
        name="funding-export",
    ),
]

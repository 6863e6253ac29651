from django.urls import path

from tandem.events import views

app_name = "events"

urlpatterns = [
    path("mine/", views.my_events, name="my-events"),
    path("programme/<uuid:programme_uuid>/", views.event_list, name="event-list"),
    path("programme/<uuid:programme_uuid>/new/", views.event_create, name="event-create"),
    path("<uuid:event_uuid>/", views.event_detail, name="event-detail"),
    path("<uuid:event_uuid>/edit/", views.event_edit, name="event-edit"),
    path("<uuid:event_uuid>/cancel/", views.event_cancel, name="event-cancel"),
    path("<uuid:event_uuid>/calendar.ics", views.event_calendar, name="event-calendar"),
    path("<uuid:event_uuid>/register/", views.event_register, name="event-register"),
    path("<uuid:event_uuid>/sessions/new/", views.session_add, name="session-add"),
    path("<uuid:event_uuid>/materials/new/", views.material_add, name="material-add"),
    path("sessions/<uuid:session_uuid>/edit/", views.session_edit, name="session-edit"),
    path("sessions/<uuid:session_uuid>/attendance/", views.attendance, name="attendance"),
    path(
        "registrations/<uuid:registration_uuid>/cancel/",
        views.registration_cancel,
        name="registration-cancel",
    ),
    path("materials/<uuid:material_uuid>/", views.material_download, name="material-download"),
    path("materials/<uuid:material_uuid>/remove/", views.material_remove, name="material-remove"),
]

from django.urls import path

from tandem.resources import views

app_name = "resources"

urlpatterns = [
    path("", views.resource_list, name="list"),
    path("new/", views.resource_create, name="create"),
    path("<uuid:resource_uuid>/", views.resource_detail, name="detail"),
    path("<uuid:resource_uuid>/file/", views.resource_download, name="download"),
    path("<uuid:resource_uuid>/edit/", views.resource_edit, name="edit"),
    path("<uuid:resource_uuid>/withdraw/", views.resource_withdraw, name="withdraw"),
    path("<uuid:resource_uuid>/restore/", views.resource_restore, name="restore"),
    path("<uuid:resource_uuid>/feedback/", views.resource_feedback, name="feedback"),
]

from django.urls import path

from tandem.people import views

app_name = "people"

urlpatterns = [
    path("search/", views.person_search, name="person-search"),
    path("profile/", views.my_profile, name="my-profile"),
    path("profile/edit/", views.profile_edit, name="profile-edit"),
    path("profile/training/add/", views.training_add, name="training-add"),
    path("training/<uuid:record_uuid>/edit/", views.training_edit, name="training-edit"),
    path("training/<uuid:record_uuid>/delete/", views.training_delete, name="training-delete"),
    path(
        "training/<uuid:record_uuid>/evidence/", views.training_evidence, name="training-evidence"
    ),
    path("<uuid:user_uuid>/", views.profile_detail, name="profile-detail"),
]

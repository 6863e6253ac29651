from django.urls import path

from tandem.operations import views

app_name = "operations"

urlpatterns = [
    path("live", views.live, name="health-live"),
    path("ready", views.ready, name="health-ready"),
]

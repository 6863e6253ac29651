from django.urls import URLPattern, URLResolver, include, path

app_name = "privacy"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", include("tandem.privacy.urls_audit")),
    path("", include("tandem.privacy.urls_consent")),
]

"""Privacy notices and a person's consents (included by privacy/urls.py)."""

from django.urls import path

from tandem.privacy.views import consent

urlpatterns = [
    path("", consent.my_privacy, name="my-privacy"),
    path("notices/", consent.notices_to_read, name="notices-due"),
    path("notices/<uuid:organisation_uuid>/", consent.notice_detail, name="notice-detail"),
    path("notices/<uuid:organisation_uuid>/edit/", consent.notice_edit, name="notice-edit"),
    path("consent/<str:purpose>/give/", consent.consent_give, name="consent-give"),
    path("consent/<str:purpose>/withdraw/", consent.consent_withdraw, name="consent-withdraw"),
]

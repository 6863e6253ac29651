"""Subject access, erasure and the retention schedule (included from privacy/urls.py)."""

from django.urls import path

from tandem.privacy.views import rights

urlpatterns = [
    path("my-data/", rights.my_data, name="my-data"),
    path("packs/<uuid:pack_uuid>/", rights.pack_download, name="pack-download"),
    path("people/", rights.lead_people, name="lead-people"),
    path("people/<uuid:person_uuid>/pack/", rights.person_pack, name="person-pack"),
    path("people/<uuid:person_uuid>/erase/", rights.erasure_request, name="erasure-request"),
    path("erasures/", rights.erasure_list, name="erasure-list"),
    path("erasures/<uuid:erasure_uuid>/", rights.erasure_detail, name="erasure-detail"),
    path("retention/", rights.retention_schedule, name="retention-schedule"),
]

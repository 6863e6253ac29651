from django.urls import path

from tandem.bank import views

app_name = "bank"

urlpatterns = [
    path("", views.bank_list, name="bank-list"),
    path("new/", views.bank_create, name="bank-create"),
    path("<uuid:bank_uuid>/", views.bank_detail, name="bank-detail"),
    path("<uuid:bank_uuid>/apply/", views.bank_apply, name="bank-apply"),
    path("<uuid:bank_uuid>/nominate/", views.bank_nominate, name="bank-nominate"),
    path("<uuid:bank_uuid>/recruit/", views.bank_recruit, name="bank-recruit"),
    path("entries/<uuid:entry_uuid>/", views.entry_detail, name="entry-detail"),
    path("entries/<uuid:entry_uuid>/edit/", views.entry_edit, name="entry-edit"),
    path("entries/<uuid:entry_uuid>/decide/", views.entry_decide, name="entry-decide"),
    path("entries/<uuid:entry_uuid>/withdraw/", views.entry_withdraw, name="entry-withdraw"),
]

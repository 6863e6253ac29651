"""The data-protection lead's audit log (included by privacy/urls.py)."""

from django.urls import path

from tandem.privacy.views import audit

urlpatterns = [
    path("audit/", audit.audit_log, name="audit-log"),
    path("audit/export.csv", audit.audit_log_export, name="audit-log-export"),
]

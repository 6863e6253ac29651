"""The audit log page for an organisation's data-protection lead, and its CSV export."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from tandem.audit.models import AuditEvent
from tandem.audit.services import record_event
from tandem.http import AuthenticatedHttpRequest
from tandem.imports.exports import render as render_rows
from tandem.paging import UncountedPage, page_number
from tandem.privacy.forms.audit import AuditFilterForm
from tandem.privacy.policy import get_audit_scope_for_user
from tandem.privacy.selectors.audit import (
    actions_in,
    events_concerning,
    filter_events,
    newest_page,
)

PAGE_SIZE = 50
HEADERS = ["When", "Person", "Email", "Action", "Record type", "Record identifier", "Detail"]


def _filtered(request: AuthenticatedHttpRequest) -> tuple[AuditFilterForm, QuerySet[AuditEvent]]:
    events = events_concerning(get_audit_scope_for_user(request.user))
    # Every action in the log (read from its index), not only those concerning the lead's
    # people: the names of actions say nothing about anyone, and working out which concern
    # them means reading every event.
    form = AuditFilterForm(request.GET or None, actions=actions_in(AuditEvent.objects.all()))
    if form.is_bound:
        events = filter_events(events, form.chosen()) if form.is_valid() else events.none()
    return form, events.select_related("actor")


@require_GET
@login_required
def audit_log(request: AuthenticatedHttpRequest) -> HttpResponse:
    form, events = _filtered(request)
    number = page_number(request)
    rows, has_next = newest_page(events, number, PAGE_SIZE)
    page = UncountedPage(rows, number, has_next)
    return render(request, "privacy/audit_log.html", {"form": form, "page": page})


@require_GET
@login_required
def audit_log_export(request: AuthenticatedHttpRequest) -> HttpResponse:
    form, events = _filtered(request)
    if form.is_bound and form.errors:
        # The page says what is wrong with the filters rather than sending an empty file.
        page = Paginator(events, PAGE_SIZE).get_page(1)
        context = {"form": form, "page": page}
        return render(request, "privacy/audit_log.html", context, status=400)
    record_event(
        actor=request.user,
        action="audit-log.export",
        target=request.user,
        detail=request.GET.urlencode(),
    )
    rows = (
        [
            timezone.localtime(event.at).strftime("%Y-%m-%d %H:%M:%S"),
            event.actor.full_name if event.actor else "",
            event.actor.email if event.actor else "",
            event.action,
            event.object_type,
            event.object_uuid,
            event.detail,
        ]
        for event in events.iterator(chunk_size=2000)
    )
    return render_rows(HEADERS, rows, file_format="csv", file_stem="tandem-audit-log")

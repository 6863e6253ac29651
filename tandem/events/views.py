from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tandem.events import selectors, services
from tandem.events.forms import (
    AttendanceForm,
    CancelEventForm,
    EventForm,
    MaterialForm,
    SessionForm,
)
from tandem.events.ics import calendar_file_name, calendar_for_event
from tandem.events.models import Event, EventSession, Registration
from tandem.events.policy import (
    can_download_materials,
    can_mark_attendance,
    get_event_for_user,
    get_material_for_user,
    get_programme_events_for_user,
    get_registration_for_user,
    get_session_for_user,
    is_participant,
)
from tandem.forms import add_errors
from tandem.http import AuthenticatedHttpRequest, posted_data
from tandem.programmes.policy import is_coordinator


@require_GET
@login_required
def event_list(request: AuthenticatedHttpRequest, programme_uuid: UUID) -> HttpResponse:
    programme = get_programme_events_for_user(request.user, programme_uuid)
    context = {
        "programme": programme,
        "events": selectors.programme_events(programme, request.user),
        "is_coordinator": is_coordinator(request.user, programme),
    }
    return render(request, "events/event_list.html", context)


@require_GET
@login_required
def my_events(request: AuthenticatedHttpRequest) -> HttpResponse:
    context = {"rows": selectors.my_events(request.user)}
    return render(request, "events/my_events.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def event_create(request: AuthenticatedHttpRequest, programme_uuid: UUID) -> HttpResponse:
    programme = get_programme_events_for_user(request.user, programme_uuid, write=True)
    data = posted_data(request)
    form = EventForm(data, instance=Event(programme=programme), programme=programme)
    session_form = SessionForm(data, instance=EventSession(event=Event(programme=programme)))
    if data is not None and form.is_valid() and session_form.is_valid():
        try:
            event = services.create_event(
                actor=request.user,
                programme=programme,
                fields=form.cleaned_data,
                first_session=session_form.cleaned_data,
                facilitators=form.cleaned_data["facilitators"],
            )
        except ValidationError as error:
            add_errors(session_form, error)
        else:
            messages.success(request, f"“{event.title}” is set up.")
            return redirect(event)
    context = {"form": form, "session_form": session_form, "programme": programme}
    return render(request, "events/event_form.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def event_edit(request: AuthenticatedHttpRequest, event_uuid: UUID) -> HttpResponse:
    event = get_event_for_user(request.user, event_uuid, write=True)
    form = EventForm(posted_data(request), instance=event, programme=event.programme)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_event(
                actor=request.user,
                event=event,
                fields=form.cleaned_data,
                facilitators=form.cleaned_data["facilitators"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "Event saved.")
            return redirect(event)
    context = {"form": form, "event": event, "programme": event.programme}
    return render(request, "events/event_form.html", context)


@require_GET
@login_required
def event_detail(request: AuthenticatedHttpRequest, event_uuid: UUID) -> HttpResponse:
    event = get_event_for_user(request.user, event_uuid)
    context = selectors.event_page(event, request.user) | {
        "event": event,
        "is_coordinator": is_coordinator(request.user, event.programme),
        "can_mark": can_mark_attendance(request.user, event),
        "can_register": is_participant(request.user, event.programme),
        "can_download": can_download_materials(request.user, event),
    }
    return render(request, "events/event_detail.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def event_cancel(request: AuthenticatedHttpRequest, event_uuid: UUID) -> HttpResponse:
    """Asks first (saying who is emailed); cancels only when the form is confirmed."""
    event = get_event_for_user(request.user, event_uuid, write=True)
    form = CancelEventForm(posted_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            emailed = services.cancel_event(
                actor=request.user, event=event, note=form.cleaned_data["note"]
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"Event cancelled; {emailed} people emailed.")
            return redirect(event)
    num_registered = event.registrations.exclude(status=Registration.Status.CANCELLED).count()
    context = {"event": event, "form": form, "num_registered": num_registered}
    return render(request, "events/event_cancel.html", context)


@require_GET
@login_required
def event_calendar(request: AuthenticatedHttpRequest, event_uuid: UUID) -> HttpResponse:
    event = get_event_for_user(request.user, event_uuid)
    sessions = list(event.sessions.order_by("starts_at"))
    response = HttpResponse(
        calendar_for_event(event, sessions), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{calendar_file_name(event)}"'
    # The file names the event's place and programme: no shared cache may keep it.
    response["Cache-Control"] = "private, no-store"
    return response


@require_http_methods(["GET", "POST"])
@login_required
def session_add(request: AuthenticatedHttpRequest, event_uuid: UUID) -> HttpResponse:
    event = get_event_for_user(request.user, event_uuid, write=True)
    form = SessionForm(posted_data(request), instance=EventSession(event=event))
    if request.method == "POST" and form.is_valid():
        try:
            services.add_session(actor=request.user, event=event, fields=form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "Session added.")
            return redirect(event)
    return render(request, "events/session_form.html", {"form": form, "event": event})


@require_http_methods(["GET", "POST"])
@login_required
def session_edit(request: AuthenticatedHttpRequest, session_uuid: UUID) -> HttpResponse:
    session = get_session_for_user(request.user, session_uuid, write=True)
    form = SessionForm(posted_data(request), instance=session)
    if request.method == "POST" and form.is_valid():
        services.update_session(actor=request.user, session=session, fields=form.cleaned_data)
        messages.success(request, "Session saved.")
        return redirect(session.event)
    context = {"form": form, "event": session.event, "session": session}
    return render(request, "events/session_form.html", context)


@require_POST
@login_required
def event_register(request: AuthenticatedHttpRequest, event_uuid: UUID) -> HttpResponse:
    event = get_event_for_user(request.user, event_uuid)
    try:
        registration = services.register_for_event(actor=request.user, event=event)
    except PermissionError:
        raise PermissionDenied from None
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if registration.status == Registration.Status.CONFIRMED:
            messages.success(request, "Your place is confirmed; we have emailed you the dates.")
        else:
            messages.success(
                request,
                "The event is full: you are on the waiting list. We will email you "
                "if a place comes free.",
            )
    return redirect(event)


@require_http_methods(["GET", "POST"])
@login_required
def registration_cancel(request: AuthenticatedHttpRequest, registration_uuid: UUID) -> HttpResponse:
    """Asks first; gives up the place only when confirmed."""
    registration = get_registration_for_user(request.user, registration_uuid)
    event = registration.event
    if request.method == "POST" and request.POST.get("confirmed") == "yes":
        try:
            services.cancel_registration(actor=request.user, registration=registration)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, "Registration cancelled.")
        return redirect(event)
    context = {"registration": registration, "event": event}
    return render(request, "events/registration_cancel.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def attendance(request: AuthenticatedHttpRequest, session_uuid: UUID) -> HttpResponse:
    session = get_session_for_user(request.user, session_uuid, mark=True)
    rows = selectors.attendance_rows(session)
    form = AttendanceForm(
        posted_data(request),
        people=[row.user for row in rows],
        initial={"attended": [str(row.user.pk) for row in rows if row.attended]},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.record_attendance(
                actor=request.user, session=session, attended=form.attended_ids()
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "Attendance saved.")
            return redirect(session.event)
    context = {"session": session, "event": session.event, "form": form, "rows": rows}
    return render(request, "events/attendance.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def material_add(request: AuthenticatedHttpRequest, event_uuid: UUID) -> HttpResponse:
    event = get_event_for_user(request.user, event_uuid, write=True)
    form = MaterialForm(posted_data(request), request.FILES or None)
    if request.method == "POST" and form.is_valid():
        services.add_material(actor=request.user, event=event, fields=form.cleaned_data)
        messages.success(request, "Material added.")
        return redirect(event)
    return render(request, "events/material_form.html", {"form": form, "event": event})


@require_GET
@login_required
def material_download(request: AuthenticatedHttpRequest, material_uuid: UUID) -> HttpResponseBase:
    material = get_material_for_user(request.user, material_uuid)
    if not material.file:
        return redirect(material.url)
    name = (material.file.name or "material").rsplit("/", 1)[-1]
    response = FileResponse(material.file.open("rb"), as_attachment=True, filename=name)
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
@login_required
def material_remove(request: AuthenticatedHttpRequest, material_uuid: UUID) -> HttpResponse:
    material = get_material_for_user(request.user, material_uuid, write=True)
    event = material.event
    if request.POST.get("confirmed") != "yes":
        return render(
            request, "events/material_remove.html", {"material": material, "event": event}
        )
    services.remove_material(actor=request.user, material=material)
    messages.success(request, f"“{material.title}” removed.")
    return redirect(event)

"""Find a mentor now: one mentee matched from the programme's mentor banks."""

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from tandem.http import AuthenticatedHttpRequest
from tandem.matching import from_bank
from tandem.paging import page_of
from tandem.programmes.models import Enrolment
from tandem.programmes.policy import get_programme_for_user


@require_GET
@login_required
def find_now_list(request: AuthenticatedHttpRequest, programme_uuid: UUID) -> HttpResponse:
    programme = get_programme_for_user(request.user, programme_uuid, write=True)
    context = {
        "programme": programme,
        "page": page_of(request, from_bank.unplaced_mentees(programme)),
        "banks": from_bank.banks_for_programme(programme),
    }
    return render(request, "matching/find_now_list.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def find_now(
    request: AuthenticatedHttpRequest, programme_uuid: UUID, enrolment_uuid: UUID
) -> HttpResponse:
    programme = get_programme_for_user(request.user, programme_uuid, write=True)
    mentee = (
        Enrolment.objects.approved()
        .filter(programme=programme, role=Enrolment.Role.MENTEE, uuid=enrolment_uuid)
        .select_related("user")
        .first()
    )
    if mentee is None:
        raise Http404
    errors: list[str] = []
    if request.method == "POST":
        try:
            chosen = UUID(request.POST.get("entry", ""))
        except ValueError:
            chosen = None  # nothing or something mangled was sent: ask again below
        entry = (
            from_bank.available_entries(programme).filter(uuid=chosen).first() if chosen else None
        )
        try:
            if entry is None:
                raise ValidationError("Choose one of the mentors listed.")
            from_bank.pair_from_bank(
                actor=request.user,
                programme=programme,
                mentee=mentee,
                entry=entry,
                justification=request.POST.get("justification", ""),
            )
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(
                request, f"{mentee.user.display_name} is paired with {entry.user.display_name}."
            )
            return redirect("relationships:programme-overview", programme_uuid=programme.uuid)
    context = {
        "programme": programme,
        "mentee": mentee,
        "search": from_bank.find_mentor_now(programme, mentee),
        "errors": errors,
    }
    return render(request, "matching/find_now.html", context, status=400 if errors else 200)

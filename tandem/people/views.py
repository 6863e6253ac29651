from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tandem.http import AuthenticatedHttpRequest
from tandem.people.forms import ProfileForm, TrainingRecordForm
from tandem.people.models import MentorTrainingRecord
from tandem.people.policy import (
    can_view_diversity,
    can_view_training_evidence,
    get_profile_for_user,
    get_training_record_for_user,
)
from tandem.people.selectors import PERSON_SEARCH_LIMIT, home_summary, search_people
from tandem.people.services import delete_training_record, save_training_record, update_profile


@require_GET
@login_required
def home(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(request, "people/home.html", {"summary": home_summary(request.user)})


@require_GET
@login_required
def person_search(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The person picker's search: people the user may see, by name or email. htmx asks for
    the results alone; without JavaScript this is a plain search page."""
    text = request.GET.get("q", "")[:100]
    people = list(search_people(request.user, text))
    context = {"query": text, "people": people, "limit": PERSON_SEARCH_LIMIT}
    if request.htmx:
        return render(request, "people/_person_results.html", context)
    return render(request, "people/person_search.html", context)


@require_GET
@login_required
def my_profile(request: AuthenticatedHttpRequest) -> HttpResponse:
    return profile_detail(request, request.user.uuid)


@require_GET
@login_required
def profile_detail(request: AuthenticatedHttpRequest, user_uuid: UUID) -> HttpResponse:
    profile = get_profile_for_user(request.user, user_uuid)
    context = {
        "profile": profile,
        "person": profile.user,
        "is_own": profile.user_id == request.user.pk,
        "show_diversity": can_view_diversity(request.user, profile),
        "training_records": profile.training_records.all(),
        "memberships": profile.user.memberships.current().select_related("organisation"),
    }
    return render(request, "people/profile_detail.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def profile_edit(request: AuthenticatedHttpRequest) -> HttpResponse:
    profile = get_profile_for_user(request.user, request.user.uuid, write=True)
    form = ProfileForm(request.POST or None, instance=profile, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        update_profile(
            actor=request.user,
            profile=form.instance,
            full_name=data["full_name"],
            preferred_name=data["preferred_name"],
            phases=list(data["phases"]),
            subjects=list(data["subjects"]),
            languages=list(data["languages"]),
            expertise=data["expertise"],
            interests=data["interests"],
        )
        messages.success(request, "Your profile has been saved.")
        return redirect("people:my-profile")
    return render(request, "people/profile_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
@login_required
def training_add(request: AuthenticatedHttpRequest) -> HttpResponse:
    profile = get_profile_for_user(request.user, request.user.uuid, write=True)
    record = MentorTrainingRecord(profile=profile)
    form = TrainingRecordForm(request.POST or None, request.FILES or None, instance=record)
    if request.method == "POST" and form.is_valid():
        save_training_record(actor=request.user, record=form.instance)
        messages.success(request, "Training record added.")
        return redirect("people:my-profile")
    return render(request, "people/training_form.html", {"form": form, "is_new": True})


@require_http_methods(["GET", "POST"])
@login_required
def training_edit(request: AuthenticatedHttpRequest, record_uuid: UUID) -> HttpResponse:
    record = get_training_record_for_user(request.user, record_uuid, write=True)
    form = TrainingRecordForm(request.POST or None, request.FILES or None, instance=record)
    if request.method == "POST" and form.is_valid():
        save_training_record(actor=request.user, record=form.instance)
        messages.success(request, "Training record saved.")
        return redirect("people:my-profile")
    return render(
        request, "people/training_form.html", {"form": form, "record": record, "is_new": False}
    )


@require_POST
@login_required
def training_delete(request: AuthenticatedHttpRequest, record_uuid: UUID) -> HttpResponse:
    record = get_training_record_for_user(request.user, record_uuid, write=True)
    delete_training_record(actor=request.user, record=record)
    messages.success(request, f"Deleted the training record for {record.course}.")
    return redirect("people:my-profile")


@require_GET
@login_required
def training_evidence(request: AuthenticatedHttpRequest, record_uuid: UUID) -> FileResponse:
    """Serve an evidence file through the policy: uploads are never in the web root."""
    record = get_training_record_for_user(request.user, record_uuid)
    name = record.evidence_file.name
    if not name or not can_view_training_evidence(request.user, record):
        raise Http404
    return FileResponse(
        record.evidence_file.open("rb"), as_attachment=True, filename=name.rsplit("/", 1)[-1]
    )

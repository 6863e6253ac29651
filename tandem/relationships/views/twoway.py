"""A supporter's own learning, shared goals' companions, pupil outcome figures and
specialist referrals (issue 18, part 4). Permissions are decided in relationships.policy."""

from dataclasses import dataclass
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tandem.forms import add_errors
from tandem.http import AuthenticatedHttpRequest
from tandem.programmes.policy import get_programme_for_user, is_coordinator
from tandem.relationships.models import (
    LearningLogEntry,
    OwnLearningGoal,
    PupilOutcomeMeasure,
    PupilOutcomeRecord,
    SpecialistReferral,
)
from tandem.relationships.policy import (
    get_own_learning_for_user,
    get_pupil_outcome_measure_for_learner,
    get_pupil_outcome_measure_to_manage,
    get_referral_for_user,
    get_relationship_content_for_user,
    get_relationship_for_supporter,
    get_relationship_to_refer,
)
from tandem.relationships.services import twoway
from tandem.relationships.services.corrections import UNDO_WINDOW
from tandem.relationships.twoway_forms import (
    LearningLogEntryForm,
    OwnLearningGoalForm,
    PupilOutcomeForm,
    PupilOutcomeMeasureForm,
    ReferralForm,
    framework_choices,
)

UNDO_MINUTES = int(UNDO_WINDOW.total_seconds() // 60)


@dataclass(frozen=True)
class OwnKind:
    model: type[OwnLearningGoal] | type[LearningLogEntry]
    form_class: type[OwnLearningGoalForm] | type[LearningLogEntryForm]
    noun: str


GOAL = OwnKind(OwnLearningGoal, OwnLearningGoalForm, "learning goal")
LOG = OwnKind(LearningLogEntry, LearningLogEntryForm, "log entry")


def _own_learning_url(relationship_uuid: UUID) -> str:
    return reverse("relationships:own-learning", args=[relationship_uuid])


@require_GET
@login_required
def own_learning(request: AuthenticatedHttpRequest, relationship_uuid: UUID) -> HttpResponse:
    """The supporter's own learning goals and log: theirs alone. Queries: relationship and
    membership; Framework titles; log entries; goals; recently deleted goals and entries."""
    relationship = get_relationship_for_supporter(request.user, relationship_uuid)
    mine = {"relationship": relationship, "owner": request.user}
    since = timezone.now() - UNDO_WINDOW
    recent = {**mine, "deleted_by": request.user, "deleted_at__gte": since}
    titles = dict(framework_choices())
    # Each entry with its Framework link's title, for the page.
    entries = [
        (entry, titles.get(entry.framework_key, entry.framework_key))
        for entry in LearningLogEntry.objects.filter(**mine)
    ]
    context = {
        "relationship": relationship,
        "goals": list(OwnLearningGoal.objects.filter(**mine)),
        "entries": entries,
        "deleted_goals": list(OwnLearningGoal.all_objects.filter(**recent)),
        "deleted_entries": list(LearningLogEntry.all_objects.filter(**recent)),
        "undo_minutes": UNDO_MINUTES,
    }
    return render(request, "relationships/own_learning.html", context)


def _own_add(
    request: AuthenticatedHttpRequest, relationship_uuid: UUID, kind: OwnKind
) -> HttpResponse:
    relationship = get_relationship_for_supporter(request.user, relationship_uuid, write=True)
    form = kind.form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        add = twoway.add_own_learning_goal if kind is GOAL else twoway.add_learning_log_entry
        try:
            add(actor=request.user, relationship=relationship, fields=form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"Your {kind.noun} is saved. Only you can see it.")
            return redirect(_own_learning_url(relationship.uuid))
    context = {
        "form": form,
        "relationship": relationship,
        "heading": f"Add a {kind.noun} of your own",
        "button": f"Save {kind.noun}",
    }
    return render(request, "relationships/twoway_form.html", context)


def _own_edit(request: AuthenticatedHttpRequest, item_uuid: UUID, kind: OwnKind) -> HttpResponse:
    item = get_own_learning_for_user(request.user, kind.model, item_uuid, write=True)
    form = kind.form_class(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        try:
            twoway.edit_own_record(actor=request.user, item=item, fields=form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"Your {kind.noun} is saved.")
            return redirect(_own_learning_url(item.relationship.uuid))
    context = {
        "form": form,
        "relationship": item.relationship,
        "heading": f"Edit your {kind.noun}",
        "button": f"Save {kind.noun}",
    }
    return render(request, "relationships/twoway_form.html", context)


def _own_delete(request: AuthenticatedHttpRequest, item_uuid: UUID, kind: OwnKind) -> HttpResponse:
    item = get_own_learning_for_user(request.user, kind.model, item_uuid, write=True)
    if request.method == "POST":
        twoway.delete_own_record(actor=request.user, item=item)
        messages.success(request, f"Your {kind.noun} is deleted. You can undo this below.")
        return redirect(_own_learning_url(item.relationship.uuid))
    context = {"item": item, "kind": kind, "undo_minutes": UNDO_MINUTES}
    return render(request, "relationships/own_learning_delete.html", context)


def _own_restore(request: AuthenticatedHttpRequest, item_uuid: UUID, kind: OwnKind) -> HttpResponse:
    item = get_own_learning_for_user(request.user, kind.model, item_uuid, write=True, deleted=True)
    try:
        twoway.restore_own_record(actor=request.user, item=item)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Your {kind.noun} is back.")
    return redirect(_own_learning_url(item.relationship.uuid))


@require_http_methods(["GET", "POST"])
@login_required
def own_goal_add(request: AuthenticatedHttpRequest, relationship_uuid: UUID) -> HttpResponse:
    return _own_add(request, relationship_uuid, GOAL)


@require_http_methods(["GET", "POST"])
@login_required
def own_goal_edit(request: AuthenticatedHttpRequest, item_uuid: UUID) -> HttpResponse:
    return _own_edit(request, item_uuid, GOAL)


@require_http_methods(["GET", "POST"])
@login_required
def own_goal_delete(request: AuthenticatedHttpRequest, item_uuid: UUID) -> HttpResponse:
    return _own_delete(request, item_uuid, GOAL)


@require_POST
@login_required
def own_goal_restore(request: AuthenticatedHttpRequest, item_uuid: UUID) -> HttpResponse:
    return _own_restore(request, item_uuid, GOAL)


@require_http_methods(["GET", "POST"])
@login_required
def log_entry_add(request: AuthenticatedHttpRequest, relationship_uuid: UUID) -> HttpResponse:
    return _own_add(request, relationship_uuid, LOG)


@require_http_methods(["GET", "POST"])
@login_required
def log_entry_edit(request: AuthenticatedHttpRequest, item_uuid: UUID) -> HttpResponse:
    return _own_edit(request, item_uuid, LOG)


@require_http_methods(["GET", "POST"])
@login_required
def log_entry_delete(request: AuthenticatedHttpRequest, item_uuid: UUID) -> HttpResponse:
    return _own_delete(request, item_uuid, LOG)


@require_POST
@login_required
def log_entry_restore(request: AuthenticatedHttpRequest, item_uuid: UUID) -> HttpResponse:
    return _own_restore(request, item_uuid, LOG)


# Pupil outcomes ---------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def pupil_outcome_measures(request: AuthenticatedHttpRequest, programme_uuid: UUID) -> HttpResponse:
    """Coordinators define the programme's class-level pupil outcome measures."""
    programme = get_programme_for_user(request.user, programme_uuid, write=True)
    form = PupilOutcomeMeasureForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            twoway.define_pupil_outcome_measure(
                actor=request.user, programme=programme, fields=form.cleaned_data
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "Pupil outcome measure added.")
            return redirect("relationships:pupil-outcome-measures", programme_uuid=programme.uuid)
    measures = PupilOutcomeMeasure.objects.filter(programme=programme)
    context = {"programme": programme, "form": form, "measures": measures}
    return render(request, "relationships/pupil_outcome_measures.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def pupil_outcome_measure_edit(
    request: AuthenticatedHttpRequest, measure_uuid: UUID
) -> HttpResponse:
    """Coordinators correct a measure's name, description or band labels."""
    measure = get_pupil_outcome_measure_to_manage(request.user, measure_uuid)
    initial = {
        "name": measure.name,
        "description": measure.description,
        "scale": measure.scale,
        "bands": "\n".join(measure.bands),
    }
    form = PupilOutcomeMeasureForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            twoway.edit_pupil_outcome_measure(
                actor=request.user, measure=measure, fields=form.cleaned_data
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "Pupil outcome measure saved.")
            return redirect("relationships:pupil-outcome-measures", measure.programme.uuid)
    context = {"programme": measure.programme, "form": form, "measure": measure}
    return render(request, "relationships/pupil_outcome_measure_edit.html", context)


@require_GET
@login_required
def pupil_outcomes(request: AuthenticatedHttpRequest, relationship_uuid: UUID) -> HttpResponse:
    """The learners' class-level figures, before and after, for the relationship's members.
    Queries: relationship and membership; measures; records."""
    relationship, member = get_relationship_content_for_user(request.user, relationship_uuid)
    records = PupilOutcomeRecord.objects.filter(relationship=relationship).select_related(
        "recorded_by"
    )
    by_measure: dict[int, list[PupilOutcomeRecord]] = {}
    for record in records:
        by_measure.setdefault(record.measure_id, []).append(record)
    measures = [
        (measure, by_measure.get(measure.pk, []))
        for measure in PupilOutcomeMeasure.objects.filter(programme=relationship.programme)
    ]
    context = {
        "relationship": relationship,
        "measures": measures,
        "is_learner": member.is_learning and not relationship.is_ended,
        "phases": PupilOutcomeRecord.Phase.choices,
    }
    return render(request, "relationships/pupil_outcomes.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def pupil_outcome_record(
    request: AuthenticatedHttpRequest, relationship_uuid: UUID, measure_uuid: UUID, phase: str
) -> HttpResponse:
    """The learner records (or corrects) their class's figures: numbers only."""
    relationship, measure = get_pupil_outcome_measure_for_learner(
        request.user, relationship_uuid, measure_uuid
    )
    if phase not in PupilOutcomeRecord.Phase.values:
        raise PermissionDenied
    existing = PupilOutcomeRecord.objects.filter(
        measure=measure, relationship=relationship, recorded_by=request.user, phase=phase
    ).first()
    initial = {}
    if existing is not None:
        initial = {f"band_{index}": count for index, count in enumerate(existing.band_counts)}
        initial["percentage"] = existing.percentage
    form = PupilOutcomeForm(request.POST or None, measure=measure, initial=initial)
    if request.method == "POST" and form.is_valid():
        band_counts, percentage = form.figures()
        try:
            twoway.record_pupil_outcome(
                actor=request.user,
                relationship=relationship,
                measure=measure,
                phase=phase,
                band_counts=band_counts,
                percentage=percentage,
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "Your class's figures are saved.")
            return redirect("relationships:pupil-outcomes", relationship_uuid=relationship.uuid)
    label = PupilOutcomeRecord.Phase(phase).label.lower()
    context = {
        "form": form,
        "relationship": relationship,
        "heading": f"{measure.name}: your class {label}",
        "button": "Save figures",
        "lead": (
            "Give figures for the whole class only. Never record pupils' names or other "
            "details that could identify a pupil."
        ),
    }
    return render(request, "relationships/twoway_form.html", context)


# Specialist referrals ---------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def referral_add(request: AuthenticatedHttpRequest, relationship_uuid: UUID) -> HttpResponse:
    relationship = get_relationship_to_refer(request.user, relationship_uuid)
    by_coordinator = is_coordinator(request.user, relationship.programme)
    form = ReferralForm(
        request.POST or None, relationship=relationship, by_coordinator=by_coordinator
    )
    if request.method == "POST" and form.is_valid():
        try:
            referral = twoway.refer_to_specialist(
                actor=request.user, relationship=relationship, **form.cleaned_data
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "Referral made. The learner keeps their mentor.")
            return redirect(referral)
    context = {
        "form": form,
        "relationship": relationship,
        "heading": "Refer to a specialist coach",
        "button": "Make the referral",
        "lead": (
            "The learner keeps their mentor. The specialist sees this referral only, never "
            "the relationship's conversations or record."
        ),
    }
    return render(request, "relationships/twoway_form.html", context)


@require_GET
@login_required
def referral_detail(request: AuthenticatedHttpRequest, referral_uuid: UUID) -> HttpResponse:
    referral = get_referral_for_user(request.user, referral_uuid)
    context = {
        "referral": referral,
        "is_specialist": referral.specialist_id == request.user.pk,
        "is_open": referral.status != SpecialistReferral.Status.ENDED,
    }
    return render(request, "relationships/referral_detail.html", context)


@require_POST
@login_required
def referral_accept(request: AuthenticatedHttpRequest, referral_uuid: UUID) -> HttpResponse:
    referral = get_referral_for_user(request.user, referral_uuid, as_specialist=True)
    try:
        twoway.accept_referral(actor=request.user, referral=referral)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Referral accepted.")
    return redirect(referral)


@require_POST
@login_required
def referral_end(request: AuthenticatedHttpRequest, referral_uuid: UUID) -> HttpResponse:
    referral = get_referral_for_user(request.user, referral_uuid)
    twoway.end_referral(actor=request.user, referral=referral)
    messages.success(request, "Referral ended. The learner keeps their mentor.")
    return redirect(referral)


@require_GET
@login_required
def my_referrals(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Referrals to the signed-in person as a specialist, and of them as a learner.
    Queries: referrals to me; referrals of me."""
    related = ("learner", "specialist", "relationship__programme")
    context = {
        "as_specialist": list(
            SpecialistReferral.objects.filter(specialist=request.user).select_related(*related)
        ),
        "as_learner": list(
            SpecialistReferral.objects.filter(learner=request.user).select_related(*related)
        ),
    }
    return render(request, "relationships/my_referrals.html", context)

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tandem.audit.services import record_event
from tandem.http import AuthenticatedHttpRequest
from tandem.relationships.forms import (
    GoalForm,
    GoalUpdateForm,
)
from tandem.relationships.models import Goal, RelationshipMember
from tandem.relationships.policy import (
    get_goal_for_user,
    get_relationship_for_learner,
)
from tandem.relationships.roles import allows_shared_goals
from tandem.relationships.services import record as record_services
from tandem.relationships.twoway_forms import SharedGoalForm
from tandem.relationships.views.common import versioned_save


def _goal_context(
    request: HttpRequest, goal: Goal, update_form: GoalUpdateForm, member: RelationshipMember
) -> dict[str, object]:
    return {
        "goal": goal,
        "relationship": goal.relationship,
        "updates": goal.updates.select_related("author"),
        "observations": goal.observations.all(),
        "evidence": goal.evidence.all(),
        "update_form": update_form,
        "is_owner": goal.owner_id == request.user.pk,
        # A jointly owned goal: every learner may change it.
        "can_edit_shared": goal.is_shared and member.is_learning,
    }


@require_http_methods(["GET", "POST"])
@login_required
def goal_add(request: AuthenticatedHttpRequest, relationship_uuid: UUID) -> HttpResponse:
    relationship = get_relationship_for_learner(request.user, relationship_uuid)
    # Co-coaching, co-mentoring and group relationships may own a goal jointly.
    form_class = SharedGoalForm if allows_shared_goals(relationship) else GoalForm
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        goal = record_services.add_goal(
            actor=request.user, relationship=relationship, fields=form.cleaned_data
        )
        messages.success(request, "Goal added.")
        return redirect(goal)
    return render(
        request, "relationships/goal_form.html", {"form": form, "relationship": relationship}
    )


@require_GET
@login_required
def goal_detail(request: AuthenticatedHttpRequest, goal_uuid: UUID) -> HttpResponse:
    goal, member = get_goal_for_user(request.user, goal_uuid)
    if goal.owner_id != request.user.pk:
        record_event(actor=request.user, action="goal.read", target=goal)
    context = _goal_context(request, goal, GoalUpdateForm(), member)
    return render(request, "relationships/goal_detail.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def goal_edit(request: AuthenticatedHttpRequest, goal_uuid: UUID) -> HttpResponse:
    goal, _member = get_goal_for_user(request.user, goal_uuid, write=True)
    form = GoalForm(request.POST or None, instance=goal, initial={"version": goal.version})
    latest = None
    if request.method == "POST" and form.is_valid():
        latest = versioned_save(
            form,
            lambda version: record_services.edit_goal(
                actor=request.user, goal=goal, version=version, fields=form.cleaned_data
            ),
        )
        if latest is None:
            messages.success(request, "Goal saved.")
            return redirect(goal)
    context = {"form": form, "relationship": goal.relationship, "goal": goal, "latest": latest}
    return render(request, "relationships/goal_form.html", context)


@require_POST
@login_required
def goal_update_add(request: AuthenticatedHttpRequest, goal_uuid: UUID) -> HttpResponse:
    goal, member = get_goal_for_user(request.user, goal_uuid)
    if goal.relationship.is_ended:
        raise PermissionDenied
    form = GoalUpdateForm(request.POST)
    if form.is_valid():
        record_services.add_goal_update(actor=request.user, goal=goal, **form.cleaned_data)
        messages.success(request, "Progress recorded.")
        return redirect(goal)
    context = _goal_context(request, goal, form, member)
    return render(request, "relationships/goal_detail.html", context, status=400)

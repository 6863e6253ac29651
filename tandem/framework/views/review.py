"""Review-and-development pages (seed 004). Permission checks live in framework.policy."""

from collections.abc import Callable
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import FileResponse, Http404, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tandem.framework import exports, policy, selectors, services
from tandem.framework.chart import build_chart
from tandem.framework.content import outcome_guidance, reviewer_examples
from tandem.framework.forms import (
    ActionForm,
    CommentForm,
    EvidenceForm,
    OutcomeForm,
    ReviewerForm,
    StartReviewForm,
)
from tandem.framework.models import Review, ReviewAction, ReviewEvidence, ReviewOutcome
from tandem.http import CSV, PDF, AuthenticatedHttpRequest, download


@require_GET
@login_required
def review_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    groups = selectors.reviews_for_user(request.user)
    return render(request, "framework/review_list.html", {"groups": groups})


@require_http_methods(["GET", "POST"])
@login_required
def review_create(request: AuthenticatedHttpRequest, organisation_uuid: UUID | str) -> HttpResponse:
    organisation = policy.get_review_organisation_for_user(
        request.user, organisation_uuid, lead=True
    )
    form = StartReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            review = services.start_review(
                actor=request.user,
                organisation=organisation,
                core_concept=form.cleaned_data["core_concept"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Review of {review.core_concept.title.lower()} started.")
            return redirect(review)
    context = {"form": form, "organisation": organisation}
    return render(request, "framework/review_create.html", context)


@require_GET
@login_required
def review_detail(request: AuthenticatedHttpRequest, review_uuid: UUID | str) -> HttpResponse:
    review = policy.get_review_for_user(request.user, review_uuid)
    context = {
        "review": review,
        "outcomes": selectors.outcomes_with_counts(review),
        "is_lead": policy.review_role(request.user, review.organisation_id) == policy.LEAD,
        "has_next_cycle": hasattr(review, "next_cycle"),
    }
    return render(request, "framework/review_detail.html", context)


def _render_outcome(
    request: AuthenticatedHttpRequest, outcome: ReviewOutcome, **forms: BaseForm
) -> HttpResponse:
    review = outcome.review
    editable = not review.is_complete
    context = {
        "outcome": outcome,
        "review": review,
        "guidance": outcome_guidance(outcome.area, review.organisation.type),
        "editable": editable,
        **selectors.outcome_page(outcome),
    }
    if editable:
        context["outcome_form"] = forms.get("outcome_form") or OutcomeForm(instance=outcome)
        context["evidence_form"] = forms.get("evidence_form") or EvidenceForm()
        context["comment_form"] = forms.get("comment_form") or CommentForm()
        context["action_form"] = forms.get("action_form") or ActionForm(
            organisation=review.organisation
        )
    status = 400 if any(form.errors for form in forms.values()) else 200
    return render(request, "framework/outcome_edit.html", context, status=status)


@require_http_methods(["GET", "POST"])
@login_required
def outcome_edit(request: AuthenticatedHttpRequest, outcome_uuid: UUID | str) -> HttpResponse:
    outcome = policy.get_outcome_for_user(
        request.user, outcome_uuid, write=request.method == "POST"
    )
    if request.method == "GET":
        return _render_outcome(request, outcome)
    form = OutcomeForm(request.POST, instance=outcome)
    if not form.is_valid():
        return _render_outcome(request, outcome, outcome_form=form)
    services.save_outcome(actor=request.user, outcome=form.instance)
    messages.success(request, f"{outcome.get_area_display()} saved.")
    return redirect(outcome.review)


@require_POST
@login_required
def comment_create(request: AuthenticatedHttpRequest, outcome_uuid: UUID | str) -> HttpResponse:
    outcome = policy.get_outcome_for_user(request.user, outcome_uuid, write=True)
    form = CommentForm(request.POST)
    if not form.is_valid():
        return _render_outcome(request, outcome, comment_form=form)
    services.add_comment(actor=request.user, outcome=outcome, body=form.cleaned_data["body"])
    messages.success(request, "Comment added.")
    return redirect(outcome)


@require_POST
@login_required
def evidence_create(request: AuthenticatedHttpRequest, outcome_uuid: UUID | str) -> HttpResponse:
    outcome = policy.get_outcome_for_user(request.user, outcome_uuid, write=True)
    form = EvidenceForm(request.POST, request.FILES, instance=ReviewEvidence(outcome=outcome))
    if not form.is_valid():
        return _render_outcome(request, outcome, evidence_form=form)
    services.add_evidence(actor=request.user, evidence=form.instance)
    messages.success(request, f"Evidence “{form.instance.title}” added.")
    return redirect(outcome)


@require_GET
@login_required
def evidence_download(
    request: AuthenticatedHttpRequest, evidence_uuid: UUID | str
) -> HttpResponseBase:
    """Serve an evidence file through the policy: uploads are never in the web root."""
    evidence = policy.get_evidence_for_user(request.user, evidence_uuid)
    if not evidence.file:
        raise Http404
    return FileResponse(
        evidence.file.open("rb"),
        as_attachment=True,
        filename=(evidence.file.name or "").rsplit("/", 1)[-1],
    )


@require_POST
@login_required
def action_create(request: AuthenticatedHttpRequest, outcome_uuid: UUID | str) -> HttpResponse:
    outcome = policy.get_outcome_for_user(request.user, outcome_uuid, write=True)
    action = ReviewAction(outcome=outcome)
    form = ActionForm(request.POST, instance=action, organisation=outcome.review.organisation)
    if not form.is_valid():
        return _render_outcome(request, outcome, action_form=form)
    services.save_action(actor=request.user, action=form.instance)
    messages.success(request, "Action added.")
    return redirect(outcome)


@require_http_methods(["GET", "POST"])
@login_required
def action_edit(request: AuthenticatedHttpRequest, action_uuid: UUID | str) -> HttpResponse:
    action = policy.get_action_for_user(request.user, action_uuid)
    review = action.outcome.review
    form = ActionForm(request.POST or None, instance=action, organisation=review.organisation)
    if request.method == "POST" and form.is_valid():
        services.save_action(actor=request.user, action=form.instance)
        messages.success(request, "Action updated.")
        return redirect("framework:review-progress", review_uuid=review.uuid)
    context = {"form": form, "action": action, "review": review}
    return render(request, "framework/action_form.html", context)


@require_POST
@login_required
def review_complete(request: AuthenticatedHttpRequest, review_uuid: UUID | str) -> HttpResponse:
    review = policy.get_review_for_user(request.user, review_uuid, write=True, lead=True)
    try:
        services.complete_review(actor=request.user, review=review)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Cycle {review.cycle} is complete.")
    return redirect(review)


@require_POST
@login_required
def review_next_cycle(request: AuthenticatedHttpRequest, review_uuid: UUID | str) -> HttpResponse:
    review = policy.get_review_for_user(request.user, review_uuid, lead=True)
    try:
        next_review = services.start_next_cycle(actor=request.user, review=review)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(review)
    messages.success(request, f"Cycle {next_review.cycle} started from cycle {review.cycle}.")
    return redirect(next_review)


@require_GET
@login_required
def review_progress(request: AuthenticatedHttpRequest, review_uuid: UUID | str) -> HttpResponse:
    review = policy.get_review_for_user(request.user, review_uuid)
    chain = selectors.review_chain(review)
    context = {
        "review": review,
        "chain": chain,
        "chart": build_chart(chain),
        "rows": selectors.progress_table(chain),
        "open_actions": selectors.open_actions(chain),
    }
    return render(request, "framework/review_progress.html", context)


REVIEW_EXPORTS: dict[str, tuple[Callable[[Review], bytes | str], str]] = {
    "csv": (exports.review_csv, CSV),
    "pdf": (exports.review_pdf, PDF),
}


def _review_download(
    request: AuthenticatedHttpRequest, review_uuid: UUID | str, export_format: str
) -> HttpResponse:
    review = policy.get_review_for_user(request.user, review_uuid)
    services.record_export(actor=request.user, review=review, export_format=export_format)
    render_export, content_type = REVIEW_EXPORTS[export_format]
    return download(
        render_export(review),
        filename=f"review-{review.uuid}.{export_format}",
        content_type=content_type,
    )


@require_GET
@login_required
def review_csv(request: AuthenticatedHttpRequest, review_uuid: UUID | str) -> HttpResponse:
    return _review_download(request, review_uuid, "csv")


@require_GET
@login_required
def review_pdf(request: AuthenticatedHttpRequest, review_uuid: UUID | str) -> HttpResponse:
    return _review_download(request, review_uuid, "pdf")


@require_http_methods(["GET", "POST"])
@login_required
def reviewer_list(request: AuthenticatedHttpRequest, organisation_uuid: UUID | str) -> HttpResponse:
    organisation = policy.get_review_organisation_for_user(
        request.user, organisation_uuid, lead=True
    )
    form = ReviewerForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        user = form.cleaned_data["user"]
        services.add_reviewer(actor=request.user, organisation=organisation, user=user)
        messages.success(request, f"{user.full_name} can now contribute to reviews.")
        return redirect("framework:reviewer-list", organisation_uuid=organisation.uuid)
    reviewers = organisation.reviewers.select_related("user")
    context = {
        "form": form,
        "organisation": organisation,
        "reviewers": reviewers,
        "reviewer_examples": reviewer_examples(organisation.type),
    }
    return render(request, "framework/reviewer_list.html", context)


@require_POST
@login_required
def reviewer_remove(request: AuthenticatedHttpRequest, reviewer_uuid: UUID | str) -> HttpResponse:
    reviewer = policy.get_reviewer_for_user(request.user, reviewer_uuid)
    services.remove_reviewer(actor=request.user, reviewer=reviewer)
    messages.success(request, f"{reviewer.user.full_name} is no longer a reviewer.")
    return redirect("framework:reviewer-list", organisation_uuid=reviewer.organisation.uuid)

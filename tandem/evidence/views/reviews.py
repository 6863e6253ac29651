"""A source: its details, the reviewers' independent reviews, and moderation."""

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tandem.evidence import policy, services
from tandem.evidence.forms import ModerationForm, ReopenForm, ReviewForm, SourceForm
from tandem.evidence.models import STRENGTH_MEANINGS, SourceReview, SourceStatus, TeamRole
from tandem.forms import add_errors
from tandem.http import AuthenticatedHttpRequest, posted_data


@require_GET
@login_required
def source_detail(
    request: AuthenticatedHttpRequest, base_uuid: UUID, source_uuid: UUID
) -> HttpResponse:
    source = policy.get_source_for_user(request.user, base_uuid, source_uuid)
    role = policy.role_in(request.user, source.base)
    agreed = (
        source.reviews.filter(is_agreed=True, submitted_at__isnull=False)
        .prefetch_related("tags")
        .first()
    )
    context = {
        "base": source.base,
        "source": source,
        "role": role,
        "agreed": agreed,
        "independent": policy.visible_reviews(request.user, source),
        "num_started": source.reviews.filter(is_agreed=False).count(),
        "reopen_form": ReopenForm() if role == TeamRole.MODERATOR else None,
        "meanings": STRENGTH_MEANINGS,
    }
    return render(request, "evidence/source_detail.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def source_edit(
    request: AuthenticatedHttpRequest, base_uuid: UUID, source_uuid: UUID
) -> HttpResponse:
    source = policy.get_source_for_user(
        request.user, base_uuid, source_uuid, ability=policy.EDIT_SOURCE
    )
    form = SourceForm(posted_data(request), instance=source)
    if form.is_valid():
        try:
            services.update_source(actor=request.user, source=source, fields=form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "The source's details are saved.")
            return redirect(source)
    return render(
        request, "evidence/source_form.html", {"base": source.base, "source": source, "form": form}
    )


@require_http_methods(["GET", "POST"])
@login_required
def review_edit(
    request: AuthenticatedHttpRequest, base_uuid: UUID, source_uuid: UUID
) -> HttpResponse:
    source = policy.get_source_for_user(request.user, base_uuid, source_uuid, ability=policy.REVIEW)
    review = source.reviews.filter(is_agreed=False, reviewer=request.user).first()
    if review is not None and review.is_submitted:
        messages.info(request, "You have submitted your review; the moderator can reopen it.")
        return redirect(source)
    form = ReviewForm(
        posted_data(request),
        initial=ReviewForm.initial_for(review) if review else {"reference": source.reference},
    )
    if form.is_valid():
        submit = request.POST.get("action") == "submit"
        try:
            review = review or services.start_review(actor=request.user, source=source)
            services.save_review(
                actor=request.user,
                review=review,
                fields=form.cleaned_data,
                tags=form.cleaned_data["tags"],
                submit=submit,
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request, "Your review is submitted." if submit else "Your draft is saved."
            )
            return redirect(source)
    context = {"base": source.base, "source": source, "form": form, "review": review}
    return render(request, "evidence/review_form.html", context, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
@login_required
def moderate(request: AuthenticatedHttpRequest, base_uuid: UUID, source_uuid: UUID) -> HttpResponse:
    source = policy.get_source_for_user(
        request.user, base_uuid, source_uuid, ability=policy.MODERATE
    )
    if source.status != SourceStatus.AWAITING_MODERATION:
        waiting = {"base": source.base, "source": source}
        return render(request, "evidence/moderate_waiting.html", waiting, status=409)
    first, second = policy.visible_reviews(request.user, source)
    reopened = source.reviews.filter(is_agreed=True).prefetch_related("tags").first()
    form = ModerationForm(posted_data(request), first=first, second=second, reopened=reopened)
    if form.is_valid():
        try:
            services.record_agreed_review(
                actor=request.user,
                source=source,
                fields=form.agreed_fields(),
                tags=form.cleaned_data["tags"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "The agreed review is recorded.")
            return redirect(source)
    rows = [
        (
            name,
            label,
            getattr(first, name),
            getattr(second, name),
            not same,
            form[f"{name}__take"],
            form[name],
        )
        for name, label, same in form.rows
    ]
    context: dict[str, object] = {
        "base": source.base,
        "source": source,
        "first": first,
        "second": second,
        "form": form,
        "rows": rows,
        "meanings": STRENGTH_MEANINGS,
    }
    return render(request, "evidence/moderate.html", context, status=400 if form.errors else 200)


@require_POST
@login_required
def reopen(request: AuthenticatedHttpRequest, base_uuid: UUID, source_uuid: UUID) -> HttpResponse:
    source = policy.get_source_for_user(
        request.user, base_uuid, source_uuid, ability=policy.MODERATE
    )
    form = ReopenForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Say why the review is reopened.")
        return redirect(source)
    review = get_object_or_404(SourceReview, source=source, uuid=form.cleaned_data["review"])
    review.source = source
    try:
        services.reopen_review(
            actor=request.user, review=review, reason=form.cleaned_data["reason"]
        )
    except ValidationError as error:
        messages.error(request, error.messages[0])
    except PermissionError as error:
        raise PermissionDenied from error
    else:
        messages.success(request, "The review is reopened and can be corrected.")
    return redirect(source)

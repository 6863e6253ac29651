"""A run under review: its page, editing a proposal, publishing, sending, closing,
discarding, and downloading it."""

from collections.abc import Callable
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tandem.audit.services import record_event
from tandem.forms import add_errors
from tandem.http import AuthenticatedHttpRequest, htmx_fragment, posted_data
from tandem.imports import exports
from tandem.matching import selectors, services
from tandem.matching.forms import ProposalForm
from tandem.matching.models import MatchRun, RunMode, RunStatus
from tandem.matching.policy import get_run_for_user

PAGE_SIZE = 100


@require_GET
@login_required
def run_detail(request: AuthenticatedHttpRequest, run_uuid: UUID) -> HttpResponse:
    run = get_run_for_user(request.user, run_uuid)
    if not run.is_finished_computing and services.fail_abandoned_runs(
        runs=MatchRun.objects.filter(pk=run.pk)
    ):
        run.refresh_from_db()
    context: dict[str, object] = {
        "run": run,
        "programme": run.programme,
        "task_state": services.run_task_status(run),
    }
    if run.is_finished_computing:
        context["unplaced"] = selectors.unplaced_rows(run)
        context["moved"] = selectors.moved_rows(run)
        if run.mode == RunMode.GROUPS:
            context["groups"] = selectors.run_groups(run)
        elif run.mode == RunMode.SHORTLIST:
            mentees = selectors.shortlist_mentees(run)
            context["page"] = Paginator(mentees, PAGE_SIZE).get_page(request.GET.get("page"))
            context["round"] = selectors.round_progress(run)
        else:
            proposals = selectors.run_proposals(run)
            context["page"] = Paginator(proposals, PAGE_SIZE).get_page(request.GET.get("page"))
        if run.status == RunStatus.PUBLISHED and run.mode in {RunMode.ALLOCATION, RunMode.GROUPS}:
            until = services.unpublish_until(run)
            context["unpublish_until"] = until if timezone.now() < until else None
    return render(request, "matching/run_detail.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def proposal_edit(
    request: AuthenticatedHttpRequest, run_uuid: UUID, user_uuid: UUID
) -> HttpResponse:
    run = get_run_for_user(request.user, run_uuid)
    mentee = selectors.run_mentee(run, user_uuid)
    if mentee is None or run.mode == RunMode.GROUPS:  # groups are not edited pair by pair
        raise Http404
    proposal = selectors.proposal_for(run, mentee)
    choices = services.mentor_choices(run, mentee)
    initial = {"mentor": str(proposal.mentor_id) if proposal else ""}
    form = ProposalForm(posted_data(request), choices=choices, initial=initial)
    if request.method == "POST" and form.is_valid():
        chosen = form.cleaned_data["mentor"]
        mentor = selectors.person(int(chosen)) if chosen else None
        try:
            services.edit_proposal(actor=request.user, run=run, mentee=mentee, mentor=mentor)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"Draft changed for {mentee.full_name}.")
            if not request.htmx:
                return redirect(run)
    if request.htmx and request.method == "POST":  # the review page swaps in this row alone
        run.refresh_from_db()  # the edit changed how many are placed
        proposal = selectors.proposal_for(run, mentee)
        row = {
            "run": run,
            "mentee": mentee,
            "proposal": proposal,
            "form": form,
            "swapped": True,
            "unplaced": selectors.unplaced_rows(run),  # the summary and this list change too
        }
        return htmx_fragment(request, "matching/_proposal_row.html", row)
    context = {
        "run": run,
        "programme": run.programme,
        "mentee": mentee,
        "proposal": proposal,
        "form": form,
        "alternatives": services.alternatives(run, mentee, choices),
    }
    return render(request, "matching/proposal_form.html", context)


def _act(
    request: AuthenticatedHttpRequest,
    run: MatchRun,
    action: Callable[..., object],
    done: str,
) -> HttpResponse:
    try:
        action(actor=request.user, run=run)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
    return redirect(run)


@require_POST
@login_required
def run_publish(request: AuthenticatedHttpRequest, run_uuid: UUID) -> HttpResponse:
    """Publishing asks first: the page says who is paired, who is emailed, what ends."""
    run = get_run_for_user(request.user, run_uuid)
    if run.mode == RunMode.GROUPS:  # groups publish as groups (views.groups)
        raise Http404
    if request.POST.get("confirmed") != "yes":
        proposals = list(selectors.run_proposals(run))
        context = {
            "run": run,
            "programme": run.programme,
            "proposals": proposals,
            "num_people": len({p.mentor_id for p in proposals} | {p.mentee_id for p in proposals}),
            "num_ending": sum(1 for p in proposals if p.replaces_id),
            "unpublish_days": services.UNPUBLISH_DAYS,
        }
        return render(request, "matching/publish_confirm.html", context)
    return _act(
        request,
        run,
        services.publish_run,
        "Published. Each pair now has a relationship and a learning agreement to sign.",
    )


@require_POST
@login_required
def run_unpublish(request: AuthenticatedHttpRequest, run_uuid: UUID) -> HttpResponse:
    """Undo a publish within the grace period, after a confirmation page."""
    run = get_run_for_user(request.user, run_uuid)
    if request.POST.get("confirmed") != "yes":
        context = {
            "run": run,
            "programme": run.programme,
            "problems": services.unpublish_problems(run),
            "proposals": list(selectors.run_proposals(run)),
        }
        return render(request, "matching/unpublish_confirm.html", context)
    return _act(
        request,
        run,
        services.unpublish_run,
        "Unpublished. The pairs are withdrawn, everyone paired has been emailed, and the "
        "match is a draft again.",
    )


@require_POST
@login_required
def run_send(request: AuthenticatedHttpRequest, run_uuid: UUID) -> HttpResponse:
    run = get_run_for_user(request.user, run_uuid)
    done = "Shortlists sent. Mentees can now choose."
    if short := len(run.unplaced):
        done += (
            f" {short} {'mentee has' if short == 1 else 'mentees have'} fewer suggestions than "
            "asked (or none); the run page says why for each."
        )
    return _act(request, run, services.send_shortlists, done)


@require_POST
@login_required
def run_close(request: AuthenticatedHttpRequest, run_uuid: UUID) -> HttpResponse:
    run = get_run_for_user(request.user, run_uuid)
    return _act(request, run, services.close_round, "Round closed. Nobody else can choose in it.")


@require_POST
@login_required
def run_discard(request: AuthenticatedHttpRequest, run_uuid: UUID) -> HttpResponse:
    run = get_run_for_user(request.user, run_uuid)
    return _act(request, run, services.discard_run, "Run discarded; nothing was changed.")


@require_POST
@login_required
def run_retry(request: AuthenticatedHttpRequest, run_uuid: UUID) -> HttpResponse:
    run = get_run_for_user(request.user, run_uuid)
    return _act(request, run, services.retry_run, "Started again with the same settings.")


@require_GET
@login_required
def run_export(request: AuthenticatedHttpRequest, run_uuid: UUID) -> HttpResponse:
    """The whole run (every pair or suggestion, and every unplaced mentee) as CSV or XLSX."""
    run = get_run_for_user(request.user, run_uuid)
    if not run.is_finished_computing:
        raise Http404
    file_format = "xlsx" if request.GET.get("format") == "xlsx" else "csv"
    headers, rows = services.run_rows(run)
    record_event(actor=request.user, action="matching.run.export", target=run, detail=file_format)
    stem = f"matching-{run.created_at:%Y-%m-%d}-{run.get_mode_display().lower().replace(' ', '-')}"
    return exports.render(headers, rows, file_format=file_format, file_stem=stem[:60])

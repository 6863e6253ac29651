"""A programme's matching page, its settings, and starting a run or a rematch."""

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tandem.forms import add_errors
from tandem.http import AuthenticatedHttpRequest, posted_data
from tandem.matching import selectors, services
from tandem.matching.forms import RematchForm, RunForm, SettingsForm
from tandem.matching.models import RunMode
from tandem.programmes.policy import get_programme_for_user


@require_GET
@login_required
def programme_matching(request: AuthenticatedHttpRequest, programme_uuid: UUID) -> HttpResponse:
    programme = get_programme_for_user(request.user, programme_uuid, write=True)
    match_settings = services.get_settings(programme)
    context = {
        "programme": programme,
        "match_settings": match_settings,
        "weights": services.weight_rows(match_settings),
        "form": RunForm(),
        "runs": selectors.recent_runs(programme),
        "counts": selectors.programme_counts(programme),
    }
    return render(request, "matching/programme_matching.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def settings_edit(request: AuthenticatedHttpRequest, programme_uuid: UUID) -> HttpResponse:
    programme = get_programme_for_user(request.user, programme_uuid, write=True)
    form = SettingsForm(posted_data(request), instance=services.get_settings(programme))
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in SettingsForm.Meta.fields}
        try:
            services.update_settings(
                actor=request.user, programme=programme, fields=fields, weights=form.weights()
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "Matching settings saved. They apply to the next run.")
            return redirect("matching:programme-matching", programme_uuid=programme.uuid)
    return render(request, "matching/settings_form.html", {"programme": programme, "form": form})


@require_POST
@login_required
def run_start(request: AuthenticatedHttpRequest, programme_uuid: UUID) -> HttpResponse:
    programme = get_programme_for_user(request.user, programme_uuid, write=True)
    form = RunForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose how to match.")
        return redirect("matching:programme-matching", programme_uuid=programme.uuid)
    run = services.start_run(
        actor=request.user, programme=programme, mode=form.cleaned_data["mode"]
    )
    return redirect(run)


@require_http_methods(["GET", "POST"])
@login_required
def rematch_start(request: AuthenticatedHttpRequest, programme_uuid: UUID) -> HttpResponse:
    programme = get_programme_for_user(request.user, programme_uuid, write=True)
    asked = selectors.rematch_requested(programme)
    form = RematchForm(
        posted_data(request),
        mentees=selectors.placed_mentees(programme),
        initial={"mentees": list(asked)},
    )
    if request.method == "POST" and form.is_valid():
        run = services.start_run(
            actor=request.user,
            programme=programme,
            mode=RunMode.REMATCH,
            rematch_ids=[user.pk for user in form.cleaned_data["mentees"]],
        )
        if moved := run.inputs.get("moved"):
            messages.warning(
                request,
                f"{len(moved)} more {'mentee was' if len(moved) == 1 else 'mentees were'} added "
                "to this rematch because their current pair is no longer possible: see "
                "“Added to this rematch” below.",
            )
        return redirect(run)
    context = {"programme": programme, "form": form, "num_asked": len(asked)}
    return render(request, "matching/rematch_form.html", context)

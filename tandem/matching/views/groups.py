"""Group runs: choosing group size and mix and starting the engine, and publishing the
groups it proposes after a confirmation page."""

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from tandem.forms import add_errors
from tandem.framework.keys import GroupFormat
from tandem.http import AuthenticatedHttpRequest, posted_data
from tandem.matching import selectors, services
from tandem.matching.defaults import group_defaults
from tandem.matching.forms import GroupRunForm
from tandem.matching.models import RunMode
from tandem.matching.policy import get_run_for_user
from tandem.programmes.policy import get_programme_for_user


@require_http_methods(["GET", "POST"])
@login_required
def group_run_start(request: AuthenticatedHttpRequest, programme_uuid: UUID) -> HttpResponse:
    programme = get_programme_for_user(request.user, programme_uuid, write=True)
    if programme.group_format != GroupFormat.GROUP:
        raise Http404
    form = GroupRunForm(posted_data(request), initial=group_defaults(programme.template_key))
    if request.method == "POST" and form.is_valid():
        choices = services.GroupChoices(**form.cleaned_data)
        try:
            run = services.start_group_run(actor=request.user, programme=programme, choices=choices)
        except ValidationError as error:
            add_errors(form, error)
        else:
            return redirect(run)
    counts = selectors.programme_counts(programme)
    context = {"programme": programme, "form": form, "counts": counts}
    return render(request, "matching/group_run_form.html", context)


@require_POST
@login_required
def group_run_publish(request: AuthenticatedHttpRequest, run_uuid: UUID) -> HttpResponse:
    """Publishing asks first: the page lists each group, who is emailed, and how to undo."""
    run = get_run_for_user(request.user, run_uuid)
    if run.mode != RunMode.GROUPS:
        raise Http404
    if request.POST.get("confirmed") != "yes":
        groups = selectors.run_groups(run)
        context = {
            "run": run,
            "programme": run.programme,
            "groups": groups,
            "num_people": len(
                {group.facilitator.pk for group in groups}
                | {proposal.mentee_id for group in groups for proposal in group.members}
            ),
            "unpublish_days": services.UNPUBLISH_DAYS,
        }
        return render(request, "matching/group_publish_confirm.html", context)
    try:
        published = services.publish_group_run(actor=request.user, run=run)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        plural = published != 1
        messages.success(
            request,
            f"Published. {published} group{'s' if plural else ''} now "
            f"{'have' if plural else 'has'} a relationship and a learning agreement to sign.",
        )
    return redirect(run)

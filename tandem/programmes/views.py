from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tandem.forms import ListFilterForm, add_errors
from tandem.http import AuthenticatedHttpRequest, htmx_fragment, posted_data
from tandem.paging import page_of
from tandem.programmes import selectors, services
from tandem.programmes.eligibility import eligibility_checks, programme_rules_text
from tandem.programmes.forms import (
    ApplicationForm,
    BulkApprovalForm,
    CapacityForm,
    DecisionForm,
    InviteForm,
    ProgrammeForm,
    initial_from_template,
)
from tandem.programmes.models import DECISION_CHANGE_DAYS, Enrolment
from tandem.programmes.policy import (
    can_create_programme,
    get_enrolment_for_user,
    get_programme_for_user,
    is_coordinator,
)
from tandem.programmes.templates_catalogue import TEMPLATES, TEMPLATES_BY_KEY


@require_GET
@login_required
def programme_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    context = {
        "programmes": selectors.programme_list_for_user(request.user),
        "can_create": can_create_programme(request.user),
    }
    return render(request, "programmes/programme_list.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def programme_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not can_create_programme(request.user):
        raise PermissionDenied
    template_key = request.GET.get("template", "")
    if template_key not in TEMPLATES_BY_KEY and template_key != "blank":
        return render(request, "programmes/template_choice.html", {"templates": TEMPLATES})
    template = TEMPLATES_BY_KEY.get(template_key)
    form = ProgrammeForm(
        request.POST or None, initial=initial_from_template(template), user=request.user
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        programme = services.create_programme(
            actor=request.user,
            template_key=template_key,
            fields=data,
            organisations=list(data["organisations"]),
            partnership=data["partnership"],
            coordinators=data["other_coordinators"],
        )
        messages.success(request, f"Programme “{programme.name}” created.")
        return redirect(programme)
    context = {"form": form, "template": template, "is_new": True}
    return render(request, "programmes/programme_form.html", context)


@require_GET
@login_required
def programme_detail(request: AuthenticatedHttpRequest, programme_uuid: UUID) -> HttpResponse:
    programme = get_programme_for_user(request.user, programme_uuid)
    context = {
        "programme": programme,
        "is_coordinator": is_coordinator(request.user, programme),
        "organisations": programme.organisations.all(),
        "coordinators": programme.coordinators.all(),
        "my_enrolments": Enrolment.objects.filter(programme=programme, user=request.user),
        "eligibility_rules": programme_rules_text(programme),
    }
    return render(request, "programmes/programme_detail.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def programme_edit(request: AuthenticatedHttpRequest, programme_uuid: UUID) -> HttpResponse:
    programme = get_programme_for_user(request.user, programme_uuid, write=True)
    form = ProgrammeForm(request.POST or None, instance=programme, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.update_programme(
            actor=request.user,
            programme=programme,
            fields=data,
            organisations=list(data["organisations"]),
            coordinators=data["other_coordinators"],
        )
        messages.success(request, "Programme saved.")
        return redirect(programme)
    context = {"form": form, "programme": programme, "is_new": False}
    return render(request, "programmes/programme_form.html", context)


@require_GET
@login_required
def enrolment_list(request: AuthenticatedHttpRequest, programme_uuid: UUID) -> HttpResponse:
    programme = get_programme_for_user(request.user, programme_uuid, write=True)
    form = ListFilterForm(
        request.GET or None,
        statuses=Enrolment.Status.choices,
        attention_label="Only applications awaiting a decision",
    )
    page = page_of(request, selectors.programme_enrolments(programme, **form.chosen()))
    enrolments = list(page.object_list)
    checks = services.requirement_checks(programme, enrolments)
    # Learners have no mentor requirements: their row shows the eligibility rules instead.
    checks.update(eligibility_checks(programme, enrolments))
    rows = [(enrolment, checks.get(enrolment.pk)) for enrolment in enrolments]
    context = {
        "programme": programme,
        "form": form,
        "page": page,
        "rows": rows,
        "decision_form": DecisionForm(),
    }
    return render(request, "programmes/enrolment_list.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def enrolment_approve_all(request: AuthenticatedHttpRequest, programme_uuid: UUID) -> HttpResponse:
    """Approve all who meet the requirements, after a page that lists who will be approved
    and who will not (and why)."""
    programme = get_programme_for_user(request.user, programme_uuid, write=True)
    enrolments = selectors.enrolments_for_programme(programme)
    approvable, left = services.bulk_approval_plan(programme, enrolments)
    form = BulkApprovalForm(posted_data(request), approvable=approvable)
    if request.method == "POST" and form.is_valid():
        approved, skipped = services.approve_all_eligible(
            actor=request.user,
            programme=programme,
            enrolment_uuids=form.cleaned_data["enrolments"],
        )
        messages.success(request, f"Approved {len(approved)} {pluralize_people(len(approved))}.")
        if skipped:
            names = ", ".join(enrolment.user.display_name for enrolment in skipped)
            messages.warning(request, f"Not approved, as something changed: {names}.")
        return redirect("programmes:enrolment-list", programme_uuid=programme.uuid)
    if request.method == "POST":
        messages.warning(request, "The list changed since you opened it: check it again.")
    context = {"programme": programme, "approvable": approvable, "left": left, "form": form}
    return render(request, "programmes/enrolment_approve_all.html", context)


@require_POST
@login_required
def enrolment_capacity(request: AuthenticatedHttpRequest, enrolment_uuid: UUID) -> HttpResponse:
    enrolment = get_enrolment_for_user(request.user, enrolment_uuid, write=True)
    form = CapacityForm(request.POST)
    if form.is_valid():
        try:
            services.set_mentor_capacity(
                actor=request.user, enrolment=enrolment, capacity=form.cleaned_data["capacity"]
            )
        except ValidationError as error:
            messages.error(request, f"{enrolment.user}: {' '.join(error.messages)}")
        else:
            messages.success(
                request, f"{enrolment.user} can now support {enrolment.capacity} mentees."
            )
    else:
        reasons = " ".join(str(reason) for reason in form.errors["capacity"])
        messages.error(request, f"{enrolment.user}: {reasons}")
    return redirect("programmes:enrolment-list", programme_uuid=enrolment.programme.uuid)


def pluralize_people(number: int) -> str:
    return "person" if number == 1 else "people"


@require_http_methods(["GET", "POST"])
@login_required
def enrolment_invite(request: AuthenticatedHttpRequest, programme_uuid: UUID) -> HttpResponse:
    programme = get_programme_for_user(request.user, programme_uuid, write=True)
    form = InviteForm(request.POST or None, programme=programme)
    if request.method == "POST" and form.is_valid():
        try:
            invited = services.invite_people(
                actor=request.user,
                programme=programme,
                users=form.cleaned_data["emails"],
                role=form.cleaned_data["role"],
                capacity=form.cleaned_data["capacity"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"Invited {len(invited)} {pluralize_people(len(invited))}.")
            return redirect("programmes:enrolment-list", programme_uuid=programme.uuid)
    return render(request, "programmes/invite_form.html", {"form": form, "programme": programme})


@require_http_methods(["GET", "POST"])
@login_required
def programme_apply(request: AuthenticatedHttpRequest, programme_uuid: UUID) -> HttpResponse:
    programme = get_programme_for_user(request.user, programme_uuid)
    if not programme.accepts_applications:
        raise PermissionDenied
    form = ApplicationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.apply_to_programme(
                actor=request.user,
                programme=programme,
                role=form.cleaned_data["role"],
                details=form.cleaned_data,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Application sent. A coordinator will reply.")
            return redirect(programme)
    return render(request, "programmes/apply_form.html", {"form": form, "programme": programme})


@require_POST
@login_required
def enrolment_decide(request: AuthenticatedHttpRequest, enrolment_uuid: UUID) -> HttpResponse:
    enrolment = get_enrolment_for_user(request.user, enrolment_uuid, write=True)
    form = DecisionForm(request.POST)
    if form.is_valid():
        approve, note = form.cleaned_data["decision"] == "approve", form.cleaned_data["note"]
        try:
            if request.POST.get("confirmed") != "yes":
                # A decision emails the person: say so and ask first.
                services.check_decision(enrolment=enrolment, approve=approve, note=note)
                return _confirm_decision(
                    request,
                    enrolment,
                    approve=approve,
                    note=note,
                    capacity=form.cleaned_data["capacity"],
                )
            services.decide_enrolment(
                actor=request.user,
                enrolment=enrolment,
                approve=approve,
                note=note,
                capacity=form.cleaned_data["capacity"],
            )
        except ValidationError as error:
            messages.error(request, f"{enrolment.user}: {' '.join(error.messages)}")
        else:
            messages.success(request, f"Decision recorded for {enrolment.user}.")
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    if request.htmx:  # the enrolments page swaps in this person's row alone
        enrolment.refresh_from_db()
        unmet = services.requirement_checks(enrolment.programme, [enrolment]).get(
            enrolment.pk
        ) or eligibility_checks(enrolment.programme, [enrolment]).get(enrolment.pk)
        context = {"enrolment": enrolment, "unmet": unmet}
        return htmx_fragment(request, "programmes/_enrolment_row.html", context)
    return redirect("programmes:enrolment-list", programme_uuid=enrolment.programme.uuid)


def _confirm_decision(
    request: AuthenticatedHttpRequest,
    enrolment: Enrolment,
    *,
    approve: bool,
    note: str,
    capacity: int | None,
) -> HttpResponse:
    context = {
        "enrolment": enrolment,
        "approve": approve,
        "note": note,
        "capacity": capacity,
        "change_days": DECISION_CHANGE_DAYS,
    }
    if request.htmx:
        return htmx_fragment(request, "programmes/_enrolment_confirm_row.html", context)
    return render(request, "programmes/enrolment_confirm.html", context)


@require_POST
@login_required
def enrolment_respond(request: AuthenticatedHttpRequest, enrolment_uuid: UUID) -> HttpResponse:
    enrolment = get_enrolment_for_user(request.user, enrolment_uuid)
    if enrolment.user_id != request.user.pk or enrolment.status != Enrolment.Status.INVITED:
        raise PermissionDenied
    accept = request.POST.get("answer") == "accept"
    try:
        services.respond_to_invitation(actor=request.user, enrolment=enrolment, accept=accept)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(enrolment.programme)
    messages.success(
        request, "You have joined the programme." if accept else "Invitation declined."
    )
    return redirect(enrolment.programme)

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tandem.accounts.models import User
from tandem.bank import selectors, services
from tandem.bank.forms import (
    BankFilterForm,
    BankForm,
    EntryDecisionForm,
    EntryForm,
    NominationForm,
    RecruitForm,
    WithdrawForm,
)
from tandem.bank.models import BankEntry
from tandem.bank.policy import (
    banks_visible_to,
    can_browse_bank,
    can_create_bank,
    can_edit_entry,
    get_bank_for_user,
    get_entry_for_user,
    holder_organisations,
    holders_for_user,
    is_bank_coordinator,
    recruiting_programmes,
)
from tandem.forms import add_errors
from tandem.http import AuthenticatedHttpRequest, posted_data
from tandem.organisations.models import Membership
from tandem.paging import page_of


@require_GET
@login_required
def bank_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    banks = banks_visible_to(request.user).select_related("organisation", "partnership")
    context = {"banks": banks, "can_create": can_create_bank(request.user)}
    return render(request, "bank/bank_list.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def bank_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not can_create_bank(request.user):
        raise PermissionDenied
    organisations, partnerships = holders_for_user(request.user)
    form = BankForm(posted_data(request), organisations=organisations, partnerships=partnerships)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        bank = services.create_bank(
            actor=request.user,
            name=data["name"],
            description=data["description"],
            accepts_applications=data["accepts_applications"],
            **form.holder_kwargs(),  # type: ignore[arg-type]
        )
        messages.success(request, f"Mentor bank “{bank.name}” set up.")
        return redirect(bank)
    return render(request, "bank/bank_form.html", {"form": form})


@require_GET
@login_required
def bank_detail(request: AuthenticatedHttpRequest, bank_uuid: UUID) -> HttpResponse:
    bank = get_bank_for_user(request.user, bank_uuid)
    context: dict = {
        "bank": bank,
        "is_coordinator": is_bank_coordinator(request.user, bank),
        "my_entry": BankEntry.objects.filter(bank=bank, user=request.user).first(),
    }
    if can_browse_bank(request.user, bank):
        form = BankFilterForm(request.GET or None)
        programmes = recruiting_programmes(request.user, bank)
        context |= {
            "form": form,
            "page": page_of(request, selectors.bank_entries(bank, form.filters())),
            "programmes": programmes,
            "recruit_form": RecruitForm(programmes=programmes, entries=BankEntry.objects.none()),
        }
    if context["is_coordinator"]:
        context["waiting"] = selectors.waiting_entries(bank)
    return render(request, "bank/bank_detail.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def bank_apply(request: AuthenticatedHttpRequest, bank_uuid: UUID) -> HttpResponse:
    bank = get_bank_for_user(request.user, bank_uuid)
    form = EntryForm(posted_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.apply_to_bank(actor=request.user, bank=bank, details=form.cleaned_data)
        except (ValidationError, PermissionError) as error:
            add_errors(
                form, error if isinstance(error, ValidationError) else ValidationError(str(error))
            )
        else:
            messages.success(request, "Application sent: a coordinator will decide it.")
            return redirect(bank)
    return render(request, "bank/entry_form.html", {"bank": bank, "form": form, "is_apply": True})


@require_http_methods(["GET", "POST"])
@login_required
def bank_nominate(request: AuthenticatedHttpRequest, bank_uuid: UUID) -> HttpResponse:
    bank = get_bank_for_user(request.user, bank_uuid, write=True)
    people = (
        User.objects.filter(
            memberships__in=Membership.objects.current().filter(
                organisation__in=holder_organisations(bank)
            ),
            is_active=True,
        )
        .distinct()
        .order_by("full_name")
    )
    form = NominationForm(posted_data(request), people=people)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.nominate_mentor(actor=request.user, bank=bank, user=data["user"], details=data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"{data['user'].display_name} nominated.")
            return redirect(bank)
    return render(request, "bank/entry_form.html", {"bank": bank, "form": form})


@require_POST
@login_required
def bank_recruit(request: AuthenticatedHttpRequest, bank_uuid: UUID) -> HttpResponse:
    bank = get_bank_for_user(request.user, bank_uuid)
    programmes = recruiting_programmes(request.user, bank)
    if not programmes.exists():
        raise PermissionDenied
    entries = BankEntry.objects.approved().filter(bank=bank).select_related("user")
    form = RecruitForm(request.POST, programmes=programmes, entries=entries)
    if form.is_valid():
        data = form.cleaned_data
        try:
            done = services.recruit_from_bank(
                actor=request.user,
                bank=bank,
                programme=data["programme"],
                entries=list(data["entries"]),
                enrol=data["how"] == "enrol",
                note=data["note"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            verb = "enrolled" if data["how"] == "enrol" else "invited"
            messages.success(request, f"{len(done)} mentor{'s'[: len(done) != 1]} {verb}.")
            return redirect(data["programme"])
    return render(request, "bank/recruit_errors.html", {"bank": bank, "form": form})


@require_GET
@login_required
def entry_detail(request: AuthenticatedHttpRequest, entry_uuid: UUID) -> HttpResponse:
    entry = get_entry_for_user(request.user, entry_uuid)
    context = {
        "entry": entry,
        "profile": getattr(entry.user, "profile", None),
        "training": selectors.entry_training(entry),
        "load": selectors.entry_load(entry),
        "is_coordinator": is_bank_coordinator(request.user, entry.bank),
        "can_edit": can_edit_entry(request.user, entry),
        "decision_form": EntryDecisionForm(),
        "withdraw_form": WithdrawForm(),
    }
    return render(request, "bank/entry_detail.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def entry_edit(request: AuthenticatedHttpRequest, entry_uuid: UUID) -> HttpResponse:
    entry = get_entry_for_user(request.user, entry_uuid)
    if not can_edit_entry(request.user, entry):
        raise PermissionDenied
    form = EntryForm(posted_data(request), instance=entry)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_entry(actor=request.user, entry=entry, fields=form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "Entry saved.")
            return redirect(entry)
    return render(
        request, "bank/entry_form.html", {"bank": entry.bank, "form": form, "entry": entry}
    )


@require_POST
@login_required
def entry_decide(request: AuthenticatedHttpRequest, entry_uuid: UUID) -> HttpResponse:
    entry = get_entry_for_user(request.user, entry_uuid, write=True)
    form = EntryDecisionForm(request.POST)
    if form.is_valid():
        approve = form.cleaned_data["decision"] == "approve"
        try:
            services.decide_entry(
                actor=request.user, entry=entry, approve=approve, note=form.cleaned_data["note"]
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request, f"{entry.user.display_name}: {entry.get_status_display().lower()}."
            )
            return redirect(entry.bank)
    return _entry_with_errors(request, entry, decision_form=form)


@require_POST
@login_required
def entry_withdraw(request: AuthenticatedHttpRequest, entry_uuid: UUID) -> HttpResponse:
    entry = get_entry_for_user(request.user, entry_uuid)
    if not can_edit_entry(request.user, entry):
        raise PermissionDenied
    form = WithdrawForm(request.POST)
    if form.is_valid():
        try:
            services.withdraw_entry(
                actor=request.user, entry=entry, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"{entry.user.display_name} withdrawn from the bank.")
            return redirect(entry)
    return _entry_with_errors(request, entry, withdraw_form=form)


def _entry_with_errors(
    request: AuthenticatedHttpRequest, entry: BankEntry, **forms: object
) -> HttpResponse:
    context = {
        "entry": entry,
        "profile": getattr(entry.user, "profile", None),
        "training": selectors.entry_training(entry),
        "load": selectors.entry_load(entry),
        "is_coordinator": is_bank_coordinator(request.user, entry.bank),
        "can_edit": can_edit_entry(request.user, entry),
        "decision_form": EntryDecisionForm(),
        "withdraw_form": WithdrawForm(),
        **forms,
    }
    return render(request, "bank/entry_detail.html", context, status=400)

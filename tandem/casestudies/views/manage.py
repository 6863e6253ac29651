"""Writing a case study and taking it through approval (signed in)."""

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tandem.casestudies import anonymisation, figures, policy, services
from tandem.casestudies.forms import (
    CaseStudyForm,
    CommentForm,
    ConsentForm,
    FigureForm,
    PersonForm,
    StartForm,
    WithdrawForm,
)
from tandem.casestudies.models import CaseStudy, CitedFigure
from tandem.forms import add_errors
from tandem.framework import content
from tandem.http import AuthenticatedHttpRequest


@require_GET
@login_required
def manage_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    case_studies = (
        policy.case_studies_for_user(request.user)
        .select_related("organisation")
        .order_by("-updated_at")[:200]
    )
    context = {
        "case_studies": case_studies,
        "can_create": policy.organisations_for_new_case_study(request.user).exists(),
        "is_publisher": policy.is_publisher(request.user),
    }
    return render(request, "casestudies/manage_list.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def case_study_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not policy.organisations_for_new_case_study(request.user).exists():
        return render(request, "casestudies/no_organisation.html", status=403)
    form = StartForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            case_study = services.create_case_study(
                actor=request.user,
                organisation=data["organisation"],
                programme=data["programme"],
                fields={"title": data["title"], "summary": data["summary"]},
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "Case study started: write the rest when you are ready.")
            return redirect("casestudies:case-study-edit", case_study.uuid)
    return render(request, "casestudies/start_form.html", {"form": form})


@require_GET
@login_required
def case_study_detail(request: AuthenticatedHttpRequest, case_study_uuid: UUID) -> HttpResponse:
    case_study = policy.get_case_study_for_user(request.user, case_study_uuid)
    allowed = policy.abilities(request.user, case_study)
    context = {
        "case_study": case_study,
        "allowed": allowed,
        "people": case_study.identifiable_people.all(),
        "figures": case_study.figures.select_related("programme"),
        "authors": case_study.authors.all(),
        "tags": [content.TITLES.get(key, key) for key in case_study.tags],
        "styles": [content.TITLES.get(key, key) for key in case_study.mentor_styles],
        "submission_problems": services.submission_problems(case_study)
        if policy.EDIT in allowed
        else [],
        "publication_problems": services.publication_problems(case_study)
        if policy.PUBLISH in allowed
        else [],
        "comment_form": CommentForm(),
    }
    return render(request, "casestudies/case_study_detail.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def case_study_edit(request: AuthenticatedHttpRequest, case_study_uuid: UUID) -> HttpResponse:
    case_study = policy.get_case_study_for_user(request.user, case_study_uuid, ability=policy.EDIT)
    form = CaseStudyForm(request.POST or None, instance=case_study)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in CaseStudyForm.Meta.fields}
        try:
            services.update_case_study(
                actor=request.user,
                case_study=case_study,
                fields=fields,
                authors=list(form.cleaned_data["authors"]),
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "Case study saved.")
            return redirect(case_study)
    return render(
        request, "casestudies/case_study_form.html", {"form": form, "case_study": case_study}
    )


@require_http_methods(["GET", "POST"])
@login_required
def anonymisation_check(request: AuthenticatedHttpRequest, case_study_uuid: UUID) -> HttpResponse:
    """The names found in the text; "keep with consent" lists the person as identifiable."""
    case_study = policy.get_case_study_for_user(request.user, case_study_uuid, ability=policy.EDIT)
    if request.method == "POST":
        name = request.POST.get("name", "").strip()
        by_name = {found.name.lower(): found for found in anonymisation.scan(case_study)}
        hit = by_name.get(name.lower())
        if hit is None:
            messages.error(request, "That name is no longer in the text.")
            return redirect("casestudies:anonymisation-check", case_study.uuid)
        existing = case_study.identifiable_people.filter(name__iexact=hit.name).first()
        person = existing or services.add_identifiable_person(
            actor=request.user,
            case_study=case_study,
            fields={"name": hit.name, "user_id": hit.user_id},
        )
        messages.success(request, f"{person.name} listed: record their consent to keep the name.")
        return redirect("casestudies:person-consent", person.uuid)
    hits = anonymisation.scan(case_study)
    context = {"case_study": case_study, "hits": hits, "names": sorted({hit.name for hit in hits})}
    return render(request, "casestudies/anonymisation_check.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def person_add(request: AuthenticatedHttpRequest, case_study_uuid: UUID) -> HttpResponse:
    case_study = policy.get_case_study_for_user(request.user, case_study_uuid, ability=policy.EDIT)
    form = PersonForm(request.POST or None, organisation=case_study.organisation)
    if request.method == "POST" and form.is_valid():
        try:
            person = services.add_identifiable_person(
                actor=request.user, case_study=case_study, fields=form.cleaned_data
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"{person.name} listed: record their consent.")
            return redirect("casestudies:person-consent", person.uuid)
    return render(request, "casestudies/person_form.html", {"form": form, "case_study": case_study})


@require_http_methods(["GET", "POST"])
@login_required
def person_consent(request: AuthenticatedHttpRequest, person_uuid: UUID) -> HttpResponse:
    person = policy.get_person_for_user(request.user, person_uuid)
    initial = {
        "consent": person.consent,
        "how": person.consent_how,
        "decided_on": person.consent_on,
    }
    form = ConsentForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.record_consent(
                actor=request.user,
                person=person,
                consent=data["consent"],
                how=data["how"],
                decided_on=data["decided_on"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"Consent recorded for {person.name}.")
            return redirect(person.case_study)
    context = {"form": form, "person": person, "case_study": person.case_study}
    return render(request, "casestudies/consent_form.html", context)


@require_POST
@login_required
def person_remove(request: AuthenticatedHttpRequest, person_uuid: UUID) -> HttpResponse:
    person = policy.get_person_for_user(request.user, person_uuid)
    case_study = person.case_study
    services.remove_identifiable_person(actor=request.user, person=person)
    messages.success(request, f"{person.name} taken off the list.")
    return redirect(case_study)


@require_http_methods(["GET", "POST"])
@login_required
def figure_add(request: AuthenticatedHttpRequest, case_study_uuid: UUID) -> HttpResponse:
    case_study = policy.get_case_study_for_user(request.user, case_study_uuid, ability=policy.EDIT)
    tables, snapshot = (
        figures.stored_tables(case_study.programme) if case_study.programme else ([], None)
    )
    cells = figures.citable_cells(tables)
    choices = [
        (cell.ref, f"{cell.table_title}: {cell.row_label}, {cell.column}: {cell.value}")
        for cell in cells
    ]
    form = FigureForm(request.POST or None, choices=choices)
    if request.method == "POST" and form.is_valid():
        try:
            services.cite_figure(
                actor=request.user, case_study=case_study, ref=form.cleaned_data["ref"]
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "Figure cited.")
            return redirect(case_study)
    context = {"form": form, "case_study": case_study, "snapshot": snapshot, "cells": cells}
    return render(request, "casestudies/figure_form.html", context)


@require_POST
@login_required
def figure_remove(request: AuthenticatedHttpRequest, figure_uuid: UUID) -> HttpResponse:
    figure = get_object_or_404(CitedFigure.objects.select_related("case_study"), uuid=figure_uuid)
    case_study = policy.get_case_study_for_user(
        request.user, figure.case_study.uuid, ability=policy.EDIT
    )
    services.remove_figure(actor=request.user, figure=figure)
    messages.success(request, "Figure removed.")
    return redirect(case_study)


def _step(
    request: AuthenticatedHttpRequest, case_study_uuid: UUID, ability: str, step: str
) -> HttpResponse:
    """One approval step (a POST with no fields): done, or the reasons it was refused."""
    case_study = policy.get_case_study_for_user(request.user, case_study_uuid, ability=ability)
    try:
        getattr(services, step)(actor=request.user, case_study=case_study)
    except ValidationError as error:
        for problem in error.messages:
            messages.error(request, problem)
    else:
        done = {
            "submit": "Submitted to your organisation's leader.",
            "endorse": "Endorsed: a publisher will check and publish it.",
            "publish": "Published on the public pages.",
        }
        messages.success(request, done[step])
    return redirect(case_study)


@require_POST
@login_required
def case_study_submit(request: AuthenticatedHttpRequest, case_study_uuid: UUID) -> HttpResponse:
    return _step(request, case_study_uuid, policy.EDIT, "submit")


@require_POST
@login_required
def case_study_endorse(request: AuthenticatedHttpRequest, case_study_uuid: UUID) -> HttpResponse:
    return _step(request, case_study_uuid, policy.REVIEW, "endorse")


@require_POST
@login_required
def case_study_publish(request: AuthenticatedHttpRequest, case_study_uuid: UUID) -> HttpResponse:
    return _step(request, case_study_uuid, policy.PUBLISH, "publish")


@require_POST
@login_required
def case_study_return(request: AuthenticatedHttpRequest, case_study_uuid: UUID) -> HttpResponse:
    """The leader returns a submitted case study, a publisher an endorsed one."""
    case_study = policy.get_case_study_for_user(request.user, case_study_uuid)
    needed = policy.REVIEW if case_study.status == CaseStudy.Status.SUBMITTED else policy.PUBLISH
    if needed not in policy.abilities(request.user, case_study):
        raise PermissionDenied
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            services.return_with_comments(
                actor=request.user, case_study=case_study, comment=form.cleaned_data["comment"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, "Returned to the authors with your comments.")
    else:
        messages.error(request, "Say what the authors should change.")
    return redirect(case_study)


@require_http_methods(["GET", "POST"])
@login_required
def case_study_withdraw(request: AuthenticatedHttpRequest, case_study_uuid: UUID) -> HttpResponse:
    case_study = policy.get_case_study_for_user(
        request.user, case_study_uuid, ability=policy.WITHDRAW
    )
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.withdraw(
                actor=request.user, case_study=case_study, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "Withdrawn from the public pages.")
            return redirect(case_study)
    return render(
        request, "casestudies/withdraw_form.html", {"form": form, "case_study": case_study}
    )

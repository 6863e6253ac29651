"""REFI-QDA interchange: exporting a study for other analysis software, and importing a
codebook into it or a project as a new study, each import previewed before it is saved.
Leads only (policy.MANAGE); a new study from a project, those who may set one up."""

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import pluralize
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tandem.http import AuthenticatedHttpRequest
from tandem.research import policy
from tandem.research.interchange import export, importing, staging
from tandem.research.interchange.forms import (
    CodebookUploadForm,
    ConfirmImportForm,
    ProjectUploadForm,
)
from tandem.research.interchange.reading import read_codebook, read_project
from tandem.research.interchange.xml import InterchangeError
from tandem.research.models import Code, Study

TEMPLATES = "research/interchange/"


def _codebook_rows(study: Study) -> list[tuple[int, Code]]:
    """The codebook as (depth, code) in tree order, each with its number of segments."""
    codes = list(
        Code.objects.filter(study=study).annotate(num_segments=Count("segments")).order_by("name")
    )
    children: dict[int | None, list[Code]] = {}
    for code in codes:
        children.setdefault(code.parent_id, []).append(code)
    rows: list[tuple[int, Code]] = []

    def walk(parent: int | None, depth: int) -> None:
        for code in children.get(parent, []):
            rows.append((depth, code))
            walk(code.pk, depth + 1)

    walk(None, 0)
    return rows


@require_GET
@login_required
def interchange_page(request: AuthenticatedHttpRequest, study_uuid: UUID) -> HttpResponse:
    study = policy.get_study_for_user(request.user, study_uuid, ability=policy.MANAGE)
    context = {
        "study": study,
        "codebook": _codebook_rows(study),
        "num_documents": study.documents.count(),
        "codebook_form": CodebookUploadForm(),
        "can_import_project": policy.can_create_study(request.user),
    }
    return render(request, f"{TEMPLATES}page.html", context)


def _download(exported: export.ExportedFile) -> HttpResponse:
    response = HttpResponse(exported.content, content_type=exported.content_type)
    response["Content-Disposition"] = f'attachment; filename="{exported.filename}"'
    return response


@require_GET
@login_required
def export_project(request: AuthenticatedHttpRequest, study_uuid: UUID) -> HttpResponse:
    study = policy.get_study_for_user(request.user, study_uuid, ability=policy.MANAGE)
    return _download(export.export_project(actor=request.user, study=study))


@require_GET
@login_required
def export_codebook(request: AuthenticatedHttpRequest, study_uuid: UUID) -> HttpResponse:
    study = policy.get_study_for_user(request.user, study_uuid, ability=policy.MANAGE)
    try:
        return _download(export.export_codebook(actor=request.user, study=study))
    except ValueError as error:
        messages.error(request, str(error))
        return redirect("research:interchange", study_uuid=study.uuid)


@require_http_methods(["GET", "POST"])
@login_required
def import_codebook(request: AuthenticatedHttpRequest, study_uuid: UUID) -> HttpResponse:
    study = policy.get_study_for_user(request.user, study_uuid, ability=policy.MANAGE)
    form = CodebookUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        token = staging.stage(request.session, form.data_bytes, purpose=f"qdc:{study.uuid}")
        context = {
            "study": study,
            "changes": importing.codebook_changes(study, form.plan.codes),
            "confirm": ConfirmImportForm(initial={"token": token}),
        }
        return render(request, f"{TEMPLATES}codebook_preview.html", context)
    return render(request, f"{TEMPLATES}codebook_upload.html", {"study": study, "form": form})


@require_POST
@login_required
def import_codebook_confirm(request: AuthenticatedHttpRequest, study_uuid: UUID) -> HttpResponse:
    study = policy.get_study_for_user(request.user, study_uuid, ability=policy.MANAGE)
    form = ConfirmImportForm(request.POST)
    data = form.is_valid() and staging.take(
        request.session, form.cleaned_data["token"], purpose=f"qdc:{study.uuid}"
    )
    if not data:
        messages.error(request, "That upload has expired or was already imported: upload it again.")
        return redirect("research:interchange-import-codebook", study_uuid=study.uuid)
    try:
        changes = importing.import_codebook(
            actor=request.user, study=study, plan=read_codebook(data)
        )
    except InterchangeError as error:
        messages.error(request, error.message)
        return redirect("research:interchange-import-codebook", study_uuid=study.uuid)
    messages.success(
        request,
        f"Codebook imported: {_codes(len(changes.added))} added; "
        f"{_codes(len(changes.matched))} matched "
        f"{'one' if len(changes.matched) == 1 else 'ones'} you already had.",
    )
    return redirect("research:interchange", study_uuid=study.uuid)


def _codes(count: int) -> str:
    return f"{count} code{pluralize(count)}"


def _organisations(request: AuthenticatedHttpRequest):
    if not policy.can_create_study(request.user):
        raise PermissionDenied
    return policy.organisations_for_new_study(request.user).order_by("name")


@require_http_methods(["GET", "POST"])
@login_required
def import_project(request: AuthenticatedHttpRequest) -> HttpResponse:
    organisations = _organisations(request)
    form = ProjectUploadForm(
        request.POST or None, request.FILES or None, organisations=organisations
    )
    if request.method == "POST" and form.is_valid():
        organisation = form.cleaned_data["organisation"]
        purpose = f"qdpx:{organisation.uuid}"
        token = staging.stage(request.session, form.data_bytes, purpose=purpose)
        plan = form.plan
        context = {
            "plan": plan,
            "organisation": organisation,
            "title": form.cleaned_data["title"] or plan.name,
            "coders": importing.coder_mapping(plan, actor=request.user, organisation=organisation),
            "confirm": ConfirmImportForm(
                initial={
                    "token": token,
                    "organisation": organisation.uuid,
                    "title": form.cleaned_data["title"],
                }
            ),
        }
        return render(request, f"{TEMPLATES}project_preview.html", context)
    return render(request, f"{TEMPLATES}project_upload.html", {"form": form})


@require_POST
@login_required
def import_project_confirm(request: AuthenticatedHttpRequest) -> HttpResponse:
    organisations = _organisations(request)
    form = ConfirmImportForm(request.POST)
    organisation = (
        form.is_valid() and organisations.filter(uuid=form.cleaned_data["organisation"]).first()
    )
    data = organisation and staging.take(
        request.session, form.cleaned_data["token"], purpose=f"qdpx:{organisation.uuid}"
    )
    if not organisation or not data:
        messages.error(request, "That upload has expired or was already imported: upload it again.")
        return redirect("research:interchange-import-project")
    try:
        result = importing.import_project(
            actor=request.user,
            organisation=organisation,
            plan=read_project(data),
            title=form.cleaned_data["title"],
        )
    except InterchangeError as error:
        messages.error(request, error.message)
        return redirect("research:interchange-import-project")
    messages.success(
        request,
        f"Project imported as a new study: {result.num_documents} documents, "
        f"{result.num_codes} codes, {result.num_segments} coded segments and "
        f"{result.num_memos} memos. Review each document's pseudonyms and record "
        "participants' consent before the documents are analysed.",
    )
    return redirect("research:interchange", study_uuid=result.study.uuid)

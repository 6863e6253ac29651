"""Adding sources: a file or a list of DOIs is read into a preview, then confirmed."""

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from tandem.evidence import policy, services
from tandem.evidence.forms import ImportForm
from tandem.evidence.models import ImportFormat, ImportStatus, SourceImport
from tandem.forms import add_errors
from tandem.http import AuthenticatedHttpRequest, posted_data


@require_http_methods(["GET", "POST"])
@login_required
def import_start(request: AuthenticatedHttpRequest, base_uuid: UUID) -> HttpResponse:
    base = policy.get_base_for_user(request.user, base_uuid, ability=policy.MODERATE)
    form = ImportForm(posted_data(request), request.FILES or None)
    if form.is_valid():
        file_format = form.cleaned_data["file_format"]
        upload = form.cleaned_data["file"]
        is_doi = file_format == ImportFormat.DOI
        try:
            preview = services.prepare_import(
                actor=request.user,
                base=base,
                file_format=file_format,
                data=form.cleaned_data["dois"] if is_doi else upload.read(),
                file_name="" if is_doi else upload.name,
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            return redirect(
                "evidence:import-preview", base_uuid=base.uuid, import_uuid=preview.uuid
            )
    return render(request, "evidence/import_form.html", {"base": base, "form": form})


def _import(request: AuthenticatedHttpRequest, base_uuid: UUID, import_uuid: UUID) -> SourceImport:
    base = policy.get_base_for_user(request.user, base_uuid, ability=policy.MODERATE)
    source_import = get_object_or_404(SourceImport, base=base, uuid=import_uuid)
    source_import.base = base
    return source_import


@require_http_methods(["GET", "POST"])
@login_required
def import_preview(
    request: AuthenticatedHttpRequest, base_uuid: UUID, import_uuid: UUID
) -> HttpResponse:
    source_import = _import(request, base_uuid, import_uuid)
    error = ""
    if request.method == "POST":
        try:
            added = services.confirm_import(actor=request.user, source_import=source_import)
        except ValidationError as problem:
            error = problem.messages[0]
        else:
            messages.success(request, f"{added} source{'s' if added != 1 else ''} added.")
            return redirect(source_import.base)
    context = {
        "base": source_import.base,
        "preview": source_import,
        "is_open": source_import.status == ImportStatus.PREVIEW,
        "error": error,
    }
    return render(request, "evidence/import_preview.html", context, status=400 if error else 200)


@require_POST
@login_required
def import_cancel(
    request: AuthenticatedHttpRequest, base_uuid: UUID, import_uuid: UUID
) -> HttpResponse:
    source_import = _import(request, base_uuid, import_uuid)
    services.cancel_import(actor=request.user, source_import=source_import)
    messages.success(request, "Nothing was added.")
    return redirect(source_import.base)

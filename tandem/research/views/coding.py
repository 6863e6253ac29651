"""Coding: the codebook, coding passes, the coding page of a document, and memos."""

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tandem.forms import add_errors
from tandem.http import AuthenticatedHttpRequest
from tandem.research import coding_reads, policy
from tandem.research.forms.coding import (
    ApplyCodesForm,
    CodeForm,
    MemoForm,
    MergeForm,
    PassForm,
    SegmentForm,
)
from tandem.research.models import Code, CodedSegment, Document, Memo, Study
from tandem.research.services import coding as services

T = "research/rscoding/"


def _codebook_url(study: Study) -> str:
    return reverse("research:codebook", args=[study.uuid])


def _coding_url(study: Study, document: Document) -> str:
    return reverse("research:coding", args=[study.uuid, document.uuid])


# ---- the codebook ----


@require_GET
@login_required
def codebook(request: AuthenticatedHttpRequest, study_uuid: UUID) -> HttpResponse:
    study = policy.get_study_for_user(request.user, study_uuid)
    context = {
        "study": study,
        "tree": coding_reads.codebook(study),
        "can_edit": policy.can(request.user, study, policy.CODE),
    }
    return render(request, T + "codebook.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def code_create(request: AuthenticatedHttpRequest, study_uuid: UUID) -> HttpResponse:
    study = policy.get_study_for_user(request.user, study_uuid, ability=policy.CODE)
    form = CodeForm(request.POST or None, study=study)
    if request.method == "POST" and form.is_valid():
        try:
            code = services.create_code(actor=request.user, study=study, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"Code “{code.name}” added.")
            return redirect(_codebook_url(study))
    return render(request, T + "code_form.html", {"study": study, "form": form})


@require_GET
@login_required
def code_detail(
    request: AuthenticatedHttpRequest, study_uuid: UUID, code_uuid: UUID
) -> HttpResponse:
    study, code = policy.get_code_for_user(request.user, study_uuid, code_uuid)
    segments = (
        CodedSegment.objects.filter(code=code)
        .select_related("document", "coder", "coding_pass")
        .order_by("document__title", "start")
    )
    context = {
        "study": study,
        "code": code,
        "parent": code.parent,
        "children": code.children.all(),
        "segments": segments,
        "memos": code.memos.select_related("author"),
        "can_edit": policy.can(request.user, study, policy.CODE),
    }
    return render(request, T + "code_detail.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def code_edit(request: AuthenticatedHttpRequest, study_uuid: UUID, code_uuid: UUID) -> HttpResponse:
    study, code = policy.get_code_for_user(request.user, study_uuid, code_uuid, ability=policy.CODE)
    form = CodeForm(request.POST or None, instance=code, study=study)
    if request.method == "POST" and form.is_valid():
        try:
            services.edit_code(actor=request.user, code=code, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"Code “{code.name}” saved.")
            return redirect(_codebook_url(study))
    return render(request, T + "code_form.html", {"study": study, "form": form, "code": code})


@require_http_methods(["GET", "POST"])
@login_required
def code_merge(
    request: AuthenticatedHttpRequest, study_uuid: UUID, code_uuid: UUID
) -> HttpResponse:
    study, code = policy.get_code_for_user(request.user, study_uuid, code_uuid, ability=policy.CODE)
    form = MergeForm(request.POST or None, study=study, source=code)
    context: dict[str, Any] = {"study": study, "code": code, "form": form}
    if request.method == "POST" and form.is_valid():
        target = form.cleaned_data["target"]
        if not form.cleaned_data["confirmed"]:
            # Ask first: say what will move before anything does.
            context |= {"target": target, "use": services.code_use(code)}
            return render(request, T + "code_merge_confirm.html", context)
        try:
            moved = services.merge_codes(actor=request.user, source=code, target=target)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request, f"“{code.name}” merged into “{target.name}”: {moved} segments moved."
            )
            return redirect(_codebook_url(study))
    return render(request, T + "code_merge.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def code_delete(
    request: AuthenticatedHttpRequest, study_uuid: UUID, code_uuid: UUID
) -> HttpResponse:
    study, code = policy.get_code_for_user(request.user, study_uuid, code_uuid, ability=policy.CODE)
    if request.method == "POST":
        try:
            removed = services.delete_code(
                actor=request.user,
                code=code,
                with_segments=request.POST.get("with_segments") == "1",
            )
        except services.CodeInUseError:
            pass  # the page below says why, and what can be done instead
        else:
            message = f"Code “{code.name}” deleted"
            messages.success(
                request, f"{message} with {removed} segments." if removed else f"{message}."
            )
            return redirect(_codebook_url(study))
    context = {"study": study, "code": code, "use": services.code_use(code)}
    return render(request, T + "code_delete.html", context)


# ---- coding passes ----


@require_GET
@login_required
def pass_list(request: AuthenticatedHttpRequest, study_uuid: UUID) -> HttpResponse:
    study = policy.get_study_for_user(request.user, study_uuid)
    context = {
        "study": study,
        "passes": coding_reads.passes(study),
        "can_code": policy.can(request.user, study, policy.CODE),
    }
    return render(request, T + "pass_list.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def pass_start(request: AuthenticatedHttpRequest, study_uuid: UUID) -> HttpResponse:
    study = policy.get_study_for_user(request.user, study_uuid, ability=policy.CODE)
    form = PassForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            started = services.start_pass(actor=request.user, study=study, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            blind = " (blind)" if started.is_blind else ""
            messages.success(request, f"Pass {started.number}{blind} started.")
            return redirect(_safe_next(request) or reverse("research:pass-list", args=[study.uuid]))
    context = {"study": study, "form": form, "next": _safe_next(request)}
    return render(request, T + "pass_start.html", context)


def _safe_next(request: AuthenticatedHttpRequest) -> str:
    # Only a path on this site, back to the coding page the coder came from.
    candidate = request.GET.get("next") or request.POST.get("next") or ""
    return candidate if candidate.startswith("/research/") and "//" not in candidate else ""


@require_POST
@login_required
def pass_finish(
    request: AuthenticatedHttpRequest, study_uuid: UUID, pass_uuid: UUID
) -> HttpResponse:
    study, coding_pass = policy.get_pass_for_coder(request.user, study_uuid, pass_uuid)
    services.finish_pass(actor=request.user, coding_pass=coding_pass)
    messages.success(request, f"Pass {coding_pass.number} finished.")
    return redirect(reverse("research:pass-list", args=[study.uuid]))


# ---- coding a document ----


def _coding_context(
    request: AuthenticatedHttpRequest, study: Study, document: Document, form: ApplyCodesForm
) -> dict[str, Any]:
    current = services.open_pass(study, request.user)
    segments = CodedSegment.objects.filter(document=document)
    if current is not None and current.is_blind:
        segments = segments.filter(coder=request.user)
    rows = coding_reads.segment_rows(segments)
    text = document.text
    viewer = request.user.pk
    return {
        "study": study,
        "document": document,
        "is_reviewed": document.pseudonyms_reviewed_at is not None,
        "current_pass": current,
        "transcript": coding_reads.transcript_html(
            coding_reads.highlight(text, document.turns, coding_reads.segment_marks(rows, viewer))
        ),
        "num_segments": len(rows),
        "segment_table": coding_reads.segment_table(rows, viewer, study, text),
        "form": form,
        "memos": document.memos.select_related("author", "code"),
    }


@require_GET
@login_required
def coding(
    request: AuthenticatedHttpRequest, study_uuid: UUID, document_uuid: UUID
) -> HttpResponse:
    study, document = policy.get_document_for_coder(request.user, study_uuid, document_uuid)
    context = _coding_context(request, study, document, ApplyCodesForm(study=study))
    return render(request, T + "coding.html", context)


@require_POST
@login_required
def segment_apply(
    request: AuthenticatedHttpRequest, study_uuid: UUID, document_uuid: UUID
) -> HttpResponse:
    study, document = policy.get_document_for_coder(request.user, study_uuid, document_uuid)
    form = ApplyCodesForm(request.POST, study=study)
    occurrences: list[services.Occurrence] = []
    if form.is_valid():
        data = form.cleaned_data
        try:
            start, end = services.locate_passage(
                document.text,
                passage=data["passage"],
                start=data["start"],
                end=data["end"],
                occurrence=data["occurrence"],
            )
            applied = services.apply_codes(
                actor=request.user,
                document=document,
                codes=list(data["codes"]),
                start=start,
                end=end,
            )
        except services.ChooseOccurrenceError as error:
            occurrences = error.occurrences
            add_errors(form, error)
        except ValidationError as error:
            add_errors(form, error)
        else:
            names = ", ".join(f"“{segment.code.name}”" for segment in applied)
            messages.success(
                request,
                f"Coded “{coding_reads.excerpt(document.text, start, end, 80)}” with {names}.",
            )
            return redirect(_coding_url(study, document) + "#coding-form")
    context = _coding_context(request, study, document, form) | {"occurrences": occurrences}
    return render(request, T + "coding.html", context, status=200 if occurrences else 400)


@require_http_methods(["GET", "POST"])
@login_required
def segment_edit(
    request: AuthenticatedHttpRequest, study_uuid: UUID, segment_uuid: UUID
) -> HttpResponse:
    study, segment = policy.get_segment_for_coder(request.user, study_uuid, segment_uuid)
    form = SegmentForm(request.POST or None, study=study, segment=segment)
    occurrences: list[services.Occurrence] = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            start, end = services.locate_passage(
                segment.document.text,
                passage=data["passage"],
                occurrence=data["occurrence"],
                near=(segment.start, segment.end),
            )
            services.correct_segment(
                actor=request.user, segment=segment, code=data["code"], start=start, end=end
            )
        except services.ChooseOccurrenceError as error:
            occurrences = error.occurrences
            add_errors(form, error)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "Segment corrected.")
            return redirect(_coding_url(study, segment.document))
    context = {"study": study, "segment": segment, "form": form, "occurrences": occurrences}
    return render(request, T + "segment_form.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def segment_remove(
    request: AuthenticatedHttpRequest, study_uuid: UUID, segment_uuid: UUID
) -> HttpResponse:
    study, segment = policy.get_segment_for_coder(request.user, study_uuid, segment_uuid)
    error = ""
    if request.method == "POST":
        try:
            services.remove_segment(actor=request.user, segment=segment)
        except ValidationError as refused:
            error = " ".join(refused.messages)
        else:
            messages.success(request, f"Segment “{segment.code.name}” removed.")
            return redirect(_coding_url(study, segment.document))
    context = {"study": study, "segment": segment, "error": error}
    return render(request, T + "segment_remove.html", context)


# ---- memos ----


@require_GET
@login_required
def memo_list(request: AuthenticatedHttpRequest, study_uuid: UUID) -> HttpResponse:
    study = policy.get_study_for_user(request.user, study_uuid, ability=policy.READ_DATA)
    memos = Memo.objects.filter(study=study).select_related("author", "code", "document", "segment")
    context = {
        "study": study,
        "memos": memos,
        "can_write": policy.can(request.user, study, policy.CODE),
    }
    return render(request, T + "memo_list.html", context)


def _memo_subject(request: AuthenticatedHttpRequest, study: Study) -> dict[str, Any]:
    """What a new memo is about, from ?code=, ?document= or ?segment= (this study's only)."""
    source = request.POST if request.method == "POST" else request.GET
    if source.get("segment"):
        segment = get_object_or_404(
            CodedSegment.objects.select_related("document", "code"),
            document__study=study,
            uuid=_uuid_or_404(source["segment"]),
        )
        return {"segment": segment}
    if source.get("code"):
        return {"code": get_object_or_404(Code, study=study, uuid=_uuid_or_404(source["code"]))}
    if source.get("document"):
        return {
            "document": get_object_or_404(
                Document, study=study, uuid=_uuid_or_404(source["document"])
            )
        }
    return {}


def _uuid_or_404(value: str) -> UUID:
    try:
        return UUID(value)
    except ValueError:
        raise Http404 from None


def _memo_back(study: Study, about: Memo | dict[str, Any]) -> str:
    """Where a memo's pages return to: its document's coding page, its code's page, or
    the study's memos."""
    if isinstance(about, Memo):
        about = {"segment": about.segment, "document": about.document, "code": about.code}
    segment, document, code = about.get("segment"), about.get("document"), about.get("code")
    if document is not None:
        return _coding_url(study, document)
    if segment is not None:
        return _coding_url(study, segment.document)
    if code is not None:
        return reverse("research:code-detail", args=[study.uuid, code.uuid])
    return reverse("research:memo-list", args=[study.uuid])


@require_http_methods(["GET", "POST"])
@login_required
def memo_create(request: AuthenticatedHttpRequest, study_uuid: UUID) -> HttpResponse:
    study = policy.get_study_for_user(request.user, study_uuid, ability=policy.CODE)
    subject = _memo_subject(request, study)
    form = MemoForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.write_memo(actor=request.user, study=study, **form.cleaned_data, **subject)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "Memo saved.")
            return redirect(_memo_back(study, subject))
    context = {"study": study, "form": form, "subject": subject, "back": _memo_back(study, subject)}
    return render(request, T + "memo_form.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def memo_edit(request: AuthenticatedHttpRequest, study_uuid: UUID, memo_uuid: UUID) -> HttpResponse:
    study, memo = policy.get_memo_for_user(request.user, study_uuid, memo_uuid, write=True)
    form = MemoForm(request.POST or None, initial={"title": memo.title, "text": memo.text})
    if request.method == "POST" and form.is_valid():
        try:
            services.edit_memo(actor=request.user, memo=memo, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "Memo saved.")
            return redirect(_memo_back(study, memo))
    context = {"study": study, "form": form, "memo": memo, "back": _memo_back(study, memo)}
    return render(request, T + "memo_form.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def memo_delete(
    request: AuthenticatedHttpRequest, study_uuid: UUID, memo_uuid: UUID
) -> HttpResponse:
    study, memo = policy.get_memo_for_user(request.user, study_uuid, memo_uuid, write=True)
    back = _memo_back(study, memo)
    if request.method == "POST":
        services.delete_memo(actor=request.user, memo=memo)
        messages.success(request, f"Memo “{memo.title}” deleted.")
        return redirect(back)
    return render(request, T + "memo_delete.html", {"study": study, "memo": memo, "back": back})

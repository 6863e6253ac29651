"""What the evidence base gives back: reference files, the reviews as CSV and PDF, and the
synthesis of agreed reviews for one Framework item."""

from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_GET

from tandem.audit.services import record_event
from tandem.evidence import policy, references, selectors
from tandem.evidence.models import LiteratureBase, Source, SourceStatus
from tandem.framework.keys import KEYS_OF_KIND, Kind
from tandem.framework.models import FrameworkItem
from tandem.http import CSV, PDF, AuthenticatedHttpRequest, download
from tandem.pdfs import render_pdf
from tandem.spreadsheets import csv_bytes

RIS = "application/x-research-info-systems; charset=utf-8"
BIBTEX = "application/x-bibtex; charset=utf-8"


def _export(request: AuthenticatedHttpRequest, base: LiteratureBase, what: str) -> None:
    record_event(actor=request.user, action="evidence.exported", target=base, detail=what)


def _sources(request: AuthenticatedHttpRequest, base: LiteratureBase):
    sources = Source.objects.filter(base=base)
    status = request.GET.get("status", "")
    return sources.filter(status=status) if status in SourceStatus.values else sources


@require_GET
@login_required
def export_bibtex(request: AuthenticatedHttpRequest, base_uuid: UUID) -> HttpResponse:
    base = policy.get_base_for_user(request.user, base_uuid)
    text = references.write_bibtex(selectors.reference_dicts(_sources(request, base)))
    _export(request, base, "BibTeX")
    return download(text, filename="evidence-base.bib", content_type=BIBTEX)


@require_GET
@login_required
def export_ris(request: AuthenticatedHttpRequest, base_uuid: UUID) -> HttpResponse:
    base = policy.get_base_for_user(request.user, base_uuid)
    text = references.write_ris(selectors.reference_dicts(_sources(request, base)))
    _export(request, base, "RIS")
    return download(text, filename="evidence-base.ris", content_type=RIS)


def _base_reviews(base: LiteratureBase):
    return selectors.agreed_reviews(LiteratureBase.objects.filter(pk=base.pk))


@require_GET
@login_required
def reviews_csv(request: AuthenticatedHttpRequest, base_uuid: UUID) -> HttpResponse:
    base = policy.get_base_for_user(request.user, base_uuid)
    content = csv_bytes(selectors.csv_rows(_base_reviews(base)))
    _export(request, base, "Agreed reviews (CSV)")
    return download(content, filename="evidence-reviews.csv", content_type=CSV)


def _pdf(
    request: AuthenticatedHttpRequest, title: str, reviews: list, item: FrameworkItem | None
) -> bytes:
    context = {
        "title": title,
        "item": item,
        "reviews": reviews,
        "counts": selectors.strength_counts(reviews),
        "prepared_on": timezone.localdate(),
    }
    return render_pdf(render_to_string("evidence/summary_pdf.html", context, request=request))


@require_GET
@login_required
def summary_pdf(request: AuthenticatedHttpRequest, base_uuid: UUID) -> HttpResponse:
    base = policy.get_base_for_user(request.user, base_uuid)
    content = _pdf(request, f"Evidence summary: {base.title}", list(_base_reviews(base)), None)
    _export(request, base, "Summary (PDF)")
    return download(content, filename="evidence-summary.pdf", content_type=PDF)


def _item(kind: str, key: str) -> FrameworkItem:
    if kind not in Kind.__members__.values() or key not in KEYS_OF_KIND.get(
        Kind(kind), frozenset()
    ):
        raise Http404
    item = FrameworkItem.objects.filter(kind=kind, key=key).first()
    if item is None:
        raise Http404
    return item


def _synthesis(
    request: AuthenticatedHttpRequest, kind: str, key: str
) -> tuple[FrameworkItem, list]:
    item = _item(kind, key)
    reviews = selectors.tagged_to(
        selectors.agreed_reviews(policy.bases_for_user(request.user)), kind, key
    )
    return item, list(reviews)


@require_GET
@login_required
def synthesis(request: AuthenticatedHttpRequest, kind: str, key: str) -> HttpResponse:
    item, reviews = _synthesis(request, kind, key)
    context = {"item": item, "reviews": reviews, "counts": selectors.strength_counts(reviews)}
    return render(request, "evidence/synthesis.html", context)


@require_GET
@login_required
def synthesis_pdf(request: AuthenticatedHttpRequest, kind: str, key: str) -> HttpResponse:
    item, reviews = _synthesis(request, kind, key)
    content = _pdf(request, f"Evidence for {item.title}", reviews, item)
    return download(content, filename=f"evidence-{key}.pdf", content_type=PDF)

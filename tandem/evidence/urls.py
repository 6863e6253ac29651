from django.urls import path

from tandem.evidence.views import bases, exports, imports, reviews

app_name = "evidence"

BASE = "<uuid:base_uuid>/"
SOURCE = f"{BASE}sources/<uuid:source_uuid>/"

urlpatterns = [
    path("", bases.base_list, name="base-list"),
    path("new/", bases.base_create, name="base-create"),
    path("framework/<slug:kind>/<slug:key>/", exports.synthesis, name="synthesis"),
    path(
        "framework/<slug:kind>/<slug:key>/summary.pdf",
        exports.synthesis_pdf,
        name="synthesis-pdf",
    ),
    path(BASE, bases.base_detail, name="base-detail"),
    path(f"{BASE}team/", bases.team, name="team"),
    path(f"{BASE}team/<uuid:member_uuid>/remove/", bases.team_remove, name="team-remove"),
    path(f"{BASE}import/", imports.import_start, name="import-start"),
    path(f"{BASE}import/<uuid:import_uuid>/", imports.import_preview, name="import-preview"),
    path(f"{BASE}import/<uuid:import_uuid>/cancel/", imports.import_cancel, name="import-cancel"),
    path(f"{BASE}export.bib", exports.export_bibtex, name="export-bibtex"),
    path(f"{BASE}export.ris", exports.export_ris, name="export-ris"),
    path(f"{BASE}reviews.csv", exports.reviews_csv, name="reviews-csv"),
    path(f"{BASE}summary.pdf", exports.summary_pdf, name="summary-pdf"),
    path(SOURCE, reviews.source_detail, name="source-detail"),
    path(f"{SOURCE}edit/", reviews.source_edit, name="source-edit"),
    path(f"{SOURCE}review/", reviews.review_edit, name="review-edit"),
    path(f"{SOURCE}moderate/", reviews.moderate, name="moderate"),
    path(f"{SOURCE}reopen/", reviews.reopen, name="reopen"),
]

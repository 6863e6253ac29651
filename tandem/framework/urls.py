from django.urls import path

from tandem.framework.views import review, vocabulary

app_name = "framework"

urlpatterns = [
    path("", vocabulary.framework_home, name="home"),
    path("at-a-glance/<slug:perspective>/", vocabulary.glance_detail, name="glance-detail"),
    path("compare/", vocabulary.concept_comparison, name="concept-comparison"),
    path("search/", vocabulary.item_search, name="item-search"),
    path("reviews/", review.review_list, name="review-list"),
    path(
        "organisations/<uuid:organisation_uuid>/reviews/start/",
        review.review_create,
        name="review-create",
    ),
    path(
        "organisations/<uuid:organisation_uuid>/reviewers/",
        review.reviewer_list,
        name="reviewer-list",
    ),
    path("reviewers/<uuid:reviewer_uuid>/remove/", review.reviewer_remove, name="reviewer-remove"),
    path("reviews/<uuid:review_uuid>/", review.review_detail, name="review-detail"),
    path("reviews/<uuid:review_uuid>/complete/", review.review_complete, name="review-complete"),
    path(
        "reviews/<uuid:review_uuid>/next-cycle/",
        review.review_next_cycle,
        name="review-next-cycle",
    ),
    path("reviews/<uuid:review_uuid>/progress/", review.review_progress, name="review-progress"),
    path("reviews/<uuid:review_uuid>/export.csv", review.review_csv, name="review-csv"),
    path("reviews/<uuid:review_uuid>/export.pdf", review.review_pdf, name="review-pdf"),
    path("outcomes/<uuid:outcome_uuid>/", review.outcome_edit, name="outcome-edit"),
    path("outcomes/<uuid:outcome_uuid>/comments/", review.comment_create, name="comment-create"),
    path("outcomes/<uuid:outcome_uuid>/evidence/", review.evidence_create, name="evidence-create"),
    path("outcomes/<uuid:outcome_uuid>/actions/", review.action_create, name="action-create"),
    path(
        "evidence/<uuid:evidence_uuid>/download/",
        review.evidence_download,
        name="evidence-download",
    ),
    path("actions/<uuid:action_uuid>/", review.action_edit, name="action-edit"),
    # Vocabulary pages last: their slugs would otherwise shadow the fixed paths above.
    path("<slug:kind>/", vocabulary.item_list, name="item-list"),
    path("<slug:kind>/<slug:key>/", vocabulary.item_detail, name="item-detail"),
]

"""Blind double review to Appendix C, moderation into the agreed review, and reopening."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tandem.audit.models import AuditEvent
from tandem.evidence import services
from tandem.evidence.models import SourceReview, SourceStatus
from tandem.evidence.tests.cast import review_fields
from tandem.organisations.models import Membership
from tandem.testing.workflow import person

TAGS = ["principle:learning-conversation", "effective-feature:sufficient-time"]


def _submit(user, source, prefix, strength="strong"):
    review = services.start_review(actor=user, source=source)
    fields = review_fields(prefix) | {"strength": strength}
    return services.save_review(actor=user, review=review, fields=fields, tags=TAGS, submit=True)


def test_two_reviewers_then_status_awaits_moderation(cast):
    fresh = cast["fresh"]
    draft = services.start_review(actor=cast["reviewer"], source=fresh)
    fresh.refresh_from_db()
    assert fresh.status == SourceStatus.IN_REVIEW
    assert draft.reference.startswith("Unknown author (n.d.)")
    services.save_review(
        actor=cast["reviewer"], review=draft, fields={"strength": "strong"}, tags=TAGS, submit=True
    )
    _submit(cast["second"], fresh, "Second")
    fresh.refresh_from_db()
    assert fresh.status == SourceStatus.AWAITING_MODERATION


def test_a_third_reviewer_is_refused(cast):
    third = person(cast["northfield"], "Tess Third")
    services.add_team_member(
        actor=cast["moderator"], base=cast["base"], user=third, role="reviewer"
    )
    with pytest.raises(ValidationError, match="Two reviewers"):
        services.start_review(actor=third, source=cast["waiting"])


def test_submitting_needs_a_strength_and_tags_must_be_framework_items(cast):
    review = services.start_review(actor=cast["reviewer"], source=cast["fresh"])
    with pytest.raises(ValidationError, match="Rate the strength"):
        services.save_review(actor=cast["reviewer"], review=review, fields={}, tags=[], submit=True)
    with pytest.raises(ValidationError, match="not an item of the Framework"):
        services.save_review(
            actor=cast["reviewer"], review=review, fields={}, tags=["principle:made-up"]
        )
    with pytest.raises(PermissionError):
        services.save_review(actor=cast["second"], review=review, fields={}, tags=[])


def test_reviews_are_blind_until_both_are_submitted(client, cast):
    fresh = cast["fresh"]
    services.save_review(
        actor=cast["reviewer"],
        review=services.start_review(actor=cast["reviewer"], source=fresh),
        fields={"purpose": "Rory secret purpose"},
        tags=[],
    )
    url = fresh.get_absolute_url()
    for role in ("second", "moderator", "member"):
        client.force_login(cast[role])
        assert "Rory secret purpose" not in client.get(url).content.decode(), role
    client.force_login(cast["reviewer"])
    assert "Rory secret purpose" in client.get(url).content.decode()


def test_the_moderator_sees_differences_and_records_the_agreed_review(client, cast):
    waiting = cast["waiting"]
    second_review = waiting.reviews.get(reviewer=cast["second"])
    second_review.methods = "Survey of 55 mentors."
    second_review.save()
    client.force_login(cast["moderator"])
    url = reverse("evidence:moderate", args=[cast["base"].uuid, waiting.uuid])
    page = client.get(url).content.decode()
    # purpose, methods, effective elements and comments name their reviewer
    assert page.count(">Differs<") == 4
    data = {
        f"{name}__take": "first"
        for name in [
            "reference",
            "sector",
            "cpd_context",
            "participants",
            "country_region",
            "duration",
            "definitions",
            "models_approaches",
            "national_framework",
            "impacts_participants",
            "impacts_organisations",
            "impacts_young_people",
            "impacts_other",
            "challenges",
            "other",
        ]
    }
    data |= {
        "purpose__take": "second",
        "methods__take": "second",
        "effective_elements__take": "own",
        "effective_elements": "Protected time.",
        "reviewer_comments__take": "first",
    }
    data |= {
        "strength": "moderate",
        "tags": ["principle:learning-conversation"],
        "note": "Agreed in a meeting.",
    }
    assert client.post(url, data).status_code == 302
    agreed = waiting.reviews.get(is_agreed=True)
    assert agreed.methods == "Survey of 55 mentors."
    assert agreed.purpose == second_review.purpose
    assert agreed.effective_elements == "Protected time."
    assert agreed.moderation_note == "Agreed in a meeting."
    waiting.refresh_from_db()
    assert waiting.status == SourceStatus.AGREED


def test_own_text_is_required_when_chosen(client, cast):
    client.force_login(cast["moderator"])
    url = reverse("evidence:moderate", args=[cast["base"].uuid, cast["waiting"].uuid])
    response = client.post(url, {"purpose__take": "own", "note": "x", "strength": "strong"})
    assert response.status_code == 400
    assert "Write the agreed text for purpose" in response.content.decode()
    assert not cast["waiting"].reviews.filter(is_agreed=True).exists()


def test_moderation_waits_for_both_reviews(client, cast):
    client.force_login(cast["moderator"])
    response = client.get(
        reverse("evidence:moderate", args=[cast["base"].uuid, cast["fresh"].uuid])
    )
    assert response.status_code == 409
    with pytest.raises(ValidationError, match="Both reviewers"):
        services.record_agreed_review(
            actor=cast["moderator"],
            source=cast["fresh"],
            fields={"strength": "strong"},
            tags=[],
            note="",
        )


def test_reopening_needs_a_reason_is_audited_and_lets_the_reviewer_correct(cast):
    reviewer_review = cast["agreed"].reviews.get(reviewer=cast["reviewer"])
    with pytest.raises(ValidationError, match="Say why"):
        services.reopen_review(actor=cast["moderator"], review=reviewer_review, reason=" ")
    services.reopen_review(
        actor=cast["moderator"], review=reviewer_review, reason="Sample size misread."
    )
    cast["agreed"].refresh_from_db()
    assert cast["agreed"].status == SourceStatus.IN_REVIEW
    assert not SourceReview.objects.get(pk=cast["agreed_review"].pk).is_submitted
    event = AuditEvent.objects.get(action="evidence.review-reopened")
    assert event.detail == "Reopened an independent review: Sample size misread."
    reviewer_review.refresh_from_db()
    services.save_review(
        actor=cast["reviewer"],
        review=reviewer_review,
        fields={"methods": "Interviews with 40."},
        tags=[],
        submit=True,
    )
    cast["agreed"].refresh_from_db()
    assert cast["agreed"].status == SourceStatus.AWAITING_MODERATION


def test_only_the_moderator_reopens(cast):
    with pytest.raises(PermissionError):
        services.reopen_review(actor=cast["reviewer"], review=cast["agreed_review"], reason="Mine")


def test_the_team_is_managed_by_the_moderator(cast):
    colleague = person(cast["northfield"], "Cal Colleague", Membership.Access.MEMBER)
    with pytest.raises(PermissionError):
        services.add_team_member(
            actor=cast["reviewer"], base=cast["base"], user=colleague, role="reviewer"
        )
    member = services.add_team_member(
        actor=cast["moderator"], base=cast["base"], user=colleague, role="reviewer"
    )
    with pytest.raises(ValidationError, match="cannot remove yourself"):
        services.remove_team_member(actor=cast["moderator"], member=cast["moderator_membership"])
    services.remove_team_member(actor=cast["moderator"], member=member)


def test_a_reopened_agreed_review_starts_from_what_was_agreed(client, cast):
    agreed = cast["agreed_review"]
    services.reopen_review(actor=cast["moderator"], review=agreed, reason="Typo in methods.")
    client.force_login(cast["moderator"])
    url = reverse("evidence:moderate", args=[cast["base"].uuid, cast["agreed"].uuid])
    form = client.get(url).context["form"]
    assert form["methods"].value() == "Agreed: interviews with 4 headteachers."
    assert form["methods__take"].value() == "own"
    assert form["note"].value() == "Agreed at the moderation meeting."
    assert form["tags"].value() == ["principle:learning-conversation"]

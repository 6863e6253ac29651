"""Reviewers' names are personal data: retention, subject access and erasure."""

import datetime as dt

import pytest
from django.utils import timezone

from tandem.evidence import services
from tandem.evidence.models import SourceImport, SourceReview, TeamMember
from tandem.privacy import retention
from tandem.privacy.services.erasure import erase_person
from tandem.privacy.services.retention import dispose_expired
from tandem.privacy.services.subject_access import collect


def test_every_evidence_model_has_a_retention_rule():
    labels = [label for label in retention.RULES if label.startswith("evidence.")]
    assert sorted(labels) == [
        "evidence.LiteratureBase",
        "evidence.ReviewTag",
        "evidence.Source",
        "evidence.SourceImport",
        "evidence.SourceReview",
        "evidence.TeamMember",
    ]


def test_the_subject_access_pack_holds_their_teams_and_reviews(cast):
    sections = {section.name: section.rows for section in collect(cast["reviewer"])}
    assert [row["role"] for row in sections["evidence_review_teams"]] == ["reviewer"]
    reviews = sections["evidence_reviews"]
    assert len(reviews) == 2
    assert {row["source_title"] for row in reviews} == {
        "Devon LA Headteacher Coaching Pilot 2007",
        "Head to head: mentoring new head teachers",
    }
    assert "methods" in reviews[0]
    assert reviews[0]["methods"].startswith("Rory Reviewer")


def test_erasure_removes_them_from_teams_and_their_name_from_review_text(cast):
    reviewer = cast["reviewer"]
    # The moderator's note names the reviewer; a pending import lists them as an author.
    cast["agreed_review"].moderation_note = "Rory Reviewer and Sadie Second differed on methods."
    cast["agreed_review"].save()
    SourceImport.objects.create(
        base=cast["base"],
        file_format="ris",
        entries=[{"line": 1, "fields": {"title": "T", "authors": "Rory Reviewer"}}],
    )
    pseudonym = erase_person(actor=None, subject=reviewer)
    assert not TeamMember.objects.filter(user=reviewer).exists()
    reviews = SourceReview.objects.filter(reviewer=reviewer)
    assert reviews.count() == 2  # the reviews of published literature stay, pseudonymised
    for review in SourceReview.objects.all():
        text = (
            " ".join(value for _name, _label, value in review.appendix_c()) + review.moderation_note
        )
        assert "Rory Reviewer" not in text
    agreed = SourceReview.objects.get(pk=cast["agreed_review"].pk)
    assert agreed.moderation_note == f"{pseudonym} and Sadie Second differed on methods."
    assert "Rory" not in str(SourceImport.objects.values_list("entries", flat=True)[::1])


def test_an_erased_reviewer_can_no_longer_review(cast):
    erase_person(actor=None, subject=cast["reviewer"])
    with pytest.raises(PermissionError):
        services.start_review(actor=cast["reviewer"], source=cast["fresh"])


def test_reference_imports_are_disposed_of_after_the_import_period(cast):
    old = cast["import"]
    SourceImport.objects.filter(pk=old.pk).update(created_at=timezone.now() - dt.timedelta(days=91))
    recent = SourceImport.objects.create(base=cast["base"], file_format="doi")
    disposals = dispose_expired()
    assert [(d.model, d.num_records) for d in disposals if d.model.startswith("evidence")] == [
        ("evidence.SourceImport", 1)
    ]
    assert list(SourceImport.objects.values_list("pk", flat=True)) == [recent.pk]

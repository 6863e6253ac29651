"""Bad input on the outcome page: clear errors, nothing typed is lost."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tandem.framework.models import ReviewAction, ReviewEvidence
from tandem.framework.tests.cast import build_cast


@pytest.fixture
def cast(db):
    return build_cast()


@pytest.fixture
def reviewer_client(client, cast):
    client.force_login(cast["reviewer"])
    return client


def _post_evidence(client, cast, **data):
    return client.post(reverse("framework:evidence-create", args=[cast["outcome"].uuid]), data)


def test_an_oversize_evidence_file_is_refused_with_its_size(reviewer_client, cast, settings):
    settings.TANDEM_MAX_EVIDENCE_BYTES = 1024
    upload = SimpleUploadedFile("big.pdf", b"%PDF" + b"0" * 3000, "application/pdf")
    response = _post_evidence(reviewer_client, cast, title="Big file", file=upload)
    assert response.status_code == 400
    assert "the limit is" in response.content.decode()
    assert 'value="Big file"' in response.content.decode()
    assert ReviewEvidence.objects.count() == 1  # only the cast's


@pytest.mark.parametrize(
    ("title", "upload", "reason"),
    [
        pytest.param(
            "Program",
            ("run.exe", b"MZ\x90\x00", "application/octet-stream"),
            "Upload a PDF, PNG, JPEG or Word (.docx) file.",
            id="a-wrong-type-of-file",
        ),
        pytest.param(
            "Notes",
            ("notes.pdf", b"just text", "application/pdf"),
            "do not match its .pdf name",
            id="a-file-whose-contents-do-not-match-its-name",
        ),
        pytest.param(
            "Nothing attached", None, "Add a link or upload a file.", id="neither-link-nor-file"
        ),
    ],
)
def test_unacceptable_evidence_is_refused_with_the_reason(
    reviewer_client, cast, title, upload, reason
):
    attached = {} if upload is None else {"file": SimpleUploadedFile(*upload)}
    response = _post_evidence(reviewer_client, cast, title=title, **attached)
    assert response.status_code == 400
    assert reason in response.content.decode()


def test_a_valid_evidence_file_is_stored_and_downloadable_by_reviewers(reviewer_client, cast):
    upload = SimpleUploadedFile("feedback.png", b"\x89PNG\r\n\x1a\n....", "image/png")
    response = _post_evidence(reviewer_client, cast, title="Tutor feedback", file=upload)
    assert response.status_code == 302
    evidence = ReviewEvidence.objects.get(title="Tutor feedback")
    download = reviewer_client.get(reverse("framework:evidence-download", args=[evidence.uuid]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"\x89PNG")


def _post_action(client, cast, **data):
    fields = {"description": "Run a mentor briefing", "owner": cast["lead"].pk, "status": "open"}
    return client.post(
        reverse("framework:action-create", args=[cast["outcome"].uuid]), fields | data
    )


def test_an_impossible_due_date_is_explained_and_the_text_kept(reviewer_client, cast):
    response = _post_action(
        reviewer_client, cast, due_on_day="30", due_on_month="2", due_on_year="2030"
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "The date must be a real date: check the day and the month." in page
    assert "Run a mentor briefing" in page
    assert ReviewAction.objects.count() == 1


def test_a_due_date_in_the_past_is_refused(reviewer_client, cast):
    response = _post_action(reviewer_client, cast, due_on="2020-01-01")
    assert response.status_code == 400
    assert "The due date is in the past" in response.content.decode()


def test_a_valid_action_is_added(reviewer_client, cast):
    response = _post_action(reviewer_client, cast, due_on="2031-07-01")
    assert response.status_code == 302
    action = ReviewAction.objects.get(description="Run a mentor briefing")
    assert action.created_by == cast["reviewer"]


def test_completing_with_missing_ratings_shows_which_are_missing(client, cast):
    client.force_login(cast["lead"])
    response = client.post(
        reverse("framework:review-complete", args=[cast["review"].uuid]), follow=True
    )
    assert "Not yet rated: Creating the ethos, Establishing roles" in response.content.decode()

"""Author → organisation leader → publisher, with the refusals on each bad path."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tandem.audit.models import AuditEvent
from tandem.casestudies import services
from tandem.casestudies.models import CaseStudy, IdentifiablePerson, Publication
from tandem.casestudies.tests.cast import write


def consent(person, author, decision=IdentifiablePerson.Consent.GIVEN):
    return services.record_consent(
        actor=author,
        person=person,
        consent=decision,
        how="Signed form",
        decided_on=timezone.localdate(),
    )


def test_the_whole_path_publishes_audits_and_tells_the_next_person(
    cast, mailoutbox, django_capture_on_commit_callbacks
):
    author, leader, publisher = cast["author"], cast["leader"], cast["publisher"]
    case_study = write(author, cast["riverside"], cast["programme"], "Coaching heads of year")
    with django_capture_on_commit_callbacks(execute=True):
        services.submit(actor=author, case_study=case_study)
    assert [mail.to for mail in mailoutbox] == [[leader.email]]
    with django_capture_on_commit_callbacks(execute=True):
        services.endorse(actor=leader, case_study=case_study)
    assert mailoutbox[-1].to == [publisher.email]
    with django_capture_on_commit_callbacks(execute=True):
        publication = services.publish(actor=publisher, case_study=case_study)
    assert "Coaching heads of year" in mailoutbox[-1].subject
    assert publication.title == "Coaching heads of year"
    assert publication.authors == ["Ada Author"]
    assert sorted(publication.tag_rows.values_list("key", flat=True)) == [
        "learning-conversation",
        "sufficient-time",
    ]
    actions = set(
        AuditEvent.objects.filter(object_uuid=case_study.uuid).values_list("action", flat=True)
    )
    assert {"casestudy.submitted", "casestudy.endorsed", "casestudy.published"} <= actions


def test_model_is_prefilled_from_the_programme(cast):
    case_study = cast["draft"]
    programme = cast["programme"]
    assert case_study.approach == programme.approach
    assert case_study.pairing == programme.pairing
    assert case_study.mentor_styles == programme.mentor_styles
    assert case_study.sector == "education"


def test_steps_out_of_order_are_refused(cast):
    with pytest.raises(ValidationError, match="Only a submitted"):
        services.endorse(actor=cast["leader"], case_study=cast["draft"])
    with pytest.raises(ValidationError, match="Only an endorsed"):
        services.publish(actor=cast["publisher"], case_study=cast["published"])
    # Before endorsement the publisher does not even see it.
    with pytest.raises(PermissionError):
        services.publish(actor=cast["publisher"], case_study=cast["submitted"])
    with pytest.raises(ValidationError, match="already been submitted"):
        services.submit(actor=cast["author"], case_study=cast["submitted"])
    with pytest.raises(ValidationError, match="waiting for approval"):
        services.update_case_study(
            actor=cast["author"], case_study=cast["endorsed"], fields={"title": "New"}
        )


def test_only_the_right_people_take_each_step(cast):
    with pytest.raises(PermissionError):
        services.endorse(actor=cast["author"], case_study=cast["submitted"])
    with pytest.raises(PermissionError):
        services.endorse(actor=cast["publisher"], case_study=cast["submitted"])
    with pytest.raises(PermissionError):
        services.publish(actor=cast["leader"], case_study=cast["endorsed"])
    with pytest.raises(PermissionError):
        services.submit(actor=cast["member"], case_study=cast["draft"])
    with pytest.raises(PermissionError):
        services.create_case_study(
            actor=cast["outsider"],
            organisation=cast["riverside"],
            programme=None,
            fields={"title": "Not ours", "summary": "x"},
        )


def test_a_case_study_with_empty_sections_cannot_be_submitted(cast):
    case_study = services.create_case_study(
        actor=cast["author"],
        organisation=cast["riverside"],
        programme=None,
        fields={"title": "Half written", "summary": "Soon."},
    )
    with pytest.raises(ValidationError) as refused:
        services.submit(actor=cast["author"], case_study=case_study)
    assert "Write the “what we did” section." in refused.value.messages


def test_returned_with_comments_at_each_step(cast, mailoutbox, django_capture_on_commit_callbacks):
    submitted, endorsed = cast["submitted"], cast["endorsed"]
    # Once endorsed, returning it is the publisher's step, not the leader's.
    with pytest.raises(PermissionError):
        services.return_with_comments(actor=cast["leader"], case_study=endorsed, comment="x")
    with django_capture_on_commit_callbacks(execute=True):
        services.return_with_comments(
            actor=cast["leader"], case_study=submitted, comment="Name the schools' phase."
        )
    assert submitted.status == CaseStudy.Status.DRAFT
    assert submitted.returned_comment == "Name the schools' phase."
    assert mailoutbox[-1].to == [cast["author"].email]
    services.return_with_comments(
        actor=cast["publisher"], case_study=endorsed, comment="Add a figure."
    )
    assert endorsed.status == CaseStudy.Status.DRAFT
    with pytest.raises(ValidationError):
        services.return_with_comments(actor=cast["leader"], case_study=endorsed, comment="x")
    with pytest.raises(ValidationError, match="Say what"):
        services.return_with_comments(actor=cast["leader"], case_study=submitted, comment=" ")


def test_publication_is_refused_while_consent_is_missing_or_refused(cast):
    endorsed = cast["endorsed"]
    person = services.add_identifiable_person(
        actor=cast["author"], case_study=endorsed, fields={"name": "Ravi Head"}
    )
    with pytest.raises(ValidationError, match="Consent is not recorded for: Ravi Head"):
        services.publish(actor=cast["publisher"], case_study=endorsed)
    consent(person, cast["author"], IdentifiablePerson.Consent.REFUSED)
    with pytest.raises(ValidationError, match="Consent was refused by: Ravi Head"):
        services.publish(actor=cast["publisher"], case_study=endorsed)
    consent(person, cast["author"])
    assert services.publish(actor=cast["publisher"], case_study=endorsed).pk


def test_consent_needs_how_and_a_date_not_in_the_future(cast):
    person = cast["named"]
    with pytest.raises(ValidationError):
        services.record_consent(
            actor=cast["author"],
            person=person,
            consent="given",
            how=" ",
            decided_on=timezone.localdate(),
        )
    with pytest.raises(ValidationError):
        services.record_consent(
            actor=cast["author"],
            person=person,
            consent="given",
            how="Email",
            decided_on=timezone.localdate() + dt.timedelta(days=1),
        )
    person.refresh_from_db()
    assert person.consent == IdentifiablePerson.Consent.MISSING


def test_edits_after_publication_go_back_through_approval(cast):
    published = cast["published"]
    first = Publication.objects.get(case_study=published)
    services.update_case_study(
        actor=cast["author"], case_study=published, fields={"title": "A better title"}
    )
    assert published.status == CaseStudy.Status.DRAFT
    # The public version stays as approved until the new one is published.
    assert Publication.objects.get(case_study=published).title == first.title
    services.submit(actor=cast["author"], case_study=published)
    services.endorse(actor=cast["leader"], case_study=published)
    services.publish(actor=cast["publisher"], case_study=published)
    again = Publication.objects.get(case_study=published)
    assert again.title == "A better title"
    assert again.published_at == first.published_at
    assert again.revised_at > first.revised_at


def test_withdrawal_takes_it_off_the_public_pages(cast, client):
    published = cast["published"]
    with pytest.raises(ValidationError, match="Say why"):
        services.withdraw(actor=cast["leader"], case_study=published, reason="")
    services.withdraw(actor=cast["leader"], case_study=published, reason="A name slipped in.")
    assert published.status == CaseStudy.Status.WITHDRAWN
    assert not Publication.objects.filter(case_study=published).exists()
    response = client.get(f"/case-studies/{published.uuid}/")
    assert response.status_code == 404
    with pytest.raises(ValidationError, match="not on the public pages"):
        services.withdraw(actor=cast["publisher"], case_study=published, reason="Again")


def test_tags_must_be_framework_items(cast):
    with pytest.raises(ValidationError):
        services.update_case_study(
            actor=cast["author"], case_study=cast["draft"], fields={"tags": ["made-up"]}
        )

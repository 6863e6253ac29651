"""The anonymisation check and figures cited from the programme's report."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tandem.casestudies import anonymisation, services
from tandem.casestudies.models import IdentifiablePerson
from tandem.casestudies.tests.cast import store_report
from tandem.evaluation.models import ReportSnapshot
from tandem.evaluation.tables import Row, Table, table_to_json
from tandem.programmes.models import Enrolment
from tandem.testing.factories import UserFactory


def test_scan_finds_members_and_programme_people_in_context(cast):
    draft = cast["draft"]
    enrolled = UserFactory.create(full_name="Nia Newteacher")
    Enrolment.objects.create(
        programme=cast["programme"], user=enrolled, role="mentee", status="approved"
    )
    draft.what_worked = "Mo Member coached nia newteacher through her first observation."
    draft.save()
    hits = anonymisation.scan(draft)
    assert [(hit.name, hit.field) for hit in hits] == [
        ("Mo Member", "What worked"),
        ("nia newteacher", "What worked"),
    ]
    assert hits[1].before.endswith("coached ")
    assert hits[1].after.startswith(" through her")
    assert hits[1].user_id == enrolled.pk


def test_submission_is_refused_until_each_hit_is_resolved(cast):
    draft = cast["draft"]
    services.record_consent(
        actor=cast["author"],
        person=cast["named"],
        consent="given",
        how="Signed form",
        decided_on=timezone.localdate(),
    )
    draft.context = "Led by Lena Leader with help from Ravi Head."
    draft.save()
    with pytest.raises(ValidationError, match="Lena Leader"):
        services.submit(actor=cast["author"], case_study=draft)
    # Ravi consented, so his name may stay; Lena is replaced by her role.
    draft.context = "Led by the chief executive with help from Ravi Head."
    draft.save()
    services.submit(actor=cast["author"], case_study=draft)
    assert draft.status == "submitted"


def test_a_listed_person_without_consent_is_a_hit(cast):
    draft = cast["draft"]
    draft.summary = "Ravi Head started it."
    draft.save()
    assert [hit.name for hit in anonymisation.scan(draft)] == ["Ravi Head"]
    services.record_consent(
        actor=cast["author"],
        person=cast["named"],
        consent=IdentifiablePerson.Consent.GIVEN,
        how="Email",
        decided_on=timezone.localdate(),
    )
    assert anonymisation.scan(draft) == []


def test_the_check_page_keeps_a_name_by_listing_the_person(cast, client):
    draft = cast["draft"]
    draft.summary = "Mo Member started it."
    draft.save()
    client.force_login(cast["author"])
    page = client.get(f"/case-studies/manage/{draft.uuid}/names/")
    assert "<mark>Mo Member</mark>" in page.content.decode()
    response = client.post(f"/case-studies/manage/{draft.uuid}/names/", {"name": "Mo Member"})
    person = draft.identifiable_people.get(name="Mo Member")
    assert person.user == cast["member"]
    assert response["Location"].endswith(f"/people/{person.uuid}/consent/")


def test_a_figure_about_fewer_than_5_people_is_refused(cast):
    with pytest.raises(ValidationError, match="fewer than 5 people"):
        services.cite_figure(
            actor=cast["author"], case_study=cast["draft"], ref="impact|Coaches|Mean change"
        )
    with pytest.raises(ValidationError, match="not in the programme's report"):
        services.cite_figure(
            actor=cast["author"], case_study=cast["draft"], ref="impact|Nobody|Mean change"
        )


def test_a_cited_figure_records_its_source_and_date(cast):
    figure = cast["figure"]
    snapshot = ReportSnapshot.objects.get(programme=cast["programme"])
    assert (figure.value, figure.num_people) == ("0.62", 12)
    assert figure.computed_at == snapshot.computed_at
    assert figure.source == "Second-year coaching programme report, “Reported impact”"


def test_the_figure_page_offers_only_rows_about_5_or_more(cast, client):
    client.force_login(cast["author"])
    page = client.get(f"/case-studies/manage/{cast['draft'].uuid}/figures/new/").content.decode()
    assert "Coachees, Mean change: 0.62" in page
    assert "Coaches, Mean change" not in page


def test_figures_are_checked_again_on_publication(cast):
    endorsed = cast["endorsed"]
    services.return_with_comments(actor=cast["publisher"], case_study=endorsed, comment="Cite it.")
    services.cite_figure(
        actor=cast["author"], case_study=endorsed, ref="impact|Coachees|Mean change"
    )
    services.submit(actor=cast["author"], case_study=endorsed)
    services.endorse(actor=cast["leader"], case_study=endorsed)
    # The report is recomputed and the row now rests on 4 people.
    smaller = Table(
        key="impact",
        title="Reported impact",
        columns=("Group", "Mean change", "Share improving"),
        rows=(Row("Coachees", ("0.70", "75%"), 4),),
    )
    ReportSnapshot.objects.filter(programme=cast["programme"]).update(
        tables=[table_to_json(smaller)]
    )
    with pytest.raises(ValidationError, match="fewer than 5 people"):
        services.publish(actor=cast["publisher"], case_study=endorsed)
    store_report(cast["programme"])
    publication = services.publish(actor=cast["publisher"], case_study=endorsed)
    assert publication.figures[0]["value"] == "0.62"
    assert publication.figures[0]["num_people"] == 12

"""Evidence of impact: the source register (requested → received → verified, with who,
how and when), report snapshots as verified evidence, and candidate impacts from
Tandem's data with small groups withheld."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from tandem.evaluation.models import ReportSnapshot
from tandem.impact import services
from tandem.impact.candidates import WITHHELD, candidates_for
from tandem.impact.models import CorroboratingSource, ImpactEvent
from tandem.impact.tests.cast import FINGERPRINT, impact_table
from tandem.organisations.models import Membership
from tandem.programmes.models import Enrolment
from tandem.testing.factories import OrganisationFactory
from tandem.testing.workflow import approve, make_programme, person

pytestmark = pytest.mark.django_db


def _status_url(cast, source):
    return reverse("impact:source-status", args=[cast["case"].uuid, source.uuid])


def test_a_source_goes_from_requested_to_received_to_verified(client, cast):
    source = cast["source"]
    assert source.status == "requested"
    client.force_login(cast["partner"])
    client.post(_status_url(cast, source), {"status": "received"})
    source.refresh_from_db()
    assert source.status == "received"
    client.force_login(cast["researcher"])
    client.post(_status_url(cast, source), {"status": "verified", "method": "Telephoned the head."})
    source.refresh_from_db()
    assert source.status == "verified"
    assert source.verified_by == cast["researcher"]
    assert source.verified_at is not None
    assert source.verification_method == "Telephoned the head."
    page = client.get(cast["case"].get_absolute_url()).content.decode()
    assert "By Ravi Researcher on" in page
    assert "Telephoned the head." in page


def test_verified_without_a_method_is_refused_with_a_message(client, cast):
    client.force_login(cast["lead"])
    response = client.post(_status_url(cast, cast["source"]), {"status": "verified", "method": " "})
    assert response.status_code == 400
    assert "Say how the source was verified" in response.content.decode()
    cast["source"].refresh_from_db()
    assert cast["source"].status == "requested"


def test_the_database_refuses_a_verified_source_without_a_method(cast):
    with pytest.raises(IntegrityError), transaction.atomic():
        CorroboratingSource.objects.filter(pk=cast["source"].pk).update(status="verified")


def test_a_practice_partner_may_not_verify(client, cast):
    client.force_login(cast["partner"])
    response = client.post(
        _status_url(cast, cast["source"]), {"status": "verified", "method": "I checked it."}
    )
    assert response.status_code == 403
    with pytest.raises(PermissionError):
        services.set_source_status(
            actor=cast["partner"], source=cast["source"], status="verified", method="Checked."
        )


def test_moving_back_from_verified_forgets_who_verified_it(cast):
    source = cast["verified_source"]
    services.set_source_status(actor=cast["lead"], source=source, status="received")
    source.refresh_from_db()
    assert (source.status, source.verified_by, source.verified_at) == ("received", None, None)


def test_a_report_snapshot_is_attached_as_verified_evidence(client, cast):
    client.force_login(cast["lead"])
    url = reverse("impact:snapshot-attach", args=[cast["case"].uuid])
    assert "Riverside reflective mentoring, computed" in client.get(url).content.decode()
    client.post(url, {"snapshot": cast["snapshot"].pk})
    source = CorroboratingSource.objects.get(snapshot=cast["snapshot"])
    assert source.status == "verified"
    assert source.kind == "report"
    assert source.snapshot_fingerprint == FINGERPRINT
    assert source.snapshot_computed_at == cast["snapshot"].computed_at
    assert source.verified_by == cast["lead"]
    assert FINGERPRINT[:16] in source.verification_method


def test_only_snapshots_the_user_may_see_can_be_attached(client, cast):
    elsewhere = OrganisationFactory.create(name="Hidden Trust")
    coordinator = person(elsewhere, "Hana Hidden", Membership.Access.COORDINATOR)
    hidden = ReportSnapshot.objects.create(
        programme=make_programme(coordinator, elsewhere, name="Hidden programme"),
        tables=[impact_table()],
        fingerprint="0" * 32,
        computed_at=timezone.now(),
    )
    client.force_login(cast["lead"])
    url = reverse("impact:snapshot-attach", args=[cast["case"].uuid])
    assert "Hidden programme" not in client.get(url).content.decode()
    response = client.post(url, {"snapshot": hidden.pk})
    assert "Select a valid choice" in response.content.decode()
    with pytest.raises(PermissionError):
        services.attach_snapshot(actor=cast["lead"], case=cast["case"], snapshot=hidden)
    # The researcher coordinates no programme: no report to attach.
    assert not CorroboratingSource.objects.filter(snapshot=hidden).exists()


def test_candidates_suggest_adoption_effects_and_reach(cast):
    found = candidates_for(cast["case"], cast["lead"])
    candidates = {f"{c.kind}:{c.description}": c for c in found}
    adoption = candidates["adoption:Riverside reflective mentoring adopted mentoring"]
    assert adoption.happened_on == dt.date(2016, 9, 1)
    assert adoption.figures.startswith("Approach: Mentoring. Model: ")
    effect = next(c for c in candidates.values() if c.kind == "effect")
    assert "95% interval 0.62 to 1.58" in effect.figures
    assert "12 people" in effect.figures
    # The suppressed row of the report is not offered.
    assert not any("Reflective practice" in c.description for c in candidates.values())
    reach = next(c for c in candidates.values() if c.kind == "reach")
    assert reach.figures.startswith("6 people taking part, from 1 organisation in 1 region")


def test_reach_below_five_people_is_withheld_and_not_recoverable_from_the_total(cast):
    lead, academy = cast["lead"], cast["academy"]
    small = make_programme(lead, academy, name="Small pilot")
    for number in range(3):
        approve(small, person(academy, f"Pilot {number}"), Enrolment.Role.MENTEE)
    candidates = [c for c in candidates_for(cast["case"], lead) if c.kind == "reach"]
    by_name = {c.description: c for c in candidates}
    assert by_name["Reach of Small pilot"].figures == WITHHELD
    assert by_name["Reach of Small pilot"].is_withheld
    # The total (9 people) minus the other programme (6) would give the pilot's 3, so
    # the other programme is withheld too, or the total is.
    total = by_name["Reach of these programmes together"]
    other = by_name["Reach of Riverside reflective mentoring"]
    assert other.is_withheld or total.is_withheld
    assert "3 people" not in " ".join(c.figures for c in candidates)


def test_candidates_come_only_from_programmes_whose_report_the_user_sees(cast):
    assert candidates_for(cast["case"], cast["researcher"]) == []


def test_a_candidate_is_added_to_the_timeline_with_its_figures_and_date(client, cast):
    client.force_login(cast["lead"])
    url = reverse("impact:candidate-list", args=[cast["case"].uuid])
    page = client.get(url).content.decode()
    assert "0.62 to 1.58" in page
    key = next(c.key for c in candidates_for(cast["case"], cast["lead"]) if c.kind == "effect")
    response = client.post(url, {"key": key})
    assert response.status_code == 302
    event = ImpactEvent.objects.get(case=cast["case"], kind="effect")
    assert "95% interval 0.62 to 1.58" in event.figures
    assert event.figures_as_of == timezone.localdate(cast["snapshot"].computed_at)
    assert event.programme == cast["programme"]
    detail = client.get(cast["case"].get_absolute_url()).content.decode()
    assert "95% interval 0.62 to 1.58" in detail


def test_an_unknown_or_withheld_candidate_is_refused(client, cast):
    client.force_login(cast["lead"])
    url = reverse("impact:candidate-list", args=[cast["case"].uuid])
    response = client.post(url, {"key": "reach:nonsense"}, follow=True)
    assert "no longer available" in response.content.decode()
    assert not ImpactEvent.objects.filter(case=cast["case"], kind="reach").exists()

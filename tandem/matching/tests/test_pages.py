"""Matching pages: what each person sees, bad input kept, bounded queries on list pages."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from tandem.matching import services
from tandem.matching.models import MatchRun, ShortlistOffer
from tandem.matching.tests.cast import build_matching_cast
from tandem.programmes.models import Enrolment
from tandem.testing.workflow import approve, person


def _start(client, cast, mode="allocation"):
    client.force_login(cast["coordinator"])
    response = client.post(
        reverse("matching:run-start", args=[cast["programme"].uuid]), {"mode": mode}
    )
    assert response.status_code == 302
    return MatchRun.objects.latest("created_at")


def test_coordinator_runs_reviews_edits_and_publishes(client, matching_cast):
    run = _start(client, matching_cast)
    page = client.get(run.get_absolute_url()).content.decode()
    assert "Proved optimal" in page
    assert "Finn Mentee" in page
    assert "Bob Mentor" in page
    assert "Mentor has recorded training" in page  # an explanation, in the neutral wording
    edit = reverse("matching:proposal-edit", args=[run.uuid, matching_cast["finn"].uuid])
    page = client.get(edit).content.decode()
    assert "Why not the others" in page
    assert "line manager" in page  # Mia is barred for Finn, and the rule is named
    # Choosing a barred mentor is refused with the reason; the page keeps the choice.
    response = client.post(edit, {"mentor": str(matching_cast["mia"].pk)})
    assert response.status_code == 200
    assert "cannot be paired with Finn Mentee" in response.content.decode()
    response = client.post(edit, {"mentor": ""})
    assert response.status_code == 302
    response = client.post(
        reverse("matching:run-publish", args=[run.uuid]), {"confirmed": "yes"}, follow=True
    )
    assert "Published." in response.content.decode()
    run.refresh_from_db()
    assert run.status == MatchRun.Status.PUBLISHED
    assert run.proposals.count() == 2


def test_settings_form_keeps_input_and_explains_errors(client, matching_cast):
    client.force_login(matching_cast["coordinator"])
    url = reverse("matching:settings-edit", args=[matching_cast["programme"].uuid])
    page = client.get(url).content.decode()
    assert "Shared free times" in page
    data = {
        "policy": "quality",
        "quality_penalty": "40",
        "min_score": "10",
        "sector_rule": "any",
        "organisation_rule": "prefer-same",
        "shortlist_size": "3",
        "response_days": "7",
        "weight_phase": "12",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    body = response.content.decode()
    assert "There is a problem" in body
    assert "less than or equal to 10" in body
    assert 'value="40"' in body  # what was typed is kept
    data["weight_phase"] = "5"
    assert client.post(url, data).status_code == 302
    match_settings = services.get_settings(matching_cast["programme"])
    assert match_settings.weights == {"phase": 5.0}
    assert match_settings.policy == "quality"
    assert match_settings.response_days == 7


def test_rematch_form_ticks_those_who_asked(client, matching_cast):
    from tandem.relationships.services import lifecycle  # noqa: PLC0415
    from tandem.testing.workflow import pair  # noqa: PLC0415

    relationship = pair(
        matching_cast["coordinator"],
        matching_cast["programme"],
        matching_cast["bob"],
        matching_cast["dana"],
    )
    lifecycle.request_change_of_mentor(
        actor=matching_cast["dana"], relationship=relationship, reason=""
    )
    client.force_login(matching_cast["coordinator"])
    url = reverse("matching:rematch-start", args=[matching_cast["programme"].uuid])
    body = client.get(url).content.decode()
    assert "1 mentee asked for a change" in body
    assert "checked" in body
    response = client.post(url, {})
    assert response.status_code == 200
    assert "Tick at least one mentee" in response.content.decode()
    response = client.post(url, {"mentees": [matching_cast["dana"].pk]})
    run = MatchRun.objects.get(mode="rematch")
    assert response["Location"] == run.get_absolute_url()


def test_mentee_chooses_and_mentor_accepts_through_the_pages(client, matching_cast):
    run = _start(client, matching_cast, mode="shortlist")
    client.post(reverse("matching:run-send", args=[run.uuid]))
    dana, bob = matching_cast["dana"], matching_cast["bob"]
    client.force_login(dana)
    home = client.get(reverse("home")).content.decode()
    assert "Choose your mentor" in home
    page = client.get(reverse("matching:my-shortlists")).content.decode()
    assert "Bob Mentor" in page
    assert "Mia Mentor" in page
    assert "Eve Mentee" not in page  # nobody else's shortlist
    assert bob.email not in page
    assert "12" not in page.split("Bob Mentor")[1][:200]
    offer = ShortlistOffer.objects.get(run=run, mentee=dana, mentor=bob)
    client.post(reverse("matching:offer-choose", args=[offer.uuid]))
    assert (
        "Waiting for your chosen mentor"
        in client.get(reverse("matching:my-shortlists")).content.decode()
    )
    client.force_login(bob)
    assert "waiting for your answer" in client.get(reverse("home")).content.decode()
    page = client.get(reverse("matching:mentor-requests")).content.decode()
    assert "Dana Mentee" in page
    response = client.post(reverse("matching:offer-answer", args=[offer.uuid]), {"answer": "maybe"})
    assert response.status_code == 302
    offer.refresh_from_db()
    assert offer.status == "chosen"  # a malformed answer changes nothing
    response = client.post(
        reverse("matching:offer-answer", args=[offer.uuid]), {"answer": "accept"}
    )
    offer.refresh_from_db()
    assert offer.status == "accepted"
    assert response["Location"] == offer.relationship.get_absolute_url()


@pytest.mark.parametrize("extra", [0, 20])
def test_list_pages_use_a_bounded_number_of_queries(
    client, matching_cast, django_assert_max_num_queries, extra
):
    for number in range(extra):
        user = person(matching_cast["programme"].organisations.first(), f"Extra Mentee {number}")
        approve(matching_cast["programme"], user, "mentee")
    allocation = services.start_run(
        actor=matching_cast["coordinator"], programme=matching_cast["programme"], mode="allocation"
    )
    shortlist = services.start_run(
        actor=matching_cast["coordinator"], programme=matching_cast["programme"], mode="shortlist"
    )
    client.force_login(matching_cast["coordinator"])
    for url in (
        allocation.get_absolute_url(),
        shortlist.get_absolute_url(),
        reverse("matching:programme-matching", args=[matching_cast["programme"].uuid]),
    ):
        with django_assert_max_num_queries(16):
            assert client.get(url).status_code == 200


def test_withdrawn_people_make_publishing_fail_with_a_clear_message(client, matching_cast):
    run = _start(client, matching_cast)
    Enrolment.objects.filter(user=matching_cast["mia"]).update(status=Enrolment.Status.WITHDRAWN)
    response = client.post(
        reverse("matching:run-publish", args=[run.uuid]), {"confirmed": "yes"}, follow=True
    )
    assert "Nothing was published" in response.content.decode()
    assert "Mia Mentor" in response.content.decode()


def test_pages_for_another_programmes_cast_are_not_found(client, db):
    first, second = build_matching_cast(), build_matching_cast()
    run = services.start_run(
        actor=first["coordinator"], programme=first["programme"], mode="allocation"
    )
    client.force_login(second["coordinator"])
    assert client.get(run.get_absolute_url()).status_code == 404


def test_mentee_states_preferences_and_sees_errors(client, matching_cast):
    programme, dana = matching_cast["programme"], matching_cast["dana"]
    client.force_login(dana)
    assert (
        "who you would like as a mentor"
        in client.get(programme.get_absolute_url()).content.decode()
    )
    url = reverse("matching:preferences-edit", args=[programme.uuid])
    page = client.get(url).content.decode()
    assert "Bob Mentor" in page
    assert "Dana Mentee" not in page.split("<form")[1]  # never herself
    bob = str(matching_cast["bob"].pk)
    response = client.post(url, {"first": bob, "second": bob})
    assert response.status_code == 200
    assert "Choose each mentor once only" in response.content.decode()
    response = client.post(url, {"first": bob, "second": str(matching_cast["mia"].pk)})
    assert response.status_code == 302
    assert list(dana.mentor_preferences.values_list("mentor__full_name", flat=True)) == [
        "Bob Mentor",
        "Mia Mentor",
    ]


def test_run_downloads_are_complete_formula_safe_and_audited(client, matching_cast):
    import csv  # noqa: PLC0415
    import io  # noqa: PLC0415

    from openpyxl import load_workbook  # noqa: PLC0415

    from tandem.audit.models import AuditEvent  # noqa: PLC0415

    matching_cast["eve"].full_name = "=HYPERLINK(1)"
    matching_cast["eve"].save()
    Enrolment.objects.filter(user=matching_cast["mia"]).update(capacity=1)
    run = _start(client, matching_cast)
    url = reverse("matching:run-export", args=[run.uuid])
    response = client.get(url)
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Mentee", "Mentee email", "Mentor"]
    assert len(rows) == 1 + 3  # two pairs and one unplaced mentee (two places, three mentees)
    assert any(row[-1].startswith("Not placed:") for row in rows[1:])
    assert not any(cell.startswith("=") for row in rows for cell in row)
    workbook = load_workbook(io.BytesIO(client.get(url + "?format=xlsx").content))
    assert workbook.active.max_row == 4
    assert AuditEvent.objects.filter(action="matching.run.export").count() == 2


def test_the_mentee_reads_how_they_were_matched_without_anyone_elses_details(client, matching_cast):
    from tandem.matching.engine.explanations import MENTEE_TEXT  # noqa: PLC0415

    programme, dana, bob = matching_cast["programme"], matching_cast["dana"], matching_cast["bob"]
    services.set_preferences(actor=dana, programme=programme, ranked=[bob])
    run = services.start_run(
        actor=matching_cast["coordinator"], programme=programme, mode="allocation"
    )
    proposal = run.proposals.get(mentee=dana)
    assert proposal.mentor == matching_cast["mia"]  # Bob's one place goes to Finn
    assert proposal.why_not == [{"mentor": bob.pk, "reason": proposal.why_not[0]["reason"]}]
    services.publish_run(actor=matching_cast["coordinator"], run=run)
    proposal.refresh_from_db()
    client.force_login(dana)
    detail = client.get(proposal.relationship.get_absolute_url()).content.decode()
    assert "How you were matched" in detail
    page = client.get(reverse("matching:how-matched", args=[proposal.relationship.uuid]))
    body = page.content.decode()
    assert "The mentors you named" in body
    assert escape(MENTEE_TEXT[proposal.why_not[0]["reason"]]) in body
    assert "Finn Mentee" not in body  # who took the place is never said
    assert "line manager" not in body
    client.force_login(matching_cast["mia"])
    assert client.get(page.request["PATH_INFO"]).status_code == 404  # the mentor cannot read it


def test_mentors_read_explanations_in_neutral_words(client, matching_cast):
    run = _start(client, matching_cast, mode="shortlist")
    client.post(reverse("matching:run-send", args=[run.uuid]))
    offer = ShortlistOffer.objects.filter(run=run, mentor=matching_cast["bob"]).first()
    services.choose_offer(actor=offer.mentee, offer=offer)
    client.force_login(matching_cast["bob"])
    page = client.get(reverse("matching:mentor-requests")).content.decode()
    assert "Mentor has recorded training" in page
    assert "your focus areas" not in page
    assert "Your stated preference" not in page

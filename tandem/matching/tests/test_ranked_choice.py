"""Mentees rank up to three mentors from their shortlist; mentors are asked in that order,
the next when one declines or does not answer in time; the mentee can change the ranking
while waiting, and confirms before anyone is asked."""

import datetime as dt
import io
import json
import zipfile

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from tandem.matching import services
from tandem.matching.models import OfferStatus, ShortlistOffer
from tandem.privacy.services.subject_access import write_pack

pytestmark = pytest.mark.django_db


@pytest.fixture
def round_(matching_cast):
    coordinator = matching_cast["coordinator"]
    run = services.start_run(
        actor=coordinator, programme=matching_cast["programme"], mode="shortlist"
    )
    services.send_shortlists(actor=coordinator, run=run)
    run.refresh_from_db()
    return run


def _offer(run, mentee, mentor):
    return ShortlistOffer.objects.get(run=run, mentee=mentee, mentor=mentor)


def _status(offer):
    offer.refresh_from_db()
    return offer.status


def test_the_first_ranked_mentor_is_asked_and_the_others_wait(round_, matching_cast):
    dana, bob, mia = matching_cast["dana"], matching_cast["bob"], matching_cast["mia"]
    first, second = _offer(round_, dana, mia), _offer(round_, dana, bob)
    asked = services.rank_offers(actor=dana, run=round_, ranked=[first, second])
    assert asked == first
    assert _status(first) == OfferStatus.CHOSEN
    assert _status(second) == OfferStatus.SUGGESTED
    assert second.choice_rank == 2


def test_a_decline_asks_the_next_mentor(round_, matching_cast, django_capture_on_commit_callbacks):
    dana, bob, mia = matching_cast["dana"], matching_cast["bob"], matching_cast["mia"]
    first, second = _offer(round_, dana, mia), _offer(round_, dana, bob)
    services.rank_offers(actor=dana, run=round_, ranked=[first, second])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.answer_offer(actor=mia, offer=first, accept=False)
    assert _status(first) == OfferStatus.DECLINED
    assert _status(second) == OfferStatus.CHOSEN
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == sorted([bob.email, dana.email])


def test_no_answer_in_time_asks_the_next_mentor(round_, matching_cast):
    dana, bob, mia = matching_cast["dana"], matching_cast["bob"], matching_cast["mia"]
    first, second = _offer(round_, dana, mia), _offer(round_, dana, bob)
    services.rank_offers(actor=dana, run=round_, ranked=[first, second])
    later = timezone.now() + dt.timedelta(days=int(round_.options["response_days"]) + 1)
    with time_machine.travel(later, tick=False):
        assert services.expire_overdue() == 1
    assert _status(first) == OfferStatus.EXPIRED
    assert _status(second) == OfferStatus.CHOSEN


def test_when_the_last_ranked_declines_nobody_else_is_asked(round_, matching_cast):
    dana, mia = matching_cast["dana"], matching_cast["mia"]
    only = _offer(round_, dana, mia)
    services.rank_offers(actor=dana, run=round_, ranked=[only])
    services.answer_offer(actor=mia, offer=only, accept=False)
    assert not ShortlistOffer.objects.filter(mentee=dana, status=OfferStatus.CHOSEN).exists()


def test_changing_the_ranking_while_waiting_keeps_the_mentor_asked(round_, matching_cast):
    dana, bob, mia = matching_cast["dana"], matching_cast["bob"], matching_cast["mia"]
    first, second = _offer(round_, dana, mia), _offer(round_, dana, bob)
    services.rank_offers(actor=dana, run=round_, ranked=[first])
    asked = services.rank_offers(actor=dana, run=round_, ranked=[second, first])
    assert asked == first
    assert _status(first) == OfferStatus.CHOSEN
    second.refresh_from_db()
    assert second.choice_rank == 1


def test_taking_the_asked_mentor_off_withdraws_and_asks_the_new_first(
    round_, matching_cast, django_capture_on_commit_callbacks
):
    dana, bob, mia = matching_cast["dana"], matching_cast["bob"], matching_cast["mia"]
    first, second = _offer(round_, dana, mia), _offer(round_, dana, bob)
    services.rank_offers(actor=dana, run=round_, ranked=[first])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.rank_offers(actor=dana, run=round_, ranked=[second])
    assert _status(first) == OfferStatus.SUGGESTED
    assert _status(second) == OfferStatus.CHOSEN
    assert any(
        "withdrawn" in message.subject and mia.email in message.to for message in mail.outbox
    )


@pytest.mark.parametrize(
    ("build", "error"),
    [
        (lambda offers: [], "at least your first choice"),
        (lambda offers: [offers[0], offers[0]], "once only"),
    ],
)
def test_bad_rankings_are_refused(round_, matching_cast, build, error):
    dana = matching_cast["dana"]
    offers = list(ShortlistOffer.objects.filter(run=round_, mentee=dana))
    with pytest.raises(ValidationError, match=error):
        services.rank_offers(actor=dana, run=round_, ranked=build(offers))


def test_another_mentees_suggestion_cannot_be_ranked(round_, matching_cast):
    dana, eve = matching_cast["dana"], matching_cast["eve"]
    eves = ShortlistOffer.objects.filter(run=round_, mentee=eve).first()
    with pytest.raises(ValidationError, match="your own shortlist"):
        services.rank_offers(actor=dana, run=round_, ranked=[eves])


def test_the_page_asks_for_confirmation_before_anyone_is_asked(client, round_, matching_cast):
    dana, mia, bob = matching_cast["dana"], matching_cast["mia"], matching_cast["bob"]
    first, second = _offer(round_, dana, mia), _offer(round_, dana, bob)
    client.force_login(dana)
    url = reverse("matching:shortlist-rank", args=[round_.uuid])
    assert "Rank your choices" in client.get(reverse("matching:my-shortlists")).content.decode()
    data = {"first": str(first.uuid), "second": str(second.uuid), "third": ""}
    page = client.post(url, data).content.decode()
    assert "Check your ranking" in page
    assert "Mia Mentor is emailed now" in page
    assert _status(first) == OfferStatus.SUGGESTED  # nothing sent yet
    response = client.post(url, data | {"confirmed": "yes"})
    assert response.status_code == 302
    assert _status(first) == OfferStatus.CHOSEN
    page = client.get(reverse("matching:my-shortlists")).content.decode()
    assert "Change your ranking" in page
    assert "Your ranking" in page
    assert reverse("privacy:my-data") in page


def test_the_page_refuses_the_same_mentor_twice_and_keeps_the_choice(client, round_, matching_cast):
    dana, mia = matching_cast["dana"], matching_cast["mia"]
    first = _offer(round_, dana, mia)
    client.force_login(dana)
    url = reverse("matching:shortlist-rank", args=[round_.uuid])
    page = client.post(url, {"first": str(first.uuid), "second": str(first.uuid)}).content.decode()
    assert "Choose each mentor once only." in page
    assert f'value="{first.uuid}" selected' in page


def test_someone_not_on_the_round_gets_404(client, round_, matching_cast):
    client.force_login(matching_cast["bob"])
    url = reverse("matching:shortlist-rank", args=[round_.uuid])
    assert client.get(url).status_code == 404


def test_the_ranking_is_in_the_mentees_data_pack_and_not_the_mentors(round_, matching_cast):
    dana, mia = matching_cast["dana"], matching_cast["mia"]
    services.rank_offers(actor=dana, run=round_, ranked=[_offer(round_, dana, mia)])

    def rankings(user):
        buffer = io.BytesIO()
        write_pack(user, buffer)
        return json.loads(zipfile.ZipFile(buffer).read("shortlist_rankings.json"))

    assert [(row["choice_rank"], row["mentor_name"]) for row in rankings(dana)] == [
        (1, "Mia Mentor")
    ]
    assert rankings(mia) == []

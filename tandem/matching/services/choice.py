"""Mentee choice: shortlists sent, a mentee picks, the mentor accepts or declines within the
programme's deadline; and mentees' own ranked preferences (seed 002 §4.3.4)."""

import datetime as dt

from django.conf import settings as django_settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mass_mail
from django.db import transaction
from django.utils import timezone

from tandem.accounts.models import User
from tandem.mail import mail_on_commit
from tandem.matching.models import (
    MatchRun,
    MentorPreference,
    OfferStatus,
    RunMode,
    RunStatus,
    ShortlistOffer,
)
from tandem.matching.policy import can_state_preferences
from tandem.matching.selectors import preference_mentors
from tandem.matching.services.review import require_draft
from tandem.programmes.models import Programme
from tandem.programmes.policy import require_coordinator
from tandem.relationships.roles import roles_for
from tandem.relationships.services.lifecycle import form_relationship


@transaction.atomic
def send_shortlists(*, actor: User, run: MatchRun) -> int:
    """Open a drafted shortlist round: each mentee is told to choose. Returns mentees told."""
    require_coordinator(actor, run.programme)
    run = MatchRun.objects.select_for_update().select_related("programme").get(pk=run.pk)
    require_draft(run)
    if run.mode != RunMode.SHORTLIST:
        message = "Only a shortlist run is sent to mentees."
        raise ValidationError(message)
    if not run.offers.exists():
        message = (
            "No mentee has a suggestion in this draft, so there is nothing to send. Check the "
            "input problems and the settings, then run again."
        )
        raise ValidationError(message)
    # One open round per programme, so a mentee never has two lists to answer.
    MatchRun.objects.filter(programme=run.programme).open_shortlists().update(
        status=RunStatus.CLOSED
    )
    run.status = RunStatus.OPEN
    run.published_by = actor
    run.published_at = timezone.now()
    run.save(update_fields=["status", "published_by", "published_at", "updated_at"])
    emails = list(
        User.objects.filter(shortlist_offers__run=run).distinct().values_list("email", flat=True)
    )
    subject = f"[Tandem] Choose your mentor in {run.programme.name}"
    body = (
        "Your programme has suggested mentors for you. Open Tandem to read why each was "
        f"suggested and choose one.\n\n{django_settings.TANDEM_SITE_URL}/matching/choose/"
    )
    # One message each: mentees must not learn who else is in the round.
    messages = [(subject, body, None, [email]) for email in emails]
    transaction.on_commit(lambda: send_mass_mail(messages, fail_silently=True))
    return len(emails)


def close_round(*, actor: User, run: MatchRun) -> None:
    require_coordinator(actor, run.programme)
    if run.status != RunStatus.OPEN:
        message = "Only an open shortlist round can be closed."
        raise ValidationError(message)
    run.status = RunStatus.CLOSED
    run.save(update_fields=["status", "updated_at"])


@transaction.atomic
def expire_overdue(now: dt.datetime | None = None) -> int:
    """Chosen offers the mentor did not answer in time become expired; the mentee's next
    ranked mentor is asked (or, with none left, the mentee picks again)."""
    now = now or timezone.now()
    overdue = list(
        ShortlistOffer.objects.filter(status=OfferStatus.CHOSEN, respond_by__lt=now).values_list(
            "pk", "run_id", "mentee_id"
        )
    )
    if not overdue:
        return 0
    expired = ShortlistOffer.objects.filter(pk__in=[pk for pk, _run, _mentee in overdue]).update(
        status=OfferStatus.EXPIRED, responded_at=now, updated_at=now
    )
    runs = MatchRun.objects.in_bulk({run_id for _pk, run_id, _mentee in overdue})
    mentees = User.objects.in_bulk({mentee_id for _pk, _run, mentee_id in overdue})
    for run_id, mentee_id in sorted({(run_id, mentee_id) for _pk, run_id, mentee_id in overdue}):
        run, mentee = runs[run_id], mentees[mentee_id]
        if run.status == RunStatus.OPEN:
            _tell_mentee_after_no(run, mentee, ask_next(run, mentee), "did not answer in time")
    return expired


def ask_next(run: MatchRun, mentee: User) -> ShortlistOffer | None:
    """Ask the mentee's highest-ranked mentor not yet asked who still has a place."""
    candidates = (
        ShortlistOffer.objects.select_for_update()
        .filter(run=run, mentee=mentee, status=OfferStatus.SUGGESTED, choice_rank__isnull=False)
        .select_related("mentor")
        .order_by("choice_rank")
    )
    for offer in candidates:
        if mentor_places_left(run, offer.mentor_id) <= 0:
            offer.status = OfferStatus.CLOSED
            offer.save(update_fields=["status", "updated_at"])
            continue
        return _ask(offer, run)
    return None


def _ask(offer: ShortlistOffer, run: MatchRun) -> ShortlistOffer:
    """The mentor is asked; they have the programme's deadline to answer."""
    now = timezone.now()
    offer.status = OfferStatus.CHOSEN
    offer.chosen_at = now
    offer.respond_by = now + dt.timedelta(days=int(run.options["response_days"]))
    offer.save(update_fields=["status", "chosen_at", "respond_by", "updated_at"])
    mail_on_commit(
        [offer.mentor],
        f"A mentee would like you as their mentor in {run.programme.name}",
        "A mentee in your programme has chosen you. Open Tandem to accept or decline by "
        f"{timezone.localtime(offer.respond_by):%-d %B %Y}.",
    )
    return offer


def _tell_mentee_after_no(
    run: MatchRun, mentee: User, asked: ShortlistOffer | None, what_happened: str
) -> None:
    next_step = (
        "We have asked the next mentor on your ranking; we will email you when they answer."
        if asked is not None
        else "Open Tandem to rank or choose another of your suggestions."
    )
    mail_on_commit(
        [mentee],
        f"Your choice of mentor in {run.programme.name}",
        f"The mentor you asked {what_happened}. {next_step}",
    )


def mentor_places_left(run: MatchRun, mentor_id: int) -> int:
    """Places the mentor still offers in the round, after relationships formed since."""
    places = int(run.inputs.get("places", {}).get(str(mentor_id), 0))
    accepted = ShortlistOffer.objects.filter(
        run=run, mentor_id=mentor_id, status=OfferStatus.ACCEPTED
    ).count()
    return places - accepted


@transaction.atomic
def choose_offer(*, actor: User, offer: ShortlistOffer) -> ShortlistOffer:
    """The mentee picks one suggestion; the mentor has the programme's deadline to answer."""
    offer = (
        ShortlistOffer.objects.select_for_update().select_related("run__programme").get(pk=offer.pk)
    )
    if offer.mentee_id != actor.pk:
        message = "Only the mentee can choose from their shortlist."
        raise PermissionError(message)
    expire_overdue()
    offer.refresh_from_db()
    run = offer.run
    if run.status != RunStatus.OPEN:
        message = "This shortlist round has closed; your coordinator will be in touch."
        raise ValidationError(message)
    mine = ShortlistOffer.objects.filter(run=run, mentee=actor)
    if mine.filter(status=OfferStatus.ACCEPTED).exists():
        message = "You already have a mentor from this shortlist."
        raise ValidationError(message)
    if mine.filter(status=OfferStatus.CHOSEN).exists():
        message = "You are waiting for an answer to your choice; you can choose again if it is no."
        raise ValidationError(message)
    if offer.status != OfferStatus.SUGGESTED:
        message = "That suggestion is no longer available; please choose another."
        raise ValidationError(message)
    if mentor_places_left(run, offer.mentor_id) <= 0:
        offer.status = OfferStatus.CLOSED
        offer.save(update_fields=["status", "updated_at"])
        message = "That mentor's places have just been taken; please choose another."
        raise ValidationError(message)
    return _ask(offer, run)


MAX_RANKED = 3


@transaction.atomic
def rank_offers(
    *, actor: User, run: MatchRun, ranked: list[ShortlistOffer]
) -> ShortlistOffer | None:
    """The mentee orders up to three of their suggestions. Mentors are asked one at a time in
    that order, the next only when one declines or does not answer in time; a mentor already
    asked stays asked unless the mentee takes them off. Returns the offer now waiting."""
    expire_overdue()
    run = MatchRun.objects.select_for_update().select_related("programme").get(pk=run.pk)
    mine = {
        offer.pk: offer
        for offer in ShortlistOffer.objects.select_for_update()
        .filter(run=run, mentee=actor)
        .select_related("mentor")
    }
    if not mine:
        message = "Only a mentee on this shortlist can rank it."
        raise PermissionError(message)
    if run.status != RunStatus.OPEN:
        message = "This shortlist round has closed; your coordinator will be in touch."
        raise ValidationError(message)
    if any(offer.status == OfferStatus.ACCEPTED for offer in mine.values()):
        message = "You already have a mentor from this shortlist."
        raise ValidationError(message)
    _check_ranking(mine, ranked)
    ranked = [mine[offer.pk] for offer in ranked]
    # Clear first: the database allows each rank once per mentee at every moment.
    ShortlistOffer.objects.filter(run=run, mentee=actor).update(choice_rank=None)
    for position, offer in enumerate(ranked, start=1):
        offer.choice_rank = position
        offer.save(update_fields=["choice_rank", "updated_at"])
    waiting = next((o for o in mine.values() if o.status == OfferStatus.CHOSEN), None)
    if waiting is not None and waiting not in ranked:
        _withdraw(waiting, run)
        waiting = None
    return waiting or ask_next(run, actor)


def _check_ranking(mine: dict[int, ShortlistOffer], ranked: list[ShortlistOffer]) -> None:
    if not ranked:
        message = "Choose at least your first choice."
        raise ValidationError(message)
    if len(ranked) > MAX_RANKED:
        message = f"Rank up to {MAX_RANKED} mentors."
        raise ValidationError(message)
    if len({offer.pk for offer in ranked}) != len(ranked):
        message = "Choose each mentor once only."
        raise ValidationError(message)
    if any(offer.pk not in mine for offer in ranked):
        message = "Rank mentors from your own shortlist."
        raise ValidationError(message)
    gone = [
        mine[offer.pk].mentor.full_name
        for offer in ranked
        if mine[offer.pk].status not in {OfferStatus.SUGGESTED, OfferStatus.CHOSEN}
    ]
    if gone:
        message = f"{', '.join(gone)} can no longer be asked; please rank someone else."
        raise ValidationError(message)


def _withdraw(offer: ShortlistOffer, run: MatchRun) -> None:
    """The mentee took the mentor they were waiting on off their ranking."""
    offer.status = OfferStatus.SUGGESTED
    offer.chosen_at = offer.respond_by = None
    offer.save(update_fields=["status", "chosen_at", "respond_by", "updated_at"])
    mail_on_commit(
        [offer.mentor],
        f"A request to mentor in {run.programme.name} has been withdrawn",
        "The mentee who asked you has changed their choice. There is nothing for you to do.",
    )


@transaction.atomic
def answer_offer(*, actor: User, offer: ShortlistOffer, accept: bool) -> ShortlistOffer:
    """The mentor accepts (a relationship is formed) or declines (the mentee picks again)."""
    offer = (
        ShortlistOffer.objects.select_for_update()
        .select_related("run__programme", "mentee", "mentor")
        .get(pk=offer.pk)
    )
    if offer.mentor_id != actor.pk:
        message = "Only the chosen mentor can answer."
        raise PermissionError(message)
    expire_overdue()
    offer.refresh_from_db()
    if offer.status == OfferStatus.EXPIRED:
        message = "The time to answer has passed; the mentee has been asked to choose again."
        raise ValidationError(message)
    if offer.status != OfferStatus.CHOSEN or offer.run.status != RunStatus.OPEN:
        message = "This request is no longer waiting for an answer."
        raise ValidationError(message)
    now = timezone.now()
    offer.responded_at = now
    programme = offer.run.programme
    if not accept:
        offer.status = OfferStatus.DECLINED
        offer.save(update_fields=["status", "responded_at", "updated_at"])
        asked = ask_next(offer.run, offer.mentee)
        _tell_mentee_after_no(offer.run, offer.mentee, asked, "cannot take you on this time")
        return offer
    support_role, learner_role = roles_for(programme)
    offer.relationship = form_relationship(
        created_by=actor,
        programme=programme,
        members=[(offer.mentor, support_role, False), (offer.mentee, learner_role, False)],
    )
    offer.status = OfferStatus.ACCEPTED
    offer.save(update_fields=["status", "responded_at", "relationship", "updated_at"])
    ShortlistOffer.objects.filter(run=offer.run, mentee=offer.mentee).exclude(pk=offer.pk).filter(
        status=OfferStatus.SUGGESTED
    ).update(status=OfferStatus.CLOSED, updated_at=now)
    if mentor_places_left(offer.run, offer.mentor_id) <= 0:
        ShortlistOffer.objects.filter(
            run=offer.run, mentor=offer.mentor, status=OfferStatus.SUGGESTED
        ).update(status=OfferStatus.CLOSED, updated_at=now)
    return offer


@transaction.atomic
def set_preferences(*, actor: User, programme: Programme, ranked: list[User | None]) -> int:
    """Replace the mentee's ranked wishes; gaps close up (second with no first → first)."""
    if not can_state_preferences(actor, programme):
        message = "Only the programme's approved mentees can state preferences."
        raise PermissionError(message)
    chosen = [person for person in ranked if person is not None]
    allowed = set(preference_mentors(programme, actor).values_list("pk", flat=True))
    if any(person.pk not in allowed for person in chosen):
        message = "Choose from the programme's mentors."
        raise ValidationError(message)
    if len({person.pk for person in chosen}) != len(chosen):
        message = "Choose each mentor once only."
        raise ValidationError(message)
    MentorPreference.objects.filter(programme=programme, mentee=actor).delete()
    MentorPreference.objects.bulk_create(
        MentorPreference(programme=programme, mentee=actor, mentor=person, rank=rank)
        for rank, person in enumerate(chosen, start=1)
    )
    return len(chosen)

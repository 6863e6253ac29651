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


def expire_overdue(now: dt.datetime | None = None) -> int:
    """Chosen offers the mentor did not answer in time become expired (the mentee picks again)."""
    now = now or timezone.now()
    return ShortlistOffer.objects.filter(status=OfferStatus.CHOSEN, respond_by__lt=now).update(
        status=OfferStatus.EXPIRED, responded_at=now, updated_at=now
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
        mail_on_commit(
            [offer.mentee],
            f"Choose again in {programme.name}",
            "The mentor you chose cannot take you on this time. Open Tandem to choose "
            "another of your suggestions.",
        )
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

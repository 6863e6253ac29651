"""Who may see and act on matching.

- Runs (settings, inputs, proposals, unplaced reports, explanations) belong to the
  programme's coordinators. Anyone else who can see the programme gets 403 on its matching
  pages; people who cannot see it get 404, so its existence does not leak.
- A shortlist suggestion is the mentee's: only they see it and choose from it, and only
  after the coordinator has sent the round. The chosen mentor sees the request (the
  mentee's name and the explanation of the match, never their profile answers) and answers.
"""

from uuid import UUID

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from tandem.accounts.models import User
from tandem.matching.models import MatchRun, OfferStatus, RunStatus, ShortlistOffer
from tandem.programmes.models import Programme
from tandem.programmes.policy import can_see_programme, is_coordinator


def get_run_for_user(user: User | AnonymousUser, run_uuid: UUID | str) -> MatchRun:
    run = MatchRun.objects.select_related("programme", "created_by").filter(uuid=run_uuid).first()
    if run is None or not can_see_programme(user, run.programme):
        raise Http404
    if not is_coordinator(user, run.programme):
        raise PermissionDenied
    return run


def get_offer_for_mentee(user: User | AnonymousUser, offer_uuid: UUID | str) -> ShortlistOffer:
    return get_object_or_404(
        ShortlistOffer.objects.select_related("run__programme", "mentor"),
        uuid=offer_uuid,
        mentee_id=user.pk,
        run__status__in=[RunStatus.OPEN, RunStatus.CLOSED],
    )


def get_offer_for_mentor(user: User | AnonymousUser, offer_uuid: UUID | str) -> ShortlistOffer:
    """The mentor sees a request once the mentee has chosen them, not before."""
    return get_object_or_404(
        ShortlistOffer.objects.select_related("run__programme", "mentee").exclude(
            status__in=[OfferStatus.SUGGESTED, OfferStatus.CLOSED]
        ),
        uuid=offer_uuid,
        mentor_id=user.pk,
    )


def can_state_preferences(user: User, programme: Programme) -> bool:
    """Only the programme's approved mentees name the mentors they would like."""
    return programme.enrolments.approved().filter(user=user, role="mentee").exists()


def get_round_for_mentee(user: User | AnonymousUser, run_uuid: UUID | str) -> MatchRun:
    """An open shortlist round the mentee is on; anyone else learns nothing (404)."""
    return get_object_or_404(
        MatchRun.objects.select_related("programme")
        .filter(offers__mentee_id=user.pk if user.is_authenticated else None)
        .distinct(),
        uuid=run_uuid,
        status=RunStatus.OPEN,
    )

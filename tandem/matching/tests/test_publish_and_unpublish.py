"""Publishing matches asks first and says who is emailed; a published match can be
unpublished within 7 days while nobody has signed an agreement or recorded anything."""

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from tandem.audit.models import AuditEvent
from tandem.matching import services
from tandem.matching.models import MatchRun
from tandem.relationships.models import Relationship
from tandem.relationships.services.agreement import current_agreement, sign_agreement

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(matching_cast):
    coordinator = matching_cast["coordinator"]
    run = services.start_run(
        actor=coordinator, programme=matching_cast["programme"], mode="allocation"
    )
    services.publish_run(actor=coordinator, run=run)
    run.refresh_from_db()
    return run


def test_publishing_shows_what_will_happen_before_doing_it(client, matching_cast):
    coordinator = matching_cast["coordinator"]
    run = services.start_run(
        actor=coordinator, programme=matching_cast["programme"], mode="allocation"
    )
    client.force_login(coordinator)
    url = reverse("matching:run-publish", args=[run.uuid])
    page = client.post(url).content.decode()
    assert "Publish these matches?" in page
    assert "people are emailed" in page
    assert "You can unpublish within 7 days" in page
    assert not Relationship.objects.exists()
    response = client.post(url, {"confirmed": "yes"})
    assert response.status_code == 302
    assert Relationship.objects.count() == run.proposals.count()


def test_unpublishing_withdraws_the_pairs_and_tells_everyone(
    client, published, matching_cast, django_capture_on_commit_callbacks
):
    client.force_login(matching_cast["coordinator"])
    url = reverse("matching:run-unpublish", args=[published.uuid])
    assert "Unpublish this match" in client.get(published.get_absolute_url()).content.decode()
    page = client.post(url).content.decode()
    assert "What happens when you unpublish" in page
    assert Relationship.objects.exists()  # nothing yet
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"confirmed": "yes"})
    assert response.status_code == 302
    assert not Relationship.objects.exists()
    published.refresh_from_db()
    assert published.status == MatchRun.Status.DRAFT
    assert published.proposals.filter(relationship__isnull=True).count() == published.num_placed
    assert {address for message in mail.outbox for address in message.to} == {
        user.email
        for proposal in published.proposals.select_related("mentor", "mentee")
        for user in (proposal.mentor, proposal.mentee)
    }
    assert AuditEvent.objects.filter(action="match-run.unpublished").count() == 1
    # A draft again: it can be published once more.
    services.publish_run(actor=matching_cast["coordinator"], run=published)


def test_unpublishing_is_refused_after_someone_signs(client, published, matching_cast):
    relationship = published.proposals.first().relationship
    member = relationship.members.first().user
    sign_agreement(actor=member, agreement=current_agreement(relationship))
    client.force_login(matching_cast["coordinator"])
    url = reverse("matching:run-unpublish", args=[published.uuid])
    page = client.post(url).content.decode()
    assert "cannot be unpublished" in page
    assert "already signed" in page
    with pytest.raises(ValidationError, match="already signed"):
        services.unpublish_run(actor=matching_cast["coordinator"], run=published)
    assert Relationship.objects.count() == published.num_placed


def test_unpublishing_is_refused_after_the_grace_period(client, published, matching_cast):
    later = timezone.now() + dt.timedelta(days=services.UNPUBLISH_DAYS, minutes=1)
    with time_machine.travel(later, tick=False):
        with pytest.raises(ValidationError, match="7 days"):
            services.unpublish_run(actor=matching_cast["coordinator"], run=published)
        client.force_login(matching_cast["coordinator"])
        page = client.get(published.get_absolute_url()).content.decode()
        assert "Unpublish this match" not in page
    assert Relationship.objects.count() == published.num_placed


def test_a_draft_cannot_be_unpublished(matching_cast):
    run = services.start_run(
        actor=matching_cast["coordinator"], programme=matching_cast["programme"], mode="allocation"
    )
    with pytest.raises(ValidationError, match="Only a published match"):
        services.unpublish_run(actor=matching_cast["coordinator"], run=run)


def test_only_coordinators_unpublish(published, matching_cast):
    with pytest.raises(PermissionError):
        services.unpublish_run(actor=matching_cast["bob"], run=published)

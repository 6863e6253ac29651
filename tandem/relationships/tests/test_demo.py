"""`tandem demo` includes running programmes with months of history for every role."""

import pytest
from django.urls import reverse

from tandem.accounts.models import User
from tandem.demo.dataset import DEMO_DOMAIN, load_demo
from tandem.programmes.models import Programme
from tandem.relationships.models import Conversation, PrivateNote, Relationship

pytestmark = pytest.mark.django_db


def test_demo_has_active_programmes_with_histories(client):
    load_demo()
    assert Programme.objects.filter(status="running").count() == 2
    assert Relationship.objects.filter(status="active").count() >= 3
    mentee = User.objects.get(email=f"mentee@{DEMO_DOMAIN}")
    mentor = User.objects.get(email=f"mentor@{DEMO_DOMAIN}")
    coordinator = User.objects.get(email=f"coordinator@{DEMO_DOMAIN}")
    held = Conversation.objects.filter(relationship__members__user=mentee, status="held")
    assert held.count() >= 6
    assert PrivateNote.objects.filter(author__in=[mentee, mentor]).exists()
    client.force_login(mentee)
    assert "Owen Price" in client.get(reverse("relationships:my-mentoring")).content.decode()
    client.force_login(mentor)
    assert "Dana Hughes" in client.get(reverse("relationships:my-mentees")).content.decode()
    client.force_login(coordinator)
    programme = Programme.objects.get(name__startswith="Early-career")
    overview = client.get(reverse("relationships:programme-overview", args=[programme.uuid]))
    assert "Signed (version 1)" in overview.content.decode()

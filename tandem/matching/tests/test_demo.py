"""The demo includes a matching round with a draft for the coordinator to review."""

import pytest
from django.core.management import call_command
from django.test import override_settings

from tandem.matching.models import MatchRun


@pytest.mark.django_db
def test_demo_has_a_draft_allocation_to_review(settings):
    settings.DEBUG = True
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        call_command("demo", "--no-serve")
    run = MatchRun.objects.get()
    assert run.status == MatchRun.Status.DRAFT
    assert run.num_mentees >= 3
    assert run.num_placed >= 1
    assert run.proposals.count() == run.num_placed
    assert run.programme.coordinators.filter(email__startswith="coordinator@").exists()

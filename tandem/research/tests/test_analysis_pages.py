"""What readers and the team see on the findings pages: readers get suppressed figures
and no way into transcripts; the team gets exact counts and the disagreements."""

import pytest
from django.test import Client
from django.urls import reverse

from tandem.evaluation.tables import SUPPRESSED
from tandem.research.tests.cast import build_study_cast

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast():
    return build_study_cast()


def page(cast, role, name, **params):
    client = Client()
    client.force_login(cast[role])
    response = client.get(reverse(name, args=[cast["study"].uuid]), params)
    assert response.status_code == 200
    return response.content.decode()


def test_readers_see_suppressed_frequencies_and_the_team_exact_counts(cast):
    reader = page(cast, "reader", "research:analysis-frequencies")
    assert SUPPRESSED in reader
    assert "1 / 1 / 1" not in reader
    coder = page(cast, "coder", "research:analysis-frequencies")
    assert "1 / 1 / 1" in coder
    assert SUPPRESSED not in coder


def test_an_unknown_breakdown_falls_back_to_strands(cast):
    content = page(cast, "coder", "research:analysis-frequencies", by="colour", together="x")
    assert "Codes by strand" in content


def test_readers_get_no_link_into_transcript_pages(cast):
    for name in ("research:analysis-agreement", "research:analysis-theme-list"):
        content = page(cast, "reader", name)
        assert reverse("research:analysis-similar", args=[cast["study"].uuid]) not in content
        assert reverse("research:analysis-case-list", args=[cast["study"].uuid]) not in content
    assert "Not computable" in page(cast, "reader", "research:analysis-agreement")


def test_similar_passages_wait_while_the_coder_codes_blind(cast):
    from tandem.research.models import CodingPass  # noqa: PLC0415

    seen = page(cast, "coder", "research:analysis-similar", text="protected time")
    assert "Time is the real problem" in seen
    CodingPass.objects.create(study=cast["study"], coder=cast["coder"], number=1, is_blind=True)
    blind = page(cast, "coder", "research:analysis-similar", text="protected time")
    assert "Time is the real problem" not in blind
    assert "You are coding blind" in blind
    # The lead, not coding blind, still compares.
    assert "Time is the real problem" in page(
        cast, "lead", "research:analysis-similar", text="protected time"
    )

"""The demo dataset includes a review of mentoring in two cycles."""

import pytest

from tandem.demo.dataset import load_demo
from tandem.framework.models import Review, ReviewAction


@pytest.mark.django_db
def test_the_demo_has_a_completed_cycle_and_an_open_next_cycle():
    load_demo()
    first, second = Review.objects.order_by("cycle")
    assert first.is_complete
    assert second.previous == first
    assert not second.is_complete
    assert second.outcomes.get(area="support").rating == "developing"
    assert ReviewAction.objects.exclude(status="done").count() == 1

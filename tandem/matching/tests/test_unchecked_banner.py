"""A run the engine could not prove says so on its page, with how many were not checked."""

from functools import partial

from tandem.matching import services
from tandem.matching.engine.solver import allocate
from tandem.matching.models import MatchRun
from tandem.matching.services import computation


def _start(cast: dict) -> MatchRun:
    return services.start_run(
        actor=cast["coordinator"], programme=cast["programme"], mode="allocation"
    )


def test_a_proved_run_has_no_banner(client, matching_cast):
    run = _start(matching_cast)
    assert run.num_unchecked == 0
    client.force_login(matching_cast["coordinator"])
    page = client.get(run.get_absolute_url()).content.decode()
    assert "Proved optimal" in page
    assert "Not proved" not in page


def test_a_run_stopped_by_the_round_limit_shows_how_many_were_not_checked(
    client, matching_cast, monkeypatch
):
    # No rounds at all: nobody is checked, and the page must not pretend otherwise.
    monkeypatch.setattr(computation, "allocate", partial(allocate, max_rounds=0))
    run = _start(matching_cast)
    assert run.num_unchecked == 3
    assert not run.is_certified_optimal
    client.force_login(matching_cast["coordinator"])
    page = client.get(run.get_absolute_url()).content.decode()
    assert "Not proved optimal: 3 mentees could not be checked" in page
    assert "Best found; not proved optimal" in page

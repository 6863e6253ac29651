"""Group runs: the engine's groups stored as a draft with reasons, the programme's rules
applied (line managers, facilitators' places), publishing all or nothing, and large runs
in the worker with their task's state."""

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings

from tandem.matching import services
from tandem.matching.models import MatchRun, RunMode
from tandem.matching.tests.group_cast import build_group_cast
from tandem.programmes.models import Enrolment
from tandem.relationships.models import Relationship, RelationshipMember
from tandem.testing.worker import run_worker
from tandem.testing.workflow import approve, person

pytestmark = pytest.mark.django_db

SIZES = services.GroupChoices(min_size=3, max_size=4)


@pytest.fixture
def cast() -> dict:
    return build_group_cast()


def _run(cast: dict, choices: services.GroupChoices = SIZES) -> MatchRun:
    return services.start_group_run(
        actor=cast["coordinator"], programme=cast["programme"], choices=choices
    )


def _groups(run: MatchRun) -> dict[int, tuple[int, set[int]]]:
    groups: dict[int, tuple[int, set[int]]] = {}
    for proposal in run.proposals.all():
        assert proposal.group_number is not None
        groups.setdefault(proposal.group_number, (proposal.mentor_id, set()))[1].add(
            proposal.mentee_id
        )
    return groups


def test_a_group_run_places_everyone_in_groups_that_respect_the_rules(cast):
    run = _run(cast)
    assert run.mode == RunMode.GROUPS
    assert run.status == MatchRun.Status.DRAFT
    assert run.is_certified_optimal
    assert (run.num_mentees, run.num_placed, run.num_places) == (7, 7, 8)
    groups = _groups(run)
    assert sorted(len(members) for _facilitator, members in groups.values()) == [3, 4]
    assert {facilitator for facilitator, _members in groups.values()} == {
        cast["fay"].pk,
        cast["gus"].pk,
    }
    for facilitator, members in groups.values():
        # Gus line-manages Lee; Kim line-manages Jo.
        assert not (facilitator == cast["gus"].pk and cast["lee"].pk in members)
        assert not {cast["kim"].pk, cast["jo"].pk} <= members
    assert all(proposal.contributions for proposal in run.proposals.all())
    assert run.unplaced == []


def test_learners_beyond_the_places_are_listed_with_why(cast):
    Enrolment.objects.filter(programme=cast["programme"], user=cast["gus"]).delete()
    run = _run(cast)
    assert run.num_placed == 4
    assert len(run.unplaced) == 3
    assert {item["reason"] for item in run.unplaced} <= {"places-full", "no-facilitator"}
    assert any("only 4 places" in problem for problem in run.problems)


def test_only_coordinators_start_group_runs(cast):
    with pytest.raises(PermissionError):
        services.start_group_run(actor=cast["ivy"], programme=cast["programme"], choices=SIZES)
    assert not MatchRun.objects.exists()


def test_one_to_one_programmes_are_refused(cast):
    programme = cast["programme"]
    programme.group_format = "one-to-one"
    programme.save(update_fields=["group_format"])
    with pytest.raises(ValidationError, match="one to one"):
        _run(cast)


def test_impossible_sizes_are_refused(cast):
    with pytest.raises(ValidationError):
        _run(cast, services.GroupChoices(min_size=5, max_size=4))
    with pytest.raises(ValidationError):
        _run(cast, services.GroupChoices(min_size=0, max_size=4))


def test_publishing_forms_one_group_relationship_per_group(cast):
    run = _run(cast)
    assert services.publish_group_run(actor=cast["coordinator"], run=run) == 2
    run.refresh_from_db()
    assert run.status == MatchRun.Status.PUBLISHED
    relationships = Relationship.objects.filter(programme=cast["programme"])
    assert relationships.count() == 2
    assert all(relationship.is_group for relationship in relationships)
    roles = set(
        RelationshipMember.objects.filter(relationship__in=relationships).values_list(
            "user_id", "role"
        )
    )
    assert (cast["fay"].pk, "facilitator") in roles
    assert (cast["ivy"].pk, "mentee") in roles
    assert len(roles) == 9
    assert set(run.proposals.values_list("relationship_id", flat=True)) == set(
        relationships.values_list("pk", flat=True)
    )
    with pytest.raises(ValidationError, match="draft"):
        services.publish_group_run(actor=cast["coordinator"], run=run)


def test_publishing_is_all_or_nothing(cast):
    run = _run(cast)
    Enrolment.objects.filter(programme=cast["programme"], user=cast["ivy"]).update(
        status=Enrolment.Status.WITHDRAWN
    )
    with pytest.raises(ValidationError, match="Nothing was published"):
        services.publish_group_run(actor=cast["coordinator"], run=run)
    assert not Relationship.objects.exists()
    run.refresh_from_db()
    assert run.status == MatchRun.Status.DRAFT


def test_a_facilitator_leading_a_group_has_one_fewer_to_offer(cast):
    services.publish_group_run(actor=cast["coordinator"], run=_run(cast))
    newcomers = [person(cast["programme"].organisations.first(), f"New {n}") for n in "ABC"]
    for user in newcomers:
        approve(cast["programme"], user, "mentee")
    run = _run(cast)
    assert run.num_mentees == 3
    assert run.num_placed == 0
    assert all("not taking mentees" in item["message"] for item in run.unplaced)


def test_a_large_group_run_is_computed_by_the_worker(
    cast, settings, django_capture_on_commit_callbacks
):
    settings.TANDEM_GROUP_INLINE_LEARNERS = 0
    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}):
        with django_capture_on_commit_callbacks(execute=True):
            run = _run(cast)
        run.refresh_from_db()
        assert run.status == MatchRun.Status.QUEUED
        assert run.task_id
        assert run.options["group"]["time_limit"] == 60.0
        assert services.run_task_status(run).state == "waiting"
        run_worker()
    run.refresh_from_db()
    assert run.status == MatchRun.Status.DRAFT
    assert run.num_placed == 7

"""Group runs for programmes whose format is a group: start one (inline when small, in a
worker otherwise) and publish its groups as relationships, all or nothing."""

from itertools import groupby

from django.conf import settings as django_settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from tandem.accounts.models import User
from tandem.audit.services import record_event
from tandem.framework.keys import GroupFormat
from tandem.matching import tasks
from tandem.matching.models import MatchProposal, MatchRun, RunMode, RunStatus
from tandem.matching.services.computation import execute_run
from tandem.matching.services.grouping import INLINE_TIME_LIMIT, WORKER_TIME_LIMIT, GroupChoices
from tandem.matching.services.review import require_draft
from tandem.matching.services.settings import get_settings, settings_snapshot
from tandem.programmes.models import Programme
from tandem.programmes.policy import require_coordinator
from tandem.relationships.roles import roles_for
from tandem.relationships.services.lifecycle import form_relationship

# Up to this many learners a group run is solved while the coordinator waits (with the
# shorter time limit); more go to a worker and the run page shows the task's progress.
INLINE_LEARNERS = 30


def start_group_run(*, actor: User, programme: Programme, choices: GroupChoices) -> MatchRun:
    """Record a group run and compute it now or in a worker (coordinators only)."""
    require_coordinator(actor, programme)
    if programme.group_format != GroupFormat.GROUP:
        message = "This programme meets one to one: run matching for pairs instead."
        raise ValidationError(message)
    if not 1 <= choices.min_size <= choices.max_size:
        message = (
            "The smallest group must have at least one member and be no larger than the largest."
        )
        raise ValidationError({"min_size": message})
    learners = programme.enrolments.approved().filter(role="mentee").count()
    inline_limit = getattr(django_settings, "TANDEM_GROUP_INLINE_LEARNERS", INLINE_LEARNERS)
    is_inline = learners <= inline_limit
    time_limit = INLINE_TIME_LIMIT if is_inline else WORKER_TIME_LIMIT
    run = MatchRun.objects.create(
        programme=programme,
        mode=RunMode.GROUPS,
        created_by=actor,
        options={
            **settings_snapshot(get_settings(programme)),
            "group": choices.as_options(time_limit=time_limit),
        },
        inputs={"rematch": []},
        progress_note="Waiting to start",
    )
    if is_inline:
        execute_run(run.pk)
        run.refresh_from_db()
    else:

        def enqueue() -> None:
            result = tasks.compute_run.enqueue(run.pk)
            MatchRun.objects.filter(pk=run.pk).update(task_id=str(result.id))

        transaction.on_commit(enqueue)
    return run


@transaction.atomic
def publish_group_run(*, actor: User, run: MatchRun) -> int:
    """Turn every proposed group into a relationship (its facilitator and members, with a
    first learning agreement), all or nothing; returns how many groups."""
    require_coordinator(actor, run.programme)
    run = MatchRun.objects.select_for_update().select_related("programme").get(pk=run.pk)
    require_draft(run)
    if run.mode != RunMode.GROUPS:
        message = "Only a group run is published as groups."
        raise ValidationError(message)
    support_role, learner_role = roles_for(run.programme)
    proposals = list(
        run.proposals.select_related("mentee", "mentor").order_by("group_number", "pk")
    )
    problems = []
    published = 0
    for number, members in groupby(proposals, key=lambda proposal: proposal.group_number):
        group = list(members)
        facilitator = group[0].mentor
        try:
            relationship = form_relationship(
                created_by=actor,
                programme=run.programme,
                members=[
                    (facilitator, support_role, False),
                    *((proposal.mentee, learner_role, False) for proposal in group),
                ],
            )
        except ValidationError as error:
            problems.append(f"Group {number} ({facilitator}): {' '.join(error.messages)}")
            continue
        published += 1
        for proposal in group:
            proposal.relationship = relationship
    if problems:
        transaction.set_rollback(True)
        message = "Nothing was published, because some groups can no longer be formed: "
        raise ValidationError(message + " ".join(problems))
    MatchProposal.objects.bulk_update(proposals, ["relationship"])
    run.status = RunStatus.PUBLISHED
    run.published_by = actor
    run.published_at = timezone.now()
    run.save(update_fields=["status", "published_by", "published_at", "updated_at"])
    record_event(actor=actor, action="matching.groups.published", target=run)
    return published

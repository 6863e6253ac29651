"""Impact beyond the mentee. Outcomes for pupils (seed 002 §3.5): the class-level figures
learners recorded before and after, aggregated across learners, with the disclosure rules
of every report table.

Only learners who recorded both a "before" and an "after" figure for a measure count, and
n is the number of distinct learners. Per measure: the share of pupils in each band (or the
mean class percentage) before and after, and the change; then the change by the learners'
organisation, whose rows add up to the measure's figures above, so complementary
suppression applies there. Queries: measures; records; memberships. And how many
supporters keep their own learning goals and log (counted, never read).
"""

from collections import defaultdict
from dataclasses import dataclass

from tandem.evaluation.tables import Row, Table, fmt, percent, suppress_small_groups
from tandem.organisations.models import Membership
from tandem.programmes.models import Programme
from tandem.relationships.models import (
    LearningLogEntry,
    OwnLearningGoal,
    PupilOutcomeMeasure,
    PupilOutcomeRecord,
    RelationshipMember,
)
from tandem.relationships.models.relationship import SUPPORTING_ROLES

NO_ORGANISATION = "No current organisation"
Phase = PupilOutcomeRecord.Phase


@dataclass(frozen=True)
class MeasureTables:
    measure: PupilOutcomeMeasure
    overall: Table
    by_organisation: Table


def _share(counts: list[int], index: int) -> float | None:
    total = sum(counts)
    return 100 * counts[index] / total if total else None


def _change(before: float | None, after: float | None) -> str:
    if before is None or after is None:
        return fmt(None)
    return f"{after - before:+.1f}"


def _summary(measure: PupilOutcomeMeasure, pairs: list[tuple[PupilOutcomeRecord, ...]]) -> list:
    """(label, before, after) per band, or one row for a percentage, over the learners'
    before/after pairs."""
    if measure.scale == PupilOutcomeMeasure.Scale.BANDS:
        before = [0] * len(measure.bands)
        after = [0] * len(measure.bands)
        for first, last in pairs:
            for index in range(len(measure.bands)):
                before[index] += (first.band_counts or [0] * len(before))[index]
                after[index] += (last.band_counts or [0] * len(after))[index]
        return [
            (f"Pupils in “{band}” (%)", _share(before, index), _share(after, index))
            for index, band in enumerate(measure.bands)
        ]
    if not pairs:
        return [(f"{measure.name} (mean %)", None, None)]
    mean_before = sum(first.percentage or 0 for first, _last in pairs) / len(pairs)
    mean_after = sum(last.percentage or 0 for _first, last in pairs) / len(pairs)
    return [(f"{measure.name} (mean %)", mean_before, mean_after)]


def _values(before: float | None, after: float | None) -> tuple[str, str, str]:
    return (fmt(before, 1), fmt(after, 1), _change(before, after))


def pupil_outcome_tables(programme: Programme) -> list[MeasureTables]:
    """One overall table and one by-organisation table per measure, suppressed."""
    measures = list(PupilOutcomeMeasure.objects.filter(programme=programme))
    records = PupilOutcomeRecord.objects.filter(measure__programme=programme).only(
        "measure_id", "recorded_by_id", "phase", "band_counts", "percentage"
    )
    by_learner: dict[int, dict[int, dict[str, PupilOutcomeRecord]]] = defaultdict(dict)
    for record in records:
        by_learner[record.measure_id].setdefault(record.recorded_by_id, {})[record.phase] = record
    learners = {user_id for rows in by_learner.values() for user_id in rows}
    organisation_of: dict[int, str] = {}
    for user_id, name in (
        Membership.objects.current()
        .filter(user_id__in=learners)
        .order_by("organisation__name")
        .values_list("user_id", "organisation__name")
    ):
        organisation_of.setdefault(user_id, name)
    columns = ("Figure", "Before", "After", "Change (points)")
    result = []
    for measure in measures:
        pairs = {
            user_id: (phases[Phase.BEFORE], phases[Phase.AFTER])
            for user_id, phases in by_learner.get(measure.pk, {}).items()
            if Phase.BEFORE in phases and Phase.AFTER in phases
        }
        n = len(pairs)
        overall = Table(
            key=f"pupil-outcomes-{measure.uuid}",
            title=f"{measure.name}: before and after",
            columns=columns,
            rows=tuple(
                Row(label, _values(before, after), n)
                for label, before, after in _summary(measure, list(pairs.values()))
            ),
            note="n = learners who recorded figures both before and after.",
        )
        groups: dict[str, list[tuple[PupilOutcomeRecord, ...]]] = defaultdict(list)
        for user_id, pair in pairs.items():
            groups[organisation_of.get(user_id, NO_ORGANISATION)].append(pair)
        org_rows = []
        for name in sorted(groups):
            summary = _summary(measure, groups[name])
            # The first band (or the percentage) stands for the organisation's change.
            label, before, after = summary[0]
            org_rows.append(Row(f"{name}: {label}", _values(before, after), len(groups[name])))
        by_organisation = Table(
            key=f"pupil-outcomes-{measure.uuid}-by-organisation",
            title=f"{measure.name}: by the learners' organisation",
            columns=columns,
            rows=tuple(org_rows),
            note="n = learners in each organisation.",
        )
        result.append(
            MeasureTables(
                measure,
                suppress_small_groups(overall),
                # The organisations add up to the programme's figures above.
                suppress_small_groups(by_organisation, is_additive=True),
            )
        )
    return result


def supporters_own_learning_table(programme: Programme) -> Table:
    """How many mentors, coaches and co-coaches keep learning goals and a learning log of
    their own (seed 003 principle 8): counted, never read. n = distinct people; suppressed
    below 5. Queries: supporters; goal owners; log owners."""
    supporters = set(
        RelationshipMember.objects.filter(
            relationship__programme=programme, role__in=SUPPORTING_ROLES
        ).values_list("user_id", flat=True)
    )
    # Live rows only: a deleted goal or entry no longer counts.
    with_goals = set(
        OwnLearningGoal.objects.filter(
            relationship__programme=programme, owner_id__in=supporters
        ).values_list("owner_id", flat=True)
    )
    with_log = set(
        LearningLogEntry.objects.filter(
            relationship__programme=programme, owner_id__in=supporters
        ).values_list("owner_id", flat=True)
    )
    rows = (
        Row(
            "Keep learning goals of their own",
            (len(with_goals), percent(len(with_goals), len(supporters))),
            len(with_goals),
        ),
        Row(
            "Keep a learning log",
            (len(with_log), percent(len(with_log), len(supporters))),
            len(with_log),
        ),
    )
    table = Table(
        key="supporters-own-learning",
        title="Mentors' and coaches' own learning",
        columns=("Mentors, coaches and co-coaches who…", "People", "Share of them"),
        rows=rows,
        note=f"Out of {len(supporters)} people who mentor or coach in this programme. "
        "What they wrote is private to them: only the number of people is counted.",
    )
    return suppress_small_groups(table)

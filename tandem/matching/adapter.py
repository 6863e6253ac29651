"""Build the matching engine's input for one programme from the database.

Every field comes from one `values_list` per table or many-to-many through table, so a
round costs the same handful of queries for 3 people or 30,000; the columns are then put
together with numpy, and only the pairs that really are barred (line managers, past and
current relationships, declines) are listed, never every mentee × mentor pair.
Mentees and mentors are the programme's approved enrolments in those roles: peers
(co-coaching) are paired by hand, not by the engine.
"""

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field, replace

import numpy as np
from django.db.models import Exists, OuterRef, Q, QuerySet
from scipy import sparse

from tandem.matching.engine.criteria import MatchConfig, SameRule
from tandem.matching.engine.features import (
    CAREER_STAGE_ORDINAL,
    ForbiddenReason,
    MatchInput,
    pairs_matrix,
)
from tandem.matching.models import MentorPreference
from tandem.matching.roster import People, credential_flags, rows_of
from tandem.organisations.models import Membership
from tandem.programmes.models import Enrolment, EnrolmentRole, Programme

# Matching sits below relationships in the import order (STYLE.md), but a round has to know
# who is already paired and who asked not to be paired again; this adapter is the one
# matching module that reads relationships, and the engine modules stay ORM-free.
from tandem.relationships.models import ChangeRequest, Relationship, RelationshipMember
from tandem.relationships.models.relationship import LEARNING_ROLES, SUPPORTING_ROLES

# Someone enrolled as both mentee and mentor is never paired with themself. No flag says
# exactly that: "excluded by a coordinator" is a rule of the programme and, unlike
# "existing relationship", claims nothing untrue in a coordinator's report.
SELF_PAIR = ForbiddenReason.EXCLUDED_BY_COORDINATOR
# Endings that mean one of the two should not be offered the other again (seed 002 §4.3.4).
ASKED_NOT_AGAIN_ENDINGS = (
    Relationship.EndReason.CHANGE_OF_MENTOR,
    Relationship.EndReason.NOT_WORKING,
)


@dataclass(frozen=True)
class Round:
    """One programme's engine input, with the user id and current pairing behind each row."""

    data: MatchInput
    config: MatchConfig
    mentees: np.ndarray  # user id per mentee row, ascending
    mentors: np.ndarray  # user id per mentor row, ascending
    # Per mentee row: mentor row of their current relationship in this programme (−1 when
    # none, or when that mentor is not a mentor row any more) and that relationship's id.
    current: np.ndarray
    relationships: np.ndarray

    def mentee_row(self, user_id: int) -> int:
        return _row(self.mentees, user_id)

    def mentor_row(self, user_id: int) -> int:
        return _row(self.mentors, user_id)


def _row(ids: np.ndarray, user_id: int) -> int:
    row = int(rows_of(ids, [user_id])[0])
    if row < 0:
        raise KeyError(user_id)
    return row


def programme_config(programme: Programme, config: MatchConfig) -> MatchConfig:
    """The coordinator's config with the programme's own mentor rules laid over it.

    The stricter of the two wins: a programme rule can add a requirement, never lift one
    the config sets. Listed career stages become a minimum (the lowest listed), because the
    engine knows stages as an order; years in current role have no engine rule yet.
    """
    rules = config.requirements
    stages = [
        CAREER_STAGE_ORDINAL[stage]
        for stage in programme.mentor_career_stages or []
        if stage in CAREER_STAGE_ORDINAL
    ]
    requirements = replace(
        rules,
        must_be_trained=rules.must_be_trained or programme.requires_mentor_training,
        min_years=max(rules.min_years, programme.min_mentor_years),
        min_career_stage=max(rules.min_career_stage, min(stages, default=0)),
    )
    organisation_rule = (
        SameRule.REQUIRE_DIFFERENT
        if programme.mentor_must_be_external
        else config.organisation_rule
    )
    # A programme whose model requires pairs across sectors bars same-sector pairs outright
    # (seed 002 §2.3.3), as pairing by hand does (relationships.conflicts).
    sector_rule = (
        SameRule.REQUIRE_DIFFERENT if programme.pairs_must_cross_sector else config.sector_rule
    )
    return replace(
        config,
        requirements=requirements,
        organisation_rule=organisation_rule,
        sector_rule=sector_rule,
    )


def build_round(
    programme: Programme,
    config: MatchConfig,
    *,
    mentee_ids: Collection[int] | None = None,
    include_placed: bool = False,
    reserved: Mapping[int, int] | None = None,
    declined: Iterable[tuple[int, int]] = (),
    excluded: Iterable[tuple[int, int]] = (),
) -> Round:
    """The engine's input for a matching round of `programme`, in a bounded number of queries.

    `include_placed` keeps mentees who already have a current relationship here (for a
    rematch) and fills `current`; their places are then left in their mentors' capacity,
    because the engine's `rematch` locks the pairs that stay. `reserved` is places per
    mentor user id already promised elsewhere; `declined` and `excluded` are (mentee user
    id, mentor user id) pairs. Pairs naming someone outside the round are ignored.
    """
    participants = Enrolment.objects.approved().filter(
        programme=programme, role__in=[EnrolmentRole.MENTEE, EnrolmentRole.MENTOR]
    )
    enrolments = participants.order_by("user_id").values_list(
        "role",
        "user_id",
        "capacity",
        "focus_areas",
        "initial_goals",
        "preferences",
        "expertise",
        named=True,
    )
    mentee_enrolments = [row for row in enrolments if row.role == EnrolmentRole.MENTEE]
    mentor_enrolments = [row for row in enrolments if row.role == EnrolmentRole.MENTOR]
    here = _group(
        RelationshipMember.objects.filter(relationship__programme=programme)
        .exclude(relationship__status=Relationship.Status.ENDED)
        .order_by("relationship_id", "user_id")
        .values_list("relationship_id", "user_id", "role")
    )
    wanted = None if mentee_ids is None else set(mentee_ids)
    placed = set() if include_placed else {user for g in here.values() for user in g.learners}
    keep = [
        (wanted is None or row.user_id in wanted) and row.user_id not in placed
        for row in mentee_enrolments
    ]
    mentee_enrolments = [row for row, kept in zip(mentee_enrolments, keep, strict=True) if kept]
    mentees = np.array([row.user_id for row in mentee_enrolments], dtype=np.int64)
    mentors = np.array([row.user_id for row in mentor_enrolments], dtype=np.int64)

    people = People(programme, participants.values("user_id"), np.union1d(mentees, mentors))
    mentee_people = np.searchsorted(people.ids, mentees)
    mentor_people = np.searchsorted(people.ids, mentors)
    mentee_side = people.side(
        mentee_people,
        tags=people.interests[mentee_people],
        text=[
            _join(row.focus_areas, row.initial_goals, row.preferences) for row in mentee_enrolments
        ],
    )
    mentor_side = people.side(
        mentor_people,
        tags=people.expertise[mentor_people],
        text=[
            _join(row.expertise, people.bio[person])
            for row, person in zip(mentor_enrolments, mentor_people, strict=True)
        ],
        meets_credentials=credential_flags(programme, mentors, participants.values("user_id")),
    )
    current, relationships, used = _current(here, mentees, mentors)
    capacity = np.array([row.capacity for row in mentor_enrolments], dtype=np.int64) - used
    if reserved:
        rows = rows_of(mentors, list(reserved))
        places = np.fromiter(reserved.values(), dtype=np.int64, count=len(reserved))
        np.subtract.at(capacity, rows[rows >= 0], places[rows >= 0])
    barred = _Barred(mentees, mentors)
    # Whatever forbid_line_manager says: the engine never proposes a line manager, though a
    # coordinator may still pair one by hand with a recorded justification (seed 002 §4.2.3).
    barred.add(people.line_managed, ForbiddenReason.LINE_MANAGER)
    _add_history(barred, programme, participants.values("user_id"))
    barred.add(declined, ForbiddenReason.DECLINED)
    barred.add(excluded, ForbiddenReason.EXCLUDED_BY_COORDINATOR)
    barred.add([(user, user) for user in np.intersect1d(mentees, mentors).tolist()], SELF_PAIR)
    data = MatchInput(
        mentees=mentee_side,
        mentors=mentor_side,
        capacity=np.maximum(capacity, 0),
        forbidden=barred.matrix(),
        preferences=_preferences(programme, mentees, mentors),
    )
    return Round(
        data=data,
        config=programme_config(programme, config),
        mentees=mentees,
        mentors=mentors,
        current=current,
        relationships=relationships,
    )


def _join(*parts: str) -> str:
    return "\n".join(part for part in parts if part)


@dataclass
class _Group:
    """The people in one relationship: who learns, who supports (co-coaches do both)."""

    learners: list[int] = field(default_factory=list)
    supporters: list[int] = field(default_factory=list)
    flag: ForbiddenReason | None = None

    def pairs(self) -> list[tuple[int, int]]:
        return [(a, b) for a in self.learners for b in self.supporters if a != b]


def _group(members: Iterable[tuple]) -> dict[int, _Group]:
    """(relationship id, user id, role, …) rows grouped by relationship."""
    groups: dict[int, _Group] = {}
    for relationship, user, role, *_rest in members:
        group = groups.setdefault(relationship, _Group())
        if role in LEARNING_ROLES:
            group.learners.append(user)
        if role in SUPPORTING_ROLES:
            group.supporters.append(user)
    return groups


def _current(
    here: dict[int, _Group], mentees: np.ndarray, mentors: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per mentee row their current mentor row and relationship; per mentor places used.

    A place counts against a mentor only when its learner is not a mentee row of this
    round: a rematched mentee's own place is the engine's to keep or free. Places are
    counted per learner, so a facilitated group uses one place per member.
    """
    current = np.full(mentees.size, -1, dtype=np.int64)
    relationships = np.full(mentees.size, -1, dtype=np.int64)
    used = np.zeros(mentors.size, dtype=np.int64)
    # Ascending ids, so a mentee in two current relationships here gets the newest.
    for relationship, group in sorted(here.items()):
        learner_rows = rows_of(mentees, group.learners)
        supporter_rows = rows_of(mentors, group.supporters)
        outside = [user for user, row in zip(group.learners, learner_rows, strict=True) if row < 0]
        for supporter, row in zip(group.supporters, supporter_rows, strict=True):
            if row >= 0:
                used[row] += sum(learner != supporter for learner in outside)
        placed = learner_rows[learner_rows >= 0]
        held = supporter_rows[supporter_rows >= 0]
        relationships[placed] = relationship
        current[placed] = held.min() if held.size else -1
    return current, relationships, used


class _Barred:
    """Collects forbidden (mentee user, mentor user) pairs; people outside the round drop."""

    def __init__(self, mentees: np.ndarray, mentors: np.ndarray):
        self.mentees, self.mentors = mentees, mentors
        self.parts: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []

    def add(self, pairs: Iterable[tuple[int, int]], flag: ForbiddenReason) -> None:
        users = np.array(list(pairs), dtype=np.int64).reshape(-1, 2)
        rows, cols = rows_of(self.mentees, users[:, 0]), rows_of(self.mentors, users[:, 1])
        kept = (rows >= 0) & (cols >= 0)
        self.parts.append((rows[kept], cols[kept], np.full(kept.sum(), flag, dtype=np.int32)))

    def matrix(self) -> sparse.csr_array:
        rows, cols, flags = (np.concatenate([part[i] for part in self.parts]) for i in range(3))
        shape = (self.mentees.size, self.mentors.size)
        return pairs_matrix(rows, cols, flags, shape, dtype=np.int32)


def _add_history(barred: _Barred, programme: Programme, participants: QuerySet) -> None:
    """Existing relationships (other programmes) and asked-not-again pairs, in two queries.

    This programme's own current pairs are not barred: a rematch keeps the pairs that stay,
    and mentees already placed here are not rows of an ordinary round.
    """
    has_request = Exists(ChangeRequest.objects.filter(relationship_id=OuterRef("relationship_id")))
    rows = list(
        RelationshipMember.objects.filter(user_id__in=participants)
        .filter(
            ~Q(relationship__status=Relationship.Status.ENDED)
            | Q(relationship__end_reason__in=ASKED_NOT_AGAIN_ENDINGS)
            | has_request
        )
        .order_by()
        .values_list(
            "relationship_id",
            "user_id",
            "role",
            "relationship__status",
            "relationship__end_reason",
            "relationship__programme_id",
        )
    )
    groups = _group(rows)
    for relationship, _user, _role, status, end_reason, programme_id in rows:
        if status != Relationship.Status.ENDED and programme_id != programme.pk:
            groups[relationship].flag = ForbiddenReason.EXISTING_RELATIONSHIP
        elif status == Relationship.Status.ENDED and end_reason in ASKED_NOT_AGAIN_ENDINGS:
            groups[relationship].flag = ForbiddenReason.ASKED_NOT_AGAIN
    for flag in (ForbiddenReason.EXISTING_RELATIONSHIP, ForbiddenReason.ASKED_NOT_AGAIN):
        barred.add([pair for g in groups.values() if g.flag == flag for pair in g.pairs()], flag)
    requests = (
        ChangeRequest.objects.filter(requested_by_id__in=participants)
        # A declined request keeps the pair together: the coordinator said no to the move.
        .exclude(status=ChangeRequest.Status.DECLINED)
        .order_by()
        .values_list("relationship_id", "requested_by_id")
    )
    barred.add(
        [
            (learner, supporter)
            for relationship, learner in requests
            if relationship in groups
            for supporter in groups[relationship].supporters
            if supporter != learner
        ],
        ForbiddenReason.ASKED_NOT_AGAIN,
    )


def _preferences(
    programme: Programme, mentees: np.ndarray, mentors: np.ndarray
) -> sparse.csr_array:
    """Each mentee's ranked wishes as strengths in (0, 1], one query for the whole round."""
    rows = np.array(
        MentorPreference.objects.filter(programme=programme).values_list(
            "mentee_id", "mentor_id", "rank"
        ),
        dtype=np.int64,
    ).reshape(-1, 3)
    mentee_rows = rows_of(mentees, rows[:, 0].tolist())
    mentor_rows = rows_of(mentors, rows[:, 1].tolist())
    known = (mentee_rows >= 0) & (mentor_rows >= 0)
    strength = np.array(
        [MentorPreference.STRENGTH[rank] for rank in rows[known, 2].tolist()], dtype=np.float32
    )
    return pairs_matrix(
        mentee_rows[known], mentor_rows[known], strength, (mentees.size, mentors.size)
    )


@dataclass(frozen=True)
class GroupPlaces:
    """What a group run adds to a round: groups each facilitator may still lead, and the
    learner pairs who must not share a group."""

    capacity: np.ndarray  # per mentor row: groups they may still lead in this programme
    apart: sparse.csr_array  # learner rows × learner rows, 1 where barred


def group_places(programme: Programme, round_: Round) -> GroupPlaces:
    """A facilitator's enrolment capacity counts groups, less the current groups they
    already lead here; a learner is never grouped with their own line manager (a work
    discussion group is a confidential forum). Three queries."""
    offered = dict(
        Enrolment.objects.approved()
        .filter(programme=programme, role=EnrolmentRole.MENTOR, user_id__in=round_.mentors.tolist())
        .values_list("user_id", "capacity")
    )
    leading: dict[int, int] = {}
    for user_id in (
        RelationshipMember.objects.filter(
            relationship__programme=programme,
            relationship__is_group=True,
            role__in=SUPPORTING_ROLES,
            user_id__in=round_.mentors.tolist(),
        )
        .exclude(relationship__status=Relationship.Status.ENDED)
        .values_list("user_id", flat=True)
    ):
        leading[user_id] = leading.get(user_id, 0) + 1
    capacity = np.array(
        [max(0, offered.get(user, 0) - leading.get(user, 0)) for user in round_.mentors.tolist()],
        dtype=np.int64,
    )
    learners = round_.mentees.tolist()
    managed = np.array(
        Membership.objects.current()
        .filter(user_id__in=learners, line_manager_id__in=learners)
        .order_by()
        .values_list("user_id", "line_manager_id"),
        dtype=np.int64,
    ).reshape(-1, 2)
    rows = rows_of(round_.mentees, managed[:, 0].tolist())
    cols = rows_of(round_.mentees, managed[:, 1].tolist())
    kept = (rows >= 0) & (cols >= 0) & (rows != cols)
    size = round_.mentees.size
    apart = pairs_matrix(
        rows[kept], cols[kept], np.ones(int(kept.sum()), dtype=np.int32), (size, size), np.int32
    )
    return GroupPlaces(capacity=capacity, apart=apart)


@dataclass(frozen=True)
class BankMentor:
    """A would-be mentor from outside the programme (a mentor bank), with places left."""

    user_id: int
    spare: int
    text: str


def build_single_round(
    programme: Programme,
    config: MatchConfig,
    *,
    mentee: Enrolment,
    mentors: list[BankMentor],
    participants: QuerySet,
) -> Round:
    """The engine's input for one mentee against mentors who need not be enrolled (a mentor
    bank), in the same bounded queries as `build_round`. `participants` is a query of the
    user ids involved (the mentee and the mentors), used as a subquery; `mentors` gives each
    mentor's places left across every programme and what they offer in their own words."""
    mentors = sorted(
        (mentor for mentor in mentors if mentor.user_id != mentee.user_id),
        key=lambda mentor: mentor.user_id,
    )
    mentee_ids = np.array([mentee.user_id], dtype=np.int64)
    mentor_ids = np.array([mentor.user_id for mentor in mentors], dtype=np.int64)
    people = People(programme, participants, np.union1d(mentee_ids, mentor_ids))
    mentee_people = np.searchsorted(people.ids, mentee_ids)
    mentor_people = np.searchsorted(people.ids, mentor_ids)
    mentee_side = people.side(
        mentee_people,
        tags=people.interests[mentee_people],
        text=[_join(mentee.focus_areas, mentee.initial_goals, mentee.preferences)],
    )
    mentor_side = people.side(
        mentor_people,
        tags=people.expertise[mentor_people],
        text=[
            _join(mentor.text, people.bio[person])
            for mentor, person in zip(mentors, mentor_people, strict=True)
        ],
        meets_credentials=credential_flags(programme, mentor_ids, participants),
    )
    barred = _Barred(mentee_ids, mentor_ids)
    barred.add(people.line_managed, ForbiddenReason.LINE_MANAGER)
    _add_history(barred, programme, participants)
    data = MatchInput(
        mentees=mentee_side,
        mentors=mentor_side,
        capacity=np.array([max(mentor.spare, 0) for mentor in mentors], dtype=np.int64),
        forbidden=barred.matrix(),
        preferences=_preferences(programme, mentee_ids, mentor_ids),
    )
    return Round(
        data=data,
        config=programme_config(programme, config),
        mentees=mentee_ids,
        mentors=mentor_ids,
        current=np.full(1, -1, dtype=np.int64),
        relationships=np.full(1, -1, dtype=np.int64),
    )

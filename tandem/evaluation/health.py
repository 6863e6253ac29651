"""The programme health check: each effective feature (seed 002 §4.3–4.4, Table 4.2)
scored from the programme's own data, with the evidence and a next step; and the
at-risk list. Metadata only (DESIGN.md): counts, dates and flags, never content."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from django.db.models import Avg, Count, Exists, OuterRef, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from tandem.evaluation.disclosure import MIN_GROUP_SIZE
from tandem.evaluation.evidence_table import (
    FEATURES_BY_KEY,
    ITEMS_BY_KEY,
    SELF_ASSESSED,
    Source,
    items_of,
)
from tandem.evaluation.models import Answer, SelfAssessment, Survey, SurveyResponse
from tandem.evaluation.self_direction import self_direction
from tandem.evaluation.tables import is_small_group
from tandem.framework.keys import EffectiveFeature, Kind
from tandem.framework.models import FrameworkItem, Review
from tandem.organisations.models import Membership
from tandem.people.models import MentorTrainingRecord, Profile
from tandem.programmes.models import Enrolment, Programme
from tandem.relationships.models import (
    Action,
    AgendaItem,
    ChangeRequest,
    Conversation,
    EvidenceItem,
    Goal,
    LearningAgreement,
    Observation,
    Relationship,
    RelationshipMember,
    TimeEntry,
)
from tandem.relationships.models.relationship import (
    LEARNING_ROLES,
    SUPPORTING_ROLES,
    MemberRole,
)
from tandem.relationships.protected_time import protected_time
from tandem.relationships.selectors import programme_overview

UNSIGNED_AFTER_DAYS = 14
MEETING_GRACE_DAYS = 7
FALLING_BY = 0.5  # a check-in mean this much below the previous round is a fall
# Why a relationship may need attention: the key the at-risk list filters on, and its name.
AT_RISK_REASONS = {
    "no-meeting": "No meeting for longer than planned",
    "unsigned": f"Learning agreement not signed after {UNSIGNED_AFTER_DAYS} days",
    "falling": "Check-in scores falling",
    "overdue": "Agreed actions overdue",
}


def _rating(score: int | None) -> str:
    if score is None:
        return "No evidence yet"
    if score >= 75:
        return "Strong"
    if score >= 50:
        return "Developing"
    return "Needs attention"


@dataclass
class ItemScore:
    """One item of Table 4.2, scored from records or from the coordinator's answer."""

    key: str
    title: str
    description: str
    citation: str
    source: str  # evidence_table.Source
    score: int | None  # 0–100; None when there is no evidence yet
    evidence: list[str]
    # Distinct people the figures are about: leaders see the figures only at 5 or more.
    people: int | None = None
    answered: bool = False  # self-assessed items: a coordinator has answered

    @property
    def rating(self) -> str:
        return _rating(self.score)

    @property
    def is_self_assessed(self) -> bool:
        return self.source == Source.SELF_ASSESSMENT

    @property
    def is_small_group(self) -> bool:
        """Figures about 1 to 4 people: hidden from leaders (DESIGN.md suppression)."""
        return self.people is not None and 0 < self.people < MIN_GROUP_SIZE


@dataclass
class FeatureScore:
    key: str
    title: str
    score: int | None  # 0–100; None when there is no data yet
    evidence: list[str]
    next_step: str
    url: str = ""
    citation: str = ""
    items: list[ItemScore] = field(default_factory=list)

    @property
    def rating(self) -> str:
        return _rating(self.score)

    @property
    def is_small_group(self) -> bool:
        """Some of its figures are about 1 to 4 people: leaders see no score or evidence."""
        return any(item.is_small_group for item in self.items)


@dataclass
class AtRisk:
    row: dict
    reasons: list[str] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)  # AT_RISK_REASONS keys, one per reason


def _share(part: float, whole: float) -> int | None:
    return None if not whole else round(100 * min(part, whole) / whole)


def _mean(scores: list[int | None]) -> int | None:
    known = [score for score in scores if score is not None]
    return round(sum(known) / len(known)) if known else None


def _score(counted: list[tuple[float, float]], statements: list[bool]) -> int | None:
    """A feature's score from counted shares ("3 of 4 leaders") and yes/no statements.

    With nothing counted ("0 of 0") a statement alone cannot make a feature "Strong
    (100 out of 100)": the score is None and the page says "No evidence yet"."""
    shares = [_share(part, whole) for part, whole in counted]
    if all(share is None for share in shares):
        return None
    return _mean([*(100 if statement else 0 for statement in statements), *shares])


def health_check(programme: Programme, today: dt.date | None = None) -> dict:
    """Scores, evidence and next steps for each feature, plus the at-risk list."""
    today = today or timezone.localdate()
    rows = programme_overview(programme)
    live = [row for row in rows if row["relationship"].status != "proposed"]
    items = table_items(programme, live, today)
    features = [
        _sufficient_time(programme, live, items["non-contact-time"]),
        _training(programme),
        _monitoring(programme, today),
        _recruitment(programme),
        _clear_focus(programme, live),
        _culture(programme),
        _relationship_quality(programme),
        _confidentiality(programme, live),
        _from_items(items, EffectiveFeature.INDEPENDENCE_OF_MENTORS, INDEPENDENCE_NEXT_STEP),
        _from_items(items, EffectiveFeature.MENTOR_QUALITIES_AND_SKILLS, QUALITIES_NEXT_STEP),
        _from_items(items, EffectiveFeature.LOCAL_SUPPORT, LOCAL_SUPPORT_NEXT_STEP),
    ]
    for feature in features:
        feature.citation = FEATURES_BY_KEY[EffectiveFeature(feature.key)].citation
        feature.items = [items[item.key] for item in items_of(EffectiveFeature(feature.key))]
    framework_items = {
        item.key: item
        for item in FrameworkItem.objects.filter(
            kind=Kind.EFFECTIVE_FEATURE, key__in=[f.key for f in features]
        )
    }
    for feature in features:
        if feature.key in framework_items:
            feature.title = framework_items[feature.key].title
            feature.url = framework_items[feature.key].get_absolute_url()
    return {"features": features, "at_risk": at_risk(programme, live, today)}


def _sufficient_time(
    programme: Programme, live: list[dict], protected: "ItemScore"
) -> FeatureScore:
    held = sum(row["relationship"].num_held for row in live)
    planned = sum(row["num_planned"] for row in live)
    minutes = Conversation.objects.filter(
        relationship__programme=programme, status=Conversation.Status.HELD
    ).aggregate(contact=Coalesce(Sum("duration_minutes"), 0))["contact"]
    non_contact = TimeEntry.objects.filter(relationship__programme=programme).aggregate(
        total=Coalesce(Sum("minutes"), 0)
    )["total"]
    # Protected time counts once the programme sets an allowance (seed 002 §4.3.1).
    return FeatureScore(
        EffectiveFeature.SUFFICIENT_TIME,
        "Sufficient time",
        _mean([_share(held, planned), protected.score]),
        [
            f"{held} meetings held against {planned} planned to date.",
            (
                f"{minutes / 60:.1f} hours of contact time and {non_contact / 60:.1f} hours of "
                "non-contact time (preparation, observation, reflection) logged."
            ),
            *protected.evidence,
        ],
        "Protect time for meetings in timetables, and ask mentors to log preparation and "
        "observation time so it is recognised.",
    )


def _training(programme: Programme) -> FeatureScore:
    mentors = RelationshipMember.objects.filter(
        relationship__programme=programme, role__in=SUPPORTING_ROLES
    ).values("user")
    total = mentors.distinct().count()
    trained = (
        MentorTrainingRecord.objects.filter(profile__user__in=mentors)
        .values("profile__user")
        .distinct()
        .count()
    )
    return FeatureScore(
        EffectiveFeature.TRAINING_AND_SUPPORT,
        "Training and support for mentors",
        _share(trained, total),
        [f"{trained} of {total} mentors or coaches have a training record."],
        "Offer training to mentors without a record, and ask trained mentors to record it "
        "on their profile.",
    )


def _monitoring(programme: Programme, today: dt.date) -> FeatureScore:
    reviews = Review.objects.filter(organisation__in=programme.organisations.all()).count()
    actions = Action.objects.filter(relationship__programme=programme).aggregate(
        total=Count("pk"), done=Count("pk", filter=Q(done_at__isnull=False))
    )
    surveys = Survey.objects.filter(programme=programme, opens_on__lte=today).count()
    respondents = (
        SurveyResponse.objects.filter(survey__programme=programme)
        .values("respondent")
        .distinct()
        .count()
    )
    people = (
        RelationshipMember.objects.filter(relationship__programme=programme)
        .values("user")
        .distinct()
        .count()
    )
    scores = [
        100 if reviews else 0,
        _share(actions["done"], actions["total"]),
        _share(respondents, people) if surveys else 0,
    ]
    return FeatureScore(
        EffectiveFeature.MONITORING_AND_QUALITY_ASSURANCE,
        "Monitoring and quality assurance",
        _mean(scores),
        [
            (
                f"{reviews} Framework review{'s' if reviews != 1 else ''} by the programme's "
                "organisations."
            ),
            f"{actions['done']} of {actions['total']} agreed actions reported done.",
            (
                f"{surveys} survey{'s' if surveys != 1 else ''} opened; {respondents} of "
                f"{people} participants have answered at least one."
            ),
        ],
        "Schedule baseline and end surveys and a regular check-in, and review the "
        "programme against the Framework each year.",
    )


def _recruitment(programme: Programme) -> FeatureScore:
    mentees = Enrolment.objects.filter(
        programme=programme, role=Enrolment.Role.MENTEE, status=Enrolment.Status.APPROVED
    ).aggregate(total=Count("pk"), stated=Count("pk", filter=~Q(preferences="")))
    # People, not answers: a mentee who answers two end surveys counts once.
    chose = Answer.objects.filter(
        response__survey__programme=programme, question__key="chose-mentor"
    ).aggregate(
        total=Count("response__respondent", distinct=True),
        yes=Count("response__respondent", distinct=True, filter=Q(choices=["Yes"])),
    )
    changes = ChangeRequest.objects.filter(relationship__programme=programme).aggregate(
        total=Count("pk"), handled=Count("pk", filter=~Q(status=ChangeRequest.Status.OPEN))
    )
    evidence = [
        f"{mentees['stated']} of {mentees['total']} mentees stated preferences for a mentor.",
        f"{changes['handled']} of {changes['total']} change-of-mentor requests handled.",
    ]
    involvement = mentees["stated"]
    whole = mentees["total"]
    if not is_small_group(chose["total"]):
        evidence.append(f"{chose['yes']} of {chose['total']} say they were involved in choosing.")
        involvement, whole = chose["yes"], chose["total"]
    scores = [_share(involvement, whole), _share(changes["handled"], changes["total"])]
    return FeatureScore(
        EffectiveFeature.RECRUITMENT_AND_ALLOCATION,
        "Recruitment and allocation",
        _mean(scores),
        evidence,
        "Involve mentees in choosing (ask for preferences and offer a shortlist) and act "
        "promptly on requests to change mentor.",
    )


def _clear_focus(programme: Programme, live: list[dict]) -> FeatureScore:
    signed = sum(1 for row in live if row["is_signed"])
    goals = Goal.objects.filter(relationship__programme=programme).aggregate(
        total=Count("pk"), with_criteria=Count("pk", filter=~Q(success_criteria=""))
    )
    return FeatureScore(
        EffectiveFeature.CLEAR_FOCUS_AND_LEARNING_CONTRACT,
        "Clear focus and a learning contract",
        _mean([_share(signed, len(live)), _share(goals["with_criteria"], goals["total"])]),
        [
            f"{signed} of {len(live)} relationships have a learning agreement everyone signed.",
            f"{goals['with_criteria']} of {goals['total']} goals state success criteria.",
        ],
        "Ask every pair to agree and sign a learning agreement in the first meeting, and "
        "to write success criteria for each goal.",
    )


def _culture(programme: Programme) -> FeatureScore:
    leaders = Membership.objects.current().filter(
        access=Membership.Access.LEADER, organisation__in=programme.organisations.all()
    )
    num_leaders = leaders.values("user").distinct().count()
    trained = (
        MentorTrainingRecord.objects.filter(profile__user__in=leaders.values("user"))
        .values("profile__user")
        .distinct()
        .count()
    )
    linked = bool(programme.cpd_fit.strip())
    return FeatureScore(
        EffectiveFeature.CULTURE_AND_STRATEGIC_PLANNING,
        "Organisational culture and strategic CPD planning",
        _score([(trained, num_leaders)], [linked]),
        [
            "The programme says how it fits the CPD strategy."
            if linked
            else "The programme does not yet say how it fits the CPD strategy.",
            f"{trained} of {num_leaders} leaders have recorded mentoring or coaching training.",
        ],
        "Write how the programme fits your CPD strategy, and offer leaders coaching training.",
    )


def _relationship_quality(programme: Programme) -> FeatureScore:
    check_ins = Answer.objects.filter(
        response__survey__programme=programme,
        response__survey__purpose=Survey.Purpose.CHECK_IN,
        number__isnull=False,
    ).aggregate(mean=Avg("number"), people=Count("response__respondent", distinct=True))
    people = check_ins["people"]
    if is_small_group(people):
        return FeatureScore(
            EffectiveFeature.REFLECTIVE_RECIPROCAL_RELATIONSHIP,
            "A reflective, reciprocal relationship",
            None,
            [f"Check-in scores are shown once 5 or more people answer ({people} so far)."],
            "Schedule a short relationship check-in every few weeks.",
        )
    mean = check_ins["mean"]
    return FeatureScore(
        EffectiveFeature.REFLECTIVE_RECIPROCAL_RELATIONSHIP,
        "A reflective, reciprocal relationship",
        round(100 * (mean - 1) / 4),
        [f"Mean check-in score {mean:.1f} out of 5 from {people} people."],
        "Where scores are low, offer pairs a conversation about how the relationship works.",
    )


def _confidentiality(programme: Programme, live: list[dict]) -> FeatureScore:
    stating = (
        LearningAgreement.objects.filter(relationship__programme=programme)
        .exclude(confidentiality="")
        .exclude(safeguarding_exceptions="")
        .values("relationship")
        .distinct()
        .count()
    )
    return FeatureScore(
        EffectiveFeature.CONFIDENTIALITY,
        "Confidentiality",
        _share(stating, len(live)),
        [
            (
                f"{stating} of {len(live)} relationships have an agreement stating confidentiality "
                "and its safeguarding limits."
            )
        ],
        "Make sure every learning agreement states what stays confidential and the "
        "safeguarding exceptions.",
    )


def at_risk(programme: Programme, live: list[dict], today: dt.date) -> list[AtRisk]:
    """Relationships needing attention: no meeting for longer than planned (plus a week's
    grace), agreement unsigned after 14 days, falling check-ins, overdue actions."""
    current = [row for row in live if row["relationship"].status in {"active", "paused"}]
    ids = [row["relationship"].pk for row in current]
    overdue = dict(
        Action.objects.filter(relationship__in=ids, done_at__isnull=True, due_on__lt=today)
        .values("relationship")
        .annotate(n=Count("pk"))
        .values_list("relationship", "n")
    )
    falling = _falling_check_ins(programme)
    allowed = dt.timedelta(days=programme.meeting_every_days + MEETING_GRACE_DAYS)
    risky = []
    for row in current:
        relationship = row["relationship"]
        reasons = []
        keys = []
        last = relationship.last_contact_at
        since = timezone.localdate(last) if last else relationship.started_on
        if since and today - since > allowed:
            reasons.append(f"No meeting since {since:%-d %B %Y}")
            keys.append("no-meeting")
        started = relationship.started_on or timezone.localdate(relationship.created_at)
        if not row["is_signed"] and (today - started).days > UNSIGNED_AFTER_DAYS:
            reasons.append(f"Agreement not signed after {UNSIGNED_AFTER_DAYS} days")
            keys.append("unsigned")
        if relationship.pk in falling:
            reasons.append("Check-in scores falling")
            keys.append("falling")
        if overdue.get(relationship.pk):
            num = overdue[relationship.pk]
            reasons.append(f"{num} overdue action{'s' if num != 1 else ''}")
            keys.append("overdue")
        if reasons:
            risky.append(AtRisk(row, reasons, keys))
    return risky


def _falling_check_ins(programme: Programme) -> set[int]:
    means: dict[int, dict[int, float]] = {}
    for relationship_id, round_number, mean in (
        Answer.objects.filter(
            response__survey__programme=programme,
            response__survey__purpose=Survey.Purpose.CHECK_IN,
            response__relationship__isnull=False,
            number__isnull=False,
        )
        .values("response__relationship", "response__round")
        .annotate(mean=Avg("number"))
        .values_list("response__relationship", "response__round", "mean")
    ):
        means.setdefault(relationship_id, {})[round_number] = mean
    falling = set()
    for relationship_id, by_round in means.items():
        rounds = sorted(by_round)
        if len(rounds) >= 2 and by_round[rounds[-1]] <= by_round[rounds[-2]] - FALLING_BY:
            falling.add(relationship_id)
    return falling


# ---- Every item of Table 4.2 (evidence_table), scored from records or self-assessed ----

LONG_TERM_WEEKS = 12
EXPERIENCED_YEARS = 5
INDEPENDENCE_NEXT_STEP = (
    "Pair mentors who neither line-manage nor assess their mentee, and set the programme "
    "to forbid line managers and assessors as mentors."
)
QUALITIES_NEXT_STEP = (
    "Recruit experienced practitioners as mentors, and answer the self-assessment on how "
    "their qualities and skills are chosen and developed."
)
LOCAL_SUPPORT_NEXT_STEP = (
    "Ask the local authority or a local agency for advice, training or a bank of mentors, "
    "and record it in the self-assessment."
)


def _item(key: str, score: int | None, evidence: list[str], people: int | None = None) -> ItemScore:
    item = ITEMS_BY_KEY[key]
    return ItemScore(
        item.key,
        item.title,
        item.description,
        item.citation,
        item.source,
        score,
        evidence,
        people,
    )


def _of(part: int, whole: int, noun: str) -> str:
    return f"{part} of {whole} {noun}"


def _self_assessed(programme: Programme) -> dict[str, ItemScore]:
    answers = {
        assessment.item_key: assessment
        for assessment in SelfAssessment.objects.filter(programme=programme).select_related(
            "answered_by"
        )
    }
    scored = {}
    for key in SELF_ASSESSED:
        assessment = answers.get(key)
        if assessment is None:
            scored[key] = _item(key, None, ["Not yet answered by a coordinator."])
            continue
        who = assessment.answered_by.full_name if assessment.answered_by else "a former coordinator"
        evidence = [
            f"{assessment.get_answer_display()}: {assessment.evidence}",
            f"Answered by {who} on {timezone.localdate(assessment.answered_at):%-d %B %Y}.",
        ]
        scored[key] = replace(_item(key, assessment.score, evidence), answered=True)
    return scored


@dataclass(frozen=True)
class _Context:
    """What several items read: counted once per health check."""

    programme: Programme
    today: dt.date
    live: list[dict]
    live_ids: QuerySet[Relationship, Any]
    num_live: int
    members: QuerySet[RelationshipMember]
    people: int
    learners: QuerySet
    num_learners: int
    mentors: QuerySet
    num_mentors: int
    reviews: int
    mentor_enrolments: QuerySet[Enrolment]
    sets_requirements: bool
    requirement_line: str
    goals: dict
    agreements: QuerySet[LearningAgreement]
    add: Callable[[str, ItemScore], None]


def table_items(programme: Programme, live: list[dict], today: dt.date) -> dict[str, ItemScore]:
    """Every item of Table 4.2 (and the two features after it) with its score and evidence:
    aggregates over the programme's records, one query or two per item."""
    # The same relationships as `live`, as a subquery: no list of thousands of ids in SQL.
    live_ids = (
        Relationship.objects.filter(programme=programme)
        .exclude(status=Relationship.Status.PROPOSED)
        .values("pk")
    )
    num_live = len(live)
    members = RelationshipMember.objects.filter(relationship__in=live_ids)
    people = members.values("user").distinct().count()
    learners = members.filter(role__in=LEARNING_ROLES).values("user")
    num_learners = learners.distinct().count()
    mentors = members.filter(role__in=SUPPORTING_ROLES - {MemberRole.CO_COACH}).values("user")
    num_mentors = mentors.distinct().count()
    reviews = Review.objects.filter(organisation__in=programme.organisations.all()).count()
    mentor_enrolments = Enrolment.objects.filter(
        programme=programme, role=Enrolment.Role.MENTOR
    ).exclude(status=Enrolment.Status.WITHDRAWN)
    sets_requirements = bool(
        programme.requires_mentor_training
        or programme.min_mentor_years
        or programme.min_mentor_years_in_role
        or programme.mentor_career_stages
        or programme.mentor_must_be_external
    )
    requirement_line = (
        "The programme sets requirements for mentors."
        if sets_requirements
        else "The programme sets no requirements for mentors."
    )
    goals = Goal.objects.filter(relationship__in=live_ids).aggregate(
        total=Count("pk", distinct=True),
        updated=Count("pk", filter=Q(updates__isnull=False), distinct=True),
        criteria=Count("pk", filter=~Q(success_criteria=""), distinct=True),
        owners=Count("owner", distinct=True),
    )
    agreements = LearningAgreement.objects.filter(relationship__in=live_ids)
    items = _self_assessed(programme)
    context = _Context(
        programme=programme,
        today=today,
        live=live,
        live_ids=live_ids,
        num_live=num_live,
        members=members,
        people=people,
        learners=learners,
        num_learners=num_learners,
        mentors=mentors,
        num_mentors=num_mentors,
        reviews=reviews,
        mentor_enrolments=mentor_enrolments,
        sets_requirements=sets_requirements,
        requirement_line=requirement_line,
        goals=goals,
        agreements=agreements,
        add=items.__setitem__,
    )
    for section in (
        _time_items,
        _training_items,
        _monitoring_items,
        _recruitment_items,
        _focus_items,
        _culture_items,
        _relationship_items,
        _qualities_items,
        _after_table_items,
    ):
        section(context)
    return items


def _time_items(c: "_Context") -> None:
    """Providing sufficient time (§4.3.1)."""
    programme, today, live, live_ids, num_live, people, add = (
        c.programme,
        c.today,
        c.live,
        c.live_ids,
        c.num_live,
        c.people,
        c.add,
    )
    tried = (
        Relationship.objects.filter(pk__in=live_ids)
        .filter(
            Exists(Observation.objects.filter(relationship=OuterRef("pk")))
            | Exists(Action.objects.filter(relationship=OuterRef("pk")))
        )
        .count()
    )
    add(
        "time-for-activities",
        _item(
            "time-for-activities",
            _share(tried, num_live),
            [f"{_of(tried, num_live, 'relationships')} recorded an observation or an action."],
            people,
        ),
    )
    since = today - dt.timedelta(weeks=LONG_TERM_WEEKS)
    long_enough = Relationship.objects.filter(pk__in=live_ids, started_on__lte=since)
    num_long, num_lasted = long_enough.count(), _lasted(long_enough)
    planned_long = programme.duration_weeks >= LONG_TERM_WEEKS
    add(
        "long-term-activities",
        _item(
            "long-term-activities",
            _score([(num_lasted, num_long)], [planned_long]),
            [
                f"The programme runs for {programme.duration_weeks} weeks.",
                (
                    f"{_of(num_lasted, num_long, 'relationships')} started "
                    f"{LONG_TERM_WEEKS} or more weeks ago have lasted {LONG_TERM_WEEKS} weeks "
                    "or more."
                ),
            ],
            people,
        ),
    )
    held = sum(row["relationship"].num_held for row in live)
    planned = sum(row["num_planned"] for row in live)
    add(
        "regular-structured-meetings",
        _item(
            "regular-structured-meetings",
            _share(held, planned),
            [f"{held} meetings held against {planned} planned to date."],
            people,
        ),
    )
    add("non-contact-time", _protected_time_item(programme, today))


def _training_items(c: "_Context") -> None:
    """Training and support (§4.3.2)."""
    (
        programme,
        people,
        mentors,
        num_mentors,
        mentor_enrolments,
        sets_requirements,
        requirement_line,
        add,
    ) = (
        c.programme,
        c.people,
        c.mentors,
        c.num_mentors,
        c.mentor_enrolments,
        c.sets_requirements,
        c.requirement_line,
        c.add,
    )
    trained = (
        MentorTrainingRecord.objects.filter(profile__user__in=mentors)
        .values("profile__user")
        .distinct()
        .count()
    )
    add(
        "training-and-informal-support",
        _item(
            "training-and-informal-support",
            _share(trained, num_mentors),
            [f"{_of(trained, num_mentors, 'mentors or coaches')} have a training record."],
            num_mentors,
        ),
    )
    started = Relationship.objects.filter(programme=programme).exclude(
        status=Relationship.Status.PROPOSED
    )
    ended_early = started.filter(end_reason=Relationship.EndReason.NOT_WORKING).count()
    num_started = started.count()
    add(
        "sustains-relationships",
        _item(
            "sustains-relationships",
            _share(num_started - ended_early, num_started),
            [
                (
                    f"{_of(num_started - ended_early, num_started, 'relationships')} have not "
                    "ended because they were not working."
                )
            ],
            people,
        ),
    )
    approved = mentor_enrolments.filter(status=Enrolment.Status.APPROVED)
    num_approved = approved.values("user").distinct().count()
    meeting = approved.filter(unmet_requirements=[]).values("user").distinct().count()
    add(
        "skills-and-qualities-required",
        _item(
            "skills-and-qualities-required",
            _score([(meeting, num_approved)], [sets_requirements]),
            [
                requirement_line,
                f"{_of(meeting, num_approved, 'approved mentors')} meet every requirement.",
            ],
            num_approved,
        ),
    )


def _monitoring_items(c: "_Context") -> None:
    """Monitoring and quality assurance (§4.3.3)."""
    (
        programme,
        live_ids,
        num_live,
        people,
        learners,
        num_learners,
        reviews,
        goals,
        agreements,
        add,
    ) = (
        c.programme,
        c.live_ids,
        c.num_live,
        c.people,
        c.learners,
        c.num_learners,
        c.reviews,
        c.goals,
        c.agreements,
        c.add,
    )
    respondents = (
        SurveyResponse.objects.filter(survey__programme=programme)
        .values("respondent")
        .distinct()
        .count()
    )
    add(
        "improved-quality",
        _item(
            "improved-quality",
            _score([(respondents, people)], [bool(reviews)]),
            [
                (
                    f"{reviews} Framework review{'s' if reviews != 1 else ''} by the programme's "
                    "organisations."
                ),
                f"{_of(respondents, people, 'participants')} have answered at least one survey.",
            ],
            people,
        ),
    )
    add(
        "common-vehicle-for-recording",
        _item(
            "common-vehicle-for-recording",
            _share(goals["updated"], goals["total"]),
            [f"{_of(goals['updated'], goals['total'], 'goals')} have a recorded progress update."],
            goals["owners"],
        ),
    )
    with_portfolio = (
        EvidenceItem.objects.filter(relationship__in=live_ids, owner__in=learners)
        .values("owner")
        .distinct()
        .count()
    )
    add(
        "portfolio-of-evidence",
        _item(
            "portfolio-of-evidence",
            _share(with_portfolio, num_learners),
            [
                (
                    f"{_of(with_portfolio, num_learners, 'learners')} have at least one item in "
                    "their portfolio of evidence."
                )
            ],
            num_learners,
        ),
    )
    actions = Action.objects.filter(relationship__in=live_ids).aggregate(
        total=Count("pk"), done=Count("pk", filter=Q(done_at__isnull=False))
    )
    add(
        "action-plans-and-progress",
        _item(
            "action-plans-and-progress",
            _share(actions["done"], actions["total"]),
            [f"{_of(actions['done'], actions['total'], 'agreed actions')} reported done."],
            people,
        ),
    )
    reviewing = agreements.exclude(review_points="").values("relationship").distinct().count()
    add(
        "review-in-learning-contract",
        _item(
            "review-in-learning-contract",
            _share(reviewing, num_live),
            [
                (
                    f"{_of(reviewing, num_live, 'relationships')} have a learning agreement that "
                    "says when they will review it."
                )
            ],
            people,
        ),
    )


def _recruitment_items(c: "_Context") -> None:
    """Recruitment and allocation (§4.3.4)."""
    programme, members, mentor_enrolments, sets_requirements, requirement_line, add = (
        c.programme,
        c.members,
        c.mentor_enrolments,
        c.sets_requirements,
        c.requirement_line,
        c.add,
    )
    enrolled = mentor_enrolments.values("user").distinct().count()
    invited = mentor_enrolments.filter(invited_by__isnull=False).values("user").distinct().count()
    add(
        "personal-approach",
        _item(
            "personal-approach",
            _share(invited, enrolled),
            [f"{_of(invited, enrolled, 'mentors')} were invited personally by a coordinator."],
            enrolled,
        ),
    )
    decided = (
        # Selected by a coordinator: invited personally, or an application decided.
        mentor_enrolments.filter(
            Q(decided_at__isnull=False) | Q(invited_by__isnull=False),
            status__in=[Enrolment.Status.APPROVED, Enrolment.Status.DECLINED],
        )
        .values("user")
        .distinct()
        .count()
    )
    add(
        "selection-system",
        _item(
            "selection-system",
            _score([(decided, enrolled)], [sets_requirements]),
            [
                requirement_line,
                (
                    f"{_of(decided, enrolled, 'mentors')} were selected by a coordinator "
                    "(invited, or their application decided)."
                ),
            ],
            enrolled,
        ),
    )
    mentees = Enrolment.objects.filter(
        programme=programme,
        role__in=[Enrolment.Role.MENTEE, Enrolment.Role.PEER],
        status=Enrolment.Status.APPROVED,
    )
    num_mentees = mentees.values("user").distinct().count()
    placed = (
        mentees.filter(user__in=members.filter(role__in=LEARNING_ROLES).values("user"))
        .values("user")
        .distinct()
        .count()
    )
    changes = ChangeRequest.objects.filter(relationship__programme=programme).aggregate(
        total=Count("pk"), handled=Count("pk", filter=~Q(status=ChangeRequest.Status.OPEN))
    )
    add(
        "matching",
        _item(
            "matching",
            _mean([_share(placed, num_mentees), _share(changes["handled"], changes["total"])]),
            [
                f"{_of(placed, num_mentees, 'approved mentees')} are in a relationship.",
                (
                    f"{_of(changes['handled'], changes['total'], 'change-of-mentor requests')} "
                    "handled."
                ),
            ],
            num_mentees,
        ),
    )
    involvement = _involvement(programme)
    add(
        "teacher-involvement",
        _item(
            "teacher-involvement",
            _share(involvement[0], involvement[1]),
            [involvement[2]],
            involvement[1],
        ),
    )


def _focus_items(c: "_Context") -> None:
    """A clear focus and understanding (§4.3.5)."""
    programme, live, num_live, people, goals, agreements, add = (
        c.programme,
        c.live,
        c.num_live,
        c.people,
        c.goals,
        c.agreements,
        c.add,
    )
    has_aims = bool(programme.aims.strip())
    add(
        "clarity-of-focus",
        _item(
            "clarity-of-focus",
            _score([(goals["criteria"], goals["total"])], [has_aims]),
            [
                "The programme states its aims." if has_aims else "The programme has no aims.",
                f"{_of(goals['criteria'], goals['total'], 'goals')} state success criteria.",
            ],
            goals["owners"],
        ),
    )
    signed = sum(1 for row in live if row["is_signed"])
    add(
        "learning-contract",
        _item(
            "learning-contract",
            _share(signed, num_live),
            [
                (
                    f"{_of(signed, num_live, 'relationships')} have a learning agreement everyone "
                    "signed."
                )
            ],
            people,
        ),
    )
    with_roles = agreements.exclude(roles="").values("relationship").distinct().count()
    add(
        "mentor-role-clarity",
        _item(
            "mentor-role-clarity",
            _share(with_roles, num_live),
            [
                (
                    f"{_of(with_roles, num_live, 'relationships')} have a learning agreement that "
                    "sets out each member's role."
                )
            ],
            people,
        ),
    )


def _culture_items(c: "_Context") -> None:
    """Organisational culture and strategic planning (§4.3.6)."""
    programme, reviews, add = c.programme, c.reviews, c.add
    linked = bool(programme.cpd_fit.strip())
    add(
        "strategic-cpd",
        _item(
            "strategic-cpd",
            100 if linked else 0,
            [
                "The programme says how it fits the CPD strategy."
                if linked
                else "The programme does not yet say how it fits the CPD strategy."
            ],
        ),
    )
    leaders = Membership.objects.current().filter(
        access=Membership.Access.LEADER, organisation__in=programme.organisations.all()
    )
    num_leaders = leaders.values("user").distinct().count()
    trained_leaders = (
        MentorTrainingRecord.objects.filter(profile__user__in=leaders.values("user"))
        .values("profile__user")
        .distinct()
        .count()
    )
    add(
        "training-leaders",
        _item(
            "training-leaders",
            _share(trained_leaders, num_leaders),
            [
                (
                    f"{_of(trained_leaders, num_leaders, 'leaders')} have recorded mentoring or "
                    "coaching training."
                )
            ],
            num_leaders,
        ),
    )
    has_template = any(
        str(value).strip() for value in (programme.agreement_template or {}).values()
    )
    add(
        "framework-for-implementation",
        _item(
            "framework-for-implementation",
            _mean([100 if has_template else 0, 100 if reviews else 0]),
            [
                "Relationships start from the programme's learning agreement (roles, processes)."
                if has_template
                else "The programme has no starting learning agreement.",
                (
                    f"{reviews} Framework review{'s' if reviews != 1 else ''} by the programme's "
                    "organisations."
                ),
            ],
        ),
    )


def _relationship_items(c: "_Context") -> None:
    """The relationship (§4.4.1)."""
    programme, live_ids, num_live, people, add = (
        c.programme,
        c.live_ids,
        c.num_live,
        c.people,
        c.add,
    )
    reflecting = (
        TimeEntry.objects.filter(relationship__in=live_ids, kind=TimeEntry.Kind.REFLECTION)
        .values("user")
        .distinct()
        .count()
    )
    check_ins = Answer.objects.filter(
        response__survey__programme=programme,
        response__survey__purpose=Survey.Purpose.CHECK_IN,
        number__isnull=False,
    ).aggregate(mean=Avg("number"), people=Count("response__respondent", distinct=True))
    reflective_evidence = [f"{_of(reflecting, people, 'people')} logged reflection time."]
    check_in_score = None
    if not is_small_group(check_ins["people"]):
        check_in_score = round(100 * (check_ins["mean"] - 1) / 4)
        reflective_evidence.append(
            f"Mean check-in score {check_ins['mean']:.1f} out of 5 from {check_ins['people']} "
            "people."
        )
    add(
        "reflective-approach",
        _item(
            "reflective-approach",
            _mean([_share(reflecting, people), check_in_score]),
            reflective_evidence,
            people,
        ),
    )
    add("reciprocal-relationship", _reciprocal_item(live_ids))
    conflicted = (
        Relationship.objects.filter(pk__in=live_ids)
        .filter(~Q(conflicts=[]) | Q(members__is_assessor=True))
        .values("pk")
        .distinct()
        .count()
    )
    rules = [programme.forbid_line_manager, programme.forbid_assessor]
    add(
        "independence-of-mentors",
        _item(
            "independence-of-mentors",
            _score([(num_live - conflicted, num_live)], rules),
            [
                (
                    f"{_of(num_live - conflicted, num_live, 'relationships')} have no mentor who "
                    "line-manages or assesses the learner."
                ),
                (
                    "The programme forbids line managers as mentors."
                    if programme.forbid_line_manager
                    else "The programme allows line managers as mentors, with a justification."
                ),
                (
                    "The programme forbids assessors as mentors."
                    if programme.forbid_assessor
                    else "The programme allows assessors as mentors, with a justification."
                ),
            ],
            people,
        ),
    )


def _qualities_items(c: "_Context") -> None:
    """Mentor qualities and skills (§4.4.2)."""
    mentors, num_mentors, add = c.mentors, c.num_mentors, c.add
    experienced = Profile.objects.filter(
        user__in=mentors, years_in_profession__gte=EXPERIENCED_YEARS
    ).count()
    add(
        "knowledgeable-experienced",
        _item(
            "knowledgeable-experienced",
            _share(experienced, num_mentors),
            [
                (
                    f"{_of(experienced, num_mentors, 'mentors or coaches')} have "
                    f"{EXPERIENCED_YEARS} or more years in the profession."
                )
            ],
            num_mentors,
        ),
    )


def _after_table_items(c: "_Context") -> None:
    """Named after the table (§4.3)."""
    num_live, people, agreements, add = c.num_live, c.people, c.agreements, c.add
    stating = (
        agreements.exclude(confidentiality="")
        .exclude(safeguarding_exceptions="")
        .values("relationship")
        .distinct()
        .count()
    )
    add(
        "confidentiality",
        _item(
            "confidentiality",
            _share(stating, num_live),
            [
                (
                    f"{_of(stating, num_live, 'relationships')} have an agreement stating "
                    "confidentiality and its safeguarding limits."
                )
            ],
            people,
        ),
    )


def _lasted(relationships: QuerySet[Relationship]) -> int:
    """Relationships that have lasted LONG_TERM_WEEKS or more (still running counts)."""
    lasted = 0
    for started_on, ended_on in relationships.values_list("started_on", "ended_on"):
        if started_on and (ended_on is None or (ended_on - started_on).days >= LONG_TERM_WEEKS * 7):
            lasted += 1
    return lasted


def _protected_time_item(programme: Programme, today: dt.date) -> ItemScore:
    sides = protected_time(programme, today)
    if not sides:
        return _item(
            "non-contact-time",
            None,
            ["The programme sets no protected time a week for mentors or mentees."],
        )
    return _item(
        "non-contact-time",
        _mean([side.share for side in sides]),
        [side.sentence for side in sides],
        # The smallest group shown decides: a side about 1 to 4 people hides the item.
        min(side.people for side in sides),
    )


def _involvement(programme: Programme) -> tuple[int, int, str]:
    """Mentees involved in choosing: from the end survey once 5 or more answer, else from
    stated preferences. (part, whole, sentence)"""
    mentees = Enrolment.objects.filter(
        programme=programme, role=Enrolment.Role.MENTEE, status=Enrolment.Status.APPROVED
    ).aggregate(
        total=Count("user", distinct=True),
        stated=Count("user", distinct=True, filter=~Q(preferences="")),
    )
    chose = Answer.objects.filter(
        response__survey__programme=programme, question__key="chose-mentor"
    ).aggregate(
        total=Count("response__respondent", distinct=True),
        yes=Count("response__respondent", distinct=True, filter=Q(choices=["Yes"])),
    )
    if not is_small_group(chose["total"]):
        return (
            chose["yes"],
            chose["total"],
            f"{_of(chose['yes'], chose['total'], 'mentees')} say they were involved in choosing.",
        )
    return (
        mentees["stated"],
        mentees["total"],
        f"{_of(mentees['stated'], mentees['total'], 'mentees')} stated preferences for a mentor.",
    )


def _reciprocal_item(live_ids: QuerySet[Relationship, Any]) -> ItemScore:
    """Each learner's share of the agenda and of the goals, against an equal share."""
    learners = list(
        RelationshipMember.objects.filter(
            relationship__in=live_ids, role__in=LEARNING_ROLES
        ).values_list("relationship", "user")
    )
    agenda = self_direction(
        AgendaItem.objects.filter(
            conversation__relationship__in=live_ids, conversation__deleted_at__isnull=True
        )
        .values("conversation__relationship", "raised_by")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("conversation__relationship", "raised_by", "n"),
        learners,
    )
    goals = self_direction(
        Goal.objects.filter(relationship__in=live_ids)
        .values("relationship", "owner")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("relationship", "owner", "n"),
        learners,
    )
    evidence = []
    for measure, noun in ((agenda, "the agenda"), (goals, "the goals")):
        if measure.score is None:
            evidence.append(f"No {noun[4:]} recorded yet.")
        else:
            evidence.append(
                f"Learners set {measure.score}% of an equal share of {noun} "
                f"(learners: {measure.learners}; relationships: {measure.relationships})."
            )
    return _item(
        "reciprocal-relationship",
        _mean([agenda.score, goals.score]),
        evidence,
        max(agenda.learners, goals.learners),
    )


def _from_items(
    items: dict[str, ItemScore], feature: EffectiveFeature, next_step: str
) -> FeatureScore:
    """A feature scored as the mean of its items' scores, with their evidence."""
    own = [items[item.key] for item in items_of(feature)]
    return FeatureScore(
        feature,
        FEATURES_BY_KEY[feature].title,
        _mean([item.score for item in own]),
        [line for item in own for line in item.evidence],
        next_step,
    )

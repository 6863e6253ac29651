"""The programme health check: each effective feature (seed 002 §4.3–4.4, Table 4.2)
scored from the programme's own data, with the evidence and a next step; and the
at-risk list. Metadata only (DESIGN.md): counts, dates and flags, never content."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Avg, Count, Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from tandem.evaluation.models import Answer, Survey, SurveyResponse
from tandem.evaluation.tables import is_small_group
from tandem.framework.keys import EffectiveFeature, Kind
from tandem.framework.models import FrameworkItem, Review
from tandem.organisations.models import Membership
from tandem.people.models import MentorTrainingRecord
from tandem.programmes.models import Enrolment, Programme
from tandem.relationships.models import (
    Action,
    ChangeRequest,
    Conversation,
    Goal,
    LearningAgreement,
    RelationshipMember,
    TimeEntry,
)
from tandem.relationships.models.relationship import SUPPORTING_ROLES
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


@dataclass
class FeatureScore:
    key: str
    title: str
    score: int | None  # 0–100; None when there is no data yet
    evidence: list[str]
    next_step: str
    url: str = ""

    @property
    def rating(self) -> str:
        if self.score is None:
            return "No evidence yet"
        if self.score >= 75:
            return "Strong"
        if self.score >= 50:
            return "Developing"
        return "Needs attention"


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
    features = [
        _sufficient_time(programme, live),
        _training(programme),
        _monitoring(programme, today),
        _recruitment(programme),
        _clear_focus(programme, live),
        _culture(programme),
        _relationship_quality(programme),
        _confidentiality(programme, live),
    ]
    items = {
        item.key: item
        for item in FrameworkItem.objects.filter(
            kind=Kind.EFFECTIVE_FEATURE, key__in=[f.key for f in features]
        )
    }
    for feature in features:
        if feature.key in items:
            feature.title = items[feature.key].title
            feature.url = items[feature.key].get_absolute_url()
    return {"features": features, "at_risk": at_risk(programme, live, today)}


def _sufficient_time(programme: Programme, live: list[dict]) -> FeatureScore:
    held = sum(row["relationship"].num_held for row in live)
    planned = sum(row["num_planned"] for row in live)
    minutes = Conversation.objects.filter(
        relationship__programme=programme, status=Conversation.Status.HELD
    ).aggregate(contact=Coalesce(Sum("duration_minutes"), 0))["contact"]
    non_contact = TimeEntry.objects.filter(relationship__programme=programme).aggregate(
        total=Coalesce(Sum("minutes"), 0)
    )["total"]
    return FeatureScore(
        EffectiveFeature.SUFFICIENT_TIME,
        "Sufficient time",
        _share(held, planned),
        [
            f"{held} meetings held against {planned} planned to date.",
            (
                f"{minutes / 60:.1f} hours of contact time and {non_contact / 60:.1f} hours of "
                "non-contact time (preparation, observation, reflection) logged."
            ),
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

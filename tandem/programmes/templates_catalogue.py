"""Programme templates for common schemes: sensible defaults a coordinator then adjusts.

Each template fills in the programme's model, rhythm and mentor requirements, and the
starting text of every relationship's learning agreement (seed 002 §4.3.5; seed 003
principle "a learning agreement"). Wording is Tandem's own.
"""

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from tandem.framework.keys import Approach, GroupFormat, MentorSource, MentorStyle, Pairing
from tandem.framework.keys import SectorMix as Sector

GROUND_RULES = (
    "We meet at the agreed times and give notice if we cannot.\n"
    "The learner sets the agenda; the mentor or coach asks before advising.\n"
    "We base our conversations on evidence from the learner's own practice.\n"
    "We review how the relationship is working at each review point."
)
CONFIDENTIALITY = (
    "What we discuss stays between us. Our shared record (this agreement, goals, "
    "conversation summaries and actions) is visible to the members of this relationship "
    "only. Coordinators see only that meetings happen, never what was said. Private notes "
    "are visible to their author alone."
)
SAFEGUARDING = (
    "Confidentiality does not apply where a child or vulnerable adult may be at risk of "
    "harm, where there is a risk to the learner or others, or where the law requires "
    "disclosure. In those cases we follow our organisation's safeguarding procedures and "
    "tell each other first unless that would increase the risk."
)
ENDING = (
    "Either of us may ask to end or pause the relationship. The learner may ask the "
    "programme coordinator, privately, for a different mentor or coach at any time, without "
    "giving a reason to the current mentor; the record of this relationship is kept."
)


@dataclass(frozen=True)
class MatchingDefaults:
    """Where a programme's matching settings start; the coordinator then edits a copy.

    Weights (0–10) are keyed by matching criterion (tandem.matching.engine.criteria) and
    rules by their stored values; the programme's own mentor rules are laid over these.
    """

    weights: Mapping[str, float]
    sector_rule: str = "any"
    organisation_rule: str = "any"
    # Peer models (co-coaching) look for similar stage and experience, not seniority.
    is_peer: bool = False
    # Experience gap (mentor minus mentee years) that scores fully.
    ideal_gap: tuple[int, int] = (3, 15)
    # Mentor must have at least this many more years than the mentee (expert–novice models).
    min_years_ahead: int | None = None


@dataclass(frozen=True)
class ProgrammeTemplate:
    key: str
    name: str
    summary: str
    approach: str
    group_format: str
    pairing: str
    sector_mix: str
    mentor_source: str
    meeting_every_days: int
    meeting_minutes: int
    duration_weeks: int
    mentor_styles: list[str] = field(default_factory=list)
    requires_mentor_training: bool = False
    min_mentor_years: int = 0
    min_mentor_years_in_role: int = 0
    mentor_career_stages: list[str] = field(default_factory=list)
    requires_accredited_mentor: bool = False
    required_mentor_course: str = ""
    mentor_must_be_external: bool = False
    forbid_line_manager: bool = True
    forbid_assessor: bool = False
    purpose: str = ""
    review_points: str = "After six weeks, at the half-way point and at the end."
    matching: MatchingDefaults = field(default_factory=lambda: MatchingDefaults(weights={}))
    # Scheme rules by programme field name: learner eligibility, the allowance per term,
    # pairs across sectors (seed 002 §2.3.5's EPD pilot and interagency scheme).
    scheme_rules: Mapping[str, object] = field(default_factory=dict)

    def programme_fields(self, *, starts_on: dt.date) -> dict[str, object]:
        """The programme's fields as this template sets them, starting on `starts_on`."""
        return {
            "name": self.name,
            "aims": self.purpose,
            "approach": self.approach,
            "group_format": self.group_format,
            "pairing": self.pairing,
            "sector_mix": self.sector_mix,
            "mentor_source": self.mentor_source,
            "mentor_styles": list(self.mentor_styles),
            "meeting_every_days": self.meeting_every_days,
            "meeting_minutes": self.meeting_minutes,
            "duration_weeks": self.duration_weeks,
            "starts_on": starts_on,
            "ends_on": starts_on + dt.timedelta(weeks=self.duration_weeks),
            "requires_mentor_training": self.requires_mentor_training,
            "min_mentor_years": self.min_mentor_years,
            "min_mentor_years_in_role": self.min_mentor_years_in_role,
            "mentor_career_stages": list(self.mentor_career_stages),
            "requires_accredited_mentor": self.requires_accredited_mentor,
            "required_mentor_course": self.required_mentor_course,
            "mentor_must_be_external": self.mentor_must_be_external,
            "forbid_line_manager": self.forbid_line_manager,
            "forbid_assessor": self.forbid_assessor,
            **self.scheme_rules,
        }

    @property
    def agreement_defaults(self) -> dict[str, str]:
        return {
            "purpose": self.purpose,
            "ground_rules": GROUND_RULES,
            "confidentiality": CONFIDENTIALITY,
            "safeguarding_exceptions": SAFEGUARDING,
            "review_points": self.review_points,
            "ending_and_change": ENDING,
        }


TEMPLATES = [
    ProgrammeTemplate(
        key="ect-mentoring",
        name="Early-career teacher mentoring",
        summary="A trained, experienced colleague mentors each early-career teacher for two years.",
        approach=Approach.MENTORING,
        group_format=GroupFormat.ONE_TO_ONE,
        pairing=Pairing.EXPERT_NOVICE,
        sector_mix=Sector.SAME,
        mentor_source=MentorSource.INTERNAL,
        meeting_every_days=7,
        meeting_minutes=60,
        duration_weeks=78,
        mentor_styles=[MentorStyle.EDUCATOR, MentorStyle.REFLECTIVE, MentorStyle.ACCULTURATOR],
        requires_mentor_training=True,
        min_mentor_years=3,
        purpose="Support the early-career teacher's professional development and wellbeing.",
        # A school-based mentor in the same phase and subject, several years ahead, trained,
        # and free at the same times.
        matching=MatchingDefaults(
            weights={
                "phase": 3,
                "subject": 3,
                "expertise-tags": 2,
                "expertise-text": 1,
                "experience-gap": 2,
                "career-stage": 1,
                "organisation": 1,
                "geography": 1,
                "availability": 2,
                "language": 0.5,
                "mentee-preference": 3,
                "mentor-training": 1,
            },
            organisation_rule="prefer-same",
            min_years_ahead=2,
        ),
    ),
    ProgrammeTemplate(
        key="ite-mentoring",
        name="ITE school-based mentoring",
        summary="School-based mentors support trainee teachers on placement.",
        approach=Approach.MENTORING,
        group_format=GroupFormat.ONE_TO_ONE,
        pairing=Pairing.EXPERT_NOVICE,
        sector_mix=Sector.SAME,
        mentor_source=MentorSource.INTERNAL,
        meeting_every_days=7,
        meeting_minutes=60,
        duration_weeks=12,
        mentor_styles=[MentorStyle.COMPETENCE, MentorStyle.REFLECTIVE],
        requires_mentor_training=True,
        min_mentor_years=2,
        purpose="Help the trainee meet the teaching standards through reflective practice.",
        review_points="At the end of each placement phase.",
        # Subject and phase expertise matter most; the mentor is usually in the placement
        # school.
        matching=MatchingDefaults(
            weights={
                "phase": 4,
                "subject": 4,
                "expertise-tags": 1,
                "expertise-text": 1,
                "experience-gap": 1,
                "career-stage": 1,
                "organisation": 1,
                "geography": 2,
                "availability": 1,
                "language": 0.5,
                "mentee-preference": 2,
                "mentor-training": 2,
            },
            organisation_rule="prefer-same",
        ),
    ),
    ProgrammeTemplate(
        key="new-head-mentoring",
        name="New-headteacher mentoring",
        summary="An experienced, trained headteacher from another school mentors a new head.",
        approach=Approach.MENTORING,
        group_format=GroupFormat.ONE_TO_ONE,
        pairing=Pairing.EXPERT_NOVICE,
        sector_mix=Sector.SAME,
        mentor_source=MentorSource.EXTERNAL,
        meeting_every_days=28,
        meeting_minutes=90,
        duration_weeks=52,
        mentor_styles=[MentorStyle.PROVIDER_OF_SUPPORT, MentorStyle.SPONSOR, MentorStyle.MODEL],
        requires_mentor_training=True,
        min_mentor_years_in_role=5,
        mentor_career_stages=["headteacher"],
        mentor_must_be_external=True,
        forbid_assessor=True,
        purpose="Support a new headteacher through the first year of headship.",
        # An experienced, independent coach from another organisation (seed 002 §4.4.1 on
        # independence).
        matching=MatchingDefaults(
            weights={
                "phase": 2,
                "expertise-tags": 2,
                "expertise-text": 2,
                "experience-gap": 1,
                "career-stage": 2,
                "geography": 1,
                "availability": 1,
                "language": 0.5,
                "mentee-preference": 4,
                "mentor-training": 2,
            },
            organisation_rule="require-different",
            ideal_gap=(5, 30),
        ),
    ),
    ProgrammeTemplate(
        key="co-coaching",
        name="Co-coaching pairs",
        summary="Pairs of colleagues coach each other while trying out new approaches.",
        approach=Approach.CO_COACHING,
        group_format=GroupFormat.ONE_TO_ONE,
        pairing=Pairing.RECIPROCAL,
        sector_mix=Sector.SAME,
        mentor_source=MentorSource.INTERNAL,
        meeting_every_days=14,
        meeting_minutes=45,
        duration_weeks=13,
        mentor_styles=[MentorStyle.REFLECTIVE, MentorStyle.DEVELOPMENT],
        purpose="Try out and refine a new approach together, observing each other's practice.",
        # Peers at a similar stage who can meet often.
        matching=MatchingDefaults(
            weights={
                "phase": 2,
                "subject": 1,
                "expertise-tags": 2,
                "expertise-text": 1,
                "experience-gap": 2,
                "career-stage": 2,
                "geography": 1,
                "availability": 3,
                "language": 0.5,
                "mentee-preference": 3,
            },
            is_peer=True,
            ideal_gap=(-3, 3),
        ),
    ),
    ProgrammeTemplate(
        key="cross-sector-co-mentoring",
        name="Cross-sector co-mentoring",
        summary="Teachers and creative or social-care professionals learn from each other.",
        approach=Approach.CO_MENTORING,
        group_format=GroupFormat.ONE_TO_ONE,
        pairing=Pairing.RECIPROCAL,
        sector_mix=Sector.CROSS,
        mentor_source=MentorSource.EXTERNAL,
        meeting_every_days=21,
        meeting_minutes=60,
        duration_weeks=26,
        mentor_styles=[MentorStyle.REFLECTIVE, MentorStyle.DEVELOPMENT],
        mentor_must_be_external=True,
        purpose="Learn from another profession's practice, in both directions.",
        # A different sector is the point, so expertise against goals carries the weight.
        matching=MatchingDefaults(
            weights={
                "expertise-tags": 3,
                "expertise-text": 3,
                "experience-gap": 1,
                "career-stage": 1,
                "geography": 1,
                "availability": 2,
                "language": 0.5,
                "mentee-preference": 3,
                "mentor-training": 1,
            },
            sector_rule="require-different",
            organisation_rule="prefer-different",
        ),
    ),
    ProgrammeTemplate(
        key="group-supervision",
        name="Group supervision or learning set",
        summary="A trained facilitator leads a small group that meets to reflect on practice.",
        approach=Approach.GROUP_REFLECTIVE_SUPERVISION,
        group_format=GroupFormat.GROUP,
        pairing=Pairing.PEER,
        sector_mix=Sector.SAME,
        mentor_source=MentorSource.EITHER,
        meeting_every_days=28,
        meeting_minutes=120,
        duration_weeks=52,
        mentor_styles=[MentorStyle.DEVELOPMENT, MentorStyle.PROVIDER_OF_SUPPORT],
        requires_mentor_training=True,
        purpose="Reflect together on practice and support each other's development.",
        # A facilitator takes several members, so shared times and place matter most.
        matching=MatchingDefaults(
            weights={
                "phase": 1,
                "expertise-tags": 2,
                "expertise-text": 1,
                "career-stage": 1,
                "geography": 3,
                "availability": 4,
                "language": 1,
                "mentee-preference": 2,
                "mentor-training": 2,
            },
        ),
    ),
    ProgrammeTemplate(
        # Seed 002's work discussion groups: a forum where staff share concerns and
        # challenges, usually led by an external consultant with relevant professional
        # experience, mixing less and more experienced practitioners (its review of
        # Warman and Jackson, 2007; §3 on reflective practice and reduced stress).
        key="work-discussion-groups",
        name="Work discussion groups",
        summary=(
            "Small groups of practitioners meet regularly with an experienced facilitator, "
            "often from outside the organisation, to talk through concerns and challenges "
            "from their work."
        ),
        approach=Approach.GROUP_REFLECTIVE_SUPERVISION,
        group_format=GroupFormat.GROUP,
        pairing=Pairing.PEER,
        sector_mix=Sector.SAME,
        mentor_source=MentorSource.EXTERNAL,
        meeting_every_days=14,
        meeting_minutes=90,
        duration_weeks=39,
        mentor_styles=[MentorStyle.REFLECTIVE, MentorStyle.PROVIDER_OF_SUPPORT],
        min_mentor_years=5,
        purpose=(
            "Share concerns and challenges from our work, reflect on them together and "
            "build the habit of consulting colleagues."
        ),
        review_points="After the third meeting, at the half-way point and at the end.",
        # Facilitators from outside the members' own organisation are preferred; shared
        # times and region decide who can meet; experience is mixed by the group run.
        matching=MatchingDefaults(
            weights={
                "expertise-tags": 2,
                "expertise-text": 1,
                "organisation": 2,
                "geography": 3,
                "availability": 4,
                "mentee-preference": 1,
            },
            organisation_rule="prefer-different",
            is_peer=True,
        ),
    ),
    # events: REFLECT (seed 002 §4.3.2 and §4.4) paired teachers with creative and
    # cultural professionals as co-mentors and sustained them with nine training days and
    # gathering days; the programme's events page (tandem.events) holds those days, and
    # attendance at the training days becomes each co-mentor's training record.
    ProgrammeTemplate(
        key="reflect-co-mentoring",
        name="REFLECT-style co-mentoring with training and gathering days",
        summary=(
            "Emerging leaders from schools and creative or cultural organisations co-mentor "
            "each other, with training days and gathering days through the year."
        ),
        approach=Approach.CO_MENTORING,
        group_format=GroupFormat.ONE_TO_ONE,
        pairing=Pairing.RECIPROCAL,
        sector_mix=Sector.CROSS,
        mentor_source=MentorSource.EXTERNAL,
        meeting_every_days=28,
        meeting_minutes=90,
        duration_weeks=52,
        mentor_styles=[MentorStyle.REFLECTIVE, MentorStyle.DEVELOPMENT],
        mentor_must_be_external=True,
        purpose=(
            "Set a shared agenda and develop creative practice in both our organisations, "
            "learning from each other as equals. We take part in the programme's training "
            "days and gathering days to strengthen our co-mentoring, share ideas and solve "
            "problems with other pairs."
        ),
        review_points="After the first training day, at each gathering day and at the end.",
        # Peers from different sectors: what each brings to the other's goals matters most.
        matching=MatchingDefaults(
            weights={
                "expertise-tags": 3,
                "expertise-text": 3,
                "career-stage": 2,
                "geography": 2,
                "availability": 2,
                "language": 0.5,
                "mentee-preference": 3,
                "mentor-training": 0.5,
            },
            sector_rule="require-different",
            organisation_rule="require-different",
            is_peer=True,
        ),
    ),
    # bank: a standing bank of accredited mentors for newly appointed headteachers, after
    # the local authority scheme in seed 002 §5.4 (a bank of over 90 accredited mentors).
    ProgrammeTemplate(
        key="mentor-bank-new-heads",
        name="Bank of accredited mentors (new heads)",
        summary="Each newly appointed head is matched straight away with an accredited, "
        "experienced head from the authority's standing mentor bank.",
        approach=Approach.MENTORING,
        group_format=GroupFormat.ONE_TO_ONE,
        pairing=Pairing.EXPERT_NOVICE,
        sector_mix=Sector.SAME,
        mentor_source=MentorSource.EXTERNAL,
        meeting_every_days=21,
        meeting_minutes=90,
        duration_weeks=52,
        mentor_styles=[MentorStyle.PROVIDER_OF_SUPPORT, MentorStyle.MODEL, MentorStyle.SPONSOR],
        requires_mentor_training=True,
        min_mentor_years_in_role=3,
        mentor_career_stages=["headteacher"],
        requires_accredited_mentor=True,
        mentor_must_be_external=True,
        forbid_assessor=True,
        purpose="Give a newly appointed headteacher immediate access to an experienced head "
        "who offers both practical and emotional support through the first year of headship.",
        review_points="After the first half term, at the end of the first term and at the "
        "end of the first year.",
        # Mentors come from the bank one mentee at a time ("find a mentor now"), so a good
        # fit of phase, expertise and shared time matters more than a round's balance.
        matching=MatchingDefaults(
            weights={
                "phase": 3,
                "expertise-tags": 2,
                "expertise-text": 2,
                "experience-gap": 1,
                "career-stage": 2,
                "geography": 2,
                "availability": 2,
                "language": 0.5,
                "mentee-preference": 3,
                "mentor-training": 1,
            },
            organisation_rule="require-different",
            ideal_gap=(5, 30),
        ),
    ),
    # ---- schemes: the EPD pilot and interagency coaching (seed 002 §2.3.5) ----
    ProgrammeTemplate(
        key="epd-pilot",
        name="Early Professional Development pilot",
        summary=(
            "Teachers in their second and third years plan funded professional development "
            "with a trained mentor, against an allowance each term."
        ),
        approach=Approach.MENTORING,
        group_format=GroupFormat.ONE_TO_ONE,
        pairing=Pairing.EXPERT_NOVICE,
        sector_mix=Sector.SAME,
        mentor_source=MentorSource.EITHER,
        # One or two formal meetings a term, with informal support between them.
        meeting_every_days=42,
        meeting_minutes=60,
        duration_weeks=104,
        mentor_styles=[MentorStyle.DEVELOPMENT, MentorStyle.PROVIDER_OF_SUPPORT],
        requires_mentor_training=True,
        min_mentor_years=3,
        purpose=(
            "Plan and take part in professional development in the second and third years of "
            "teaching, with a mentor's help in choosing activities and spending the allowance."
        ),
        matching=MatchingDefaults(
            weights={
                "phase": 3,
                "subject": 2,
                "expertise-tags": 2,
                "expertise-text": 2,
                "experience-gap": 2,
                "career-stage": 1,
                "availability": 2,
                "mentee-preference": 2,
                "mentor-training": 2,
            },
            min_years_ahead=2,
        ),
        # Teachers in years 2-3 have 1 or 2 completed years. The pilot gave £700 a term in
        # the second year and £350 in the third: set the allowance for the year you run.
        scheme_rules={
            "eligible_min_years": 1,
            "eligible_max_years": 2,
            "allowance_per_term": Decimal("700.00"),
        },
    ),
    ProgrammeTemplate(
        key="icms-interagency-coaching",
        name="Interagency coaching and mentoring (ICMS)",
        summary=(
            "Trained coach-mentors from partner agencies coach learners from another agency, "
            "never their own."
        ),
        approach=Approach.COACH_MENTORING,
        group_format=GroupFormat.ONE_TO_ONE,
        pairing=Pairing.PEER,
        sector_mix=Sector.CROSS,
        mentor_source=MentorSource.EXTERNAL,
        meeting_every_days=28,
        meeting_minutes=90,
        duration_weeks=52,
        mentor_styles=[MentorStyle.REFLECTIVE, MentorStyle.PROVIDER_OF_SUPPORT],
        requires_mentor_training=True,
        # Coach and learner always come from different organisations of the partnership.
        mentor_must_be_external=True,
        forbid_assessor=True,
        purpose=(
            "Develop staff and share practice across agencies: a different perspective from a "
            "peer in another organisation."
        ),
        matching=MatchingDefaults(
            weights={
                "expertise-tags": 3,
                "expertise-text": 3,
                "career-stage": 1,
                "geography": 1,
                "availability": 2,
                "language": 0.5,
                "mentee-preference": 3,
                "mentor-training": 2,
                "sector": 2,
            },
            is_peer=True,
            sector_rule="prefer-different",
            organisation_rule="require-different",
        ),
    ),
]
TEMPLATES_BY_KEY = {template.key: template for template in TEMPLATES}
BLANK_KEY = "blank"


def matching_defaults(template_key: str) -> MatchingDefaults:
    """A template's matching defaults; programmes without a template (or with one retired
    since) start from early-career teacher mentoring's, the most common scheme."""
    template = TEMPLATES_BY_KEY.get(template_key) or TEMPLATES_BY_KEY["ect-mentoring"]
    return template.matching

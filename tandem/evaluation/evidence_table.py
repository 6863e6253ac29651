"""Table 4.2 of the NFER review (the key factors for effective mentoring and coaching),
encoded once as data: every feature, every item under it, in Tandem's own words, with
where the review discusses it. The health check scores each item from the programme's
records (`Source.RECORDS`) or, where no record can exist, from the coordinator's short
self-assessment (`Source.SELF_ASSESSMENT`).

The review adds two features in the text after the table (§4.3): confidentiality and
local agency or local authority support; they are here too, marked as such.
"""

from dataclasses import dataclass
from enum import StrEnum

from tandem.framework.keys import EffectiveFeature

SOURCE_TITLE = (
    "NFER (2008), Mentoring and coaching for professionals: a study of the research evidence"
)


class Source(StrEnum):
    RECORDS = "records"
    SELF_ASSESSMENT = "self-assessment"


@dataclass(frozen=True)
class Item:
    key: str
    feature: EffectiveFeature
    title: str  # the table's wording
    description: str  # what Tandem looks for, in its own words
    section: str  # where the review discusses it
    source: Source

    @property
    def citation(self) -> str:
        if "after Table 4.2" in self.section:
            return f"{SOURCE_TITLE}, {self.section}"
        return f"{SOURCE_TITLE}, Table 4.2 and {self.section}"


@dataclass(frozen=True)
class Feature:
    key: EffectiveFeature
    title: str
    section: str
    in_table: bool = True  # False: named in the text after the table

    @property
    def citation(self) -> str:
        where = f"Table 4.2, {self.section}" if self.in_table else self.section
        return f"{SOURCE_TITLE}, {where}"


F = EffectiveFeature
R = Source.RECORDS
S = Source.SELF_ASSESSMENT

FEATURES: tuple[Feature, ...] = (
    Feature(F.SUFFICIENT_TIME, "Sufficient time", "section 4.3.1"),
    Feature(F.TRAINING_AND_SUPPORT, "Training and support for mentors", "section 4.3.2"),
    Feature(
        F.MONITORING_AND_QUALITY_ASSURANCE, "Monitoring and quality assurance", "section 4.3.3"
    ),
    Feature(F.RECRUITMENT_AND_ALLOCATION, "Recruitment and allocation", "section 4.3.4"),
    Feature(
        F.CLEAR_FOCUS_AND_LEARNING_CONTRACT, "Clear focus and a learning contract", "section 4.3.5"
    ),
    Feature(
        F.CULTURE_AND_STRATEGIC_PLANNING,
        "Organisational culture and strategic CPD planning",
        "section 4.3.6",
    ),
    Feature(
        F.REFLECTIVE_RECIPROCAL_RELATIONSHIP,
        "A reflective, reciprocal relationship",
        "section 4.4.1",
    ),
    Feature(F.INDEPENDENCE_OF_MENTORS, "Independence of mentors", "section 4.4.1"),
    Feature(F.MENTOR_QUALITIES_AND_SKILLS, "Mentor qualities and skills", "section 4.4.2"),
    Feature(F.CONFIDENTIALITY, "Confidentiality", "section 4.3 (after Table 4.2)", in_table=False),
    Feature(
        F.LOCAL_SUPPORT,
        "Local agency or local authority support",
        "section 4.3 (after Table 4.2)",
        in_table=False,
    ),
)

ITEMS: tuple[Item, ...] = (
    # Providing sufficient time (§4.3.1)
    Item(
        "time-for-activities",
        F.SUFFICIENT_TIME,
        "Time for activities and for meaningful change in the classroom",
        "Relationships that have tried something in practice: an observation or an agreed "
        "action recorded.",
        "section 4.3.1",
        R,
    ),
    Item(
        "long-term-activities",
        F.SUFFICIENT_TIME,
        "Provision of long-term activities",
        "The programme runs for a term or more, and relationships last 12 weeks or more.",
        "section 4.3.1",
        R,
    ),
    Item(
        "space-as-well-as-time",
        F.SUFFICIENT_TIME,
        "Provision of space as well as time",
        "A quiet, private place to meet is available to every pair or group.",
        "section 4.3.1",
        S,
    ),
    Item(
        "regular-structured-meetings",
        F.SUFFICIENT_TIME,
        "Finding the time for regular, structured meetings",
        "Meetings held against those planned by the programme's rhythm.",
        "section 4.3.1",
        R,
    ),
    Item(
        "dedicated-timetabled-time",
        F.SUFFICIENT_TIME,
        "Dedicated time and timetabled activities",
        "Mentoring time is written into timetables rather than found in spare moments.",
        "section 4.3.1",
        S,
    ),
    Item(
        "non-contact-time",
        F.SUFFICIENT_TIME,
        "Non-contact time for mentors and mentees",
        "Time mentors and mentees logged (meetings and non-contact time) against the "
        "protected time the programme allows each week.",
        "section 4.3.1",
        R,
    ),
    # Training and support for mentors or coaches (§4.3.2)
    Item(
        "training-and-informal-support",
        F.TRAINING_AND_SUPPORT,
        "Provision of training and informal support",
        "Mentors and coaches with a training record.",
        "section 4.3.2",
        R,
    ),
    Item(
        "manageability-and-outcomes",
        F.TRAINING_AND_SUPPORT,
        "Reduces manageability issues and amplifies positive outcomes",
        "Training helps mentors manage the role alongside their other work.",
        "section 4.3.2",
        S,
    ),
    Item(
        "sustains-relationships",
        F.TRAINING_AND_SUPPORT,
        "Sustains effective relationships",
        "Relationships that have not ended early because they were not working.",
        "section 4.3.2",
        R,
    ),
    Item(
        "skills-and-qualities-required",
        F.TRAINING_AND_SUPPORT,
        "The skills and qualities required",
        "Approved mentors who meet every requirement the programme sets.",
        "section 4.3.2",
        R,
    ),
    # Monitoring and quality assurance (§4.3.3)
    Item(
        "improved-quality",
        F.MONITORING_AND_QUALITY_ASSURANCE,
        "Improved quality and effectiveness",
        "Framework reviews by the programme's organisations, and surveys answered.",
        "section 4.3.3",
        R,
    ),
    Item(
        "common-vehicle-for-recording",
        F.MONITORING_AND_QUALITY_ASSURANCE,
        "A common vehicle for recording and assessing development",
        "Goals with at least one recorded progress update.",
        "section 4.3.3",
        R,
    ),
    Item(
        "portfolio-of-evidence",
        F.MONITORING_AND_QUALITY_ASSURANCE,
        "Creating a portfolio of evidence",
        "Learners with at least one item in their portfolio of evidence.",
        "section 4.3.3",
        R,
    ),
    Item(
        "action-plans-and-progress",
        F.MONITORING_AND_QUALITY_ASSURANCE,
        "Writing action plans and reporting on progress",
        "Agreed actions reported done.",
        "section 4.3.3",
        R,
    ),
    Item(
        "review-in-learning-contract",
        F.MONITORING_AND_QUALITY_ASSURANCE,
        "Incorporation of review and evaluation into the learning contract",
        "Learning agreements that state when the relationship will be reviewed.",
        "section 4.3.3",
        R,
    ),
    # Recruitment and allocation of mentors and coaches (§4.3.4)
    Item(
        "personal-approach",
        F.RECRUITMENT_AND_ALLOCATION,
        "Use of personal approaches for recruitment",
        "Mentors invited personally by a coordinator rather than only by open call.",
        "section 4.3.4",
        R,
    ),
    Item(
        "publicised-benefits",
        F.RECRUITMENT_AND_ALLOCATION,
        "Publicise the benefits of being a mentor or coach",
        "The benefits of mentoring (including to mentors' own learning) are publicised.",
        "section 4.3.4",
        S,
    ),
    Item(
        "selection-system",
        F.RECRUITMENT_AND_ALLOCATION,
        "Systems for the effective selection of mentors",
        "Mentor enrolments decided by a coordinator, against requirements the programme sets.",
        "section 4.3.4",
        R,
    ),
    Item(
        "matching",
        F.RECRUITMENT_AND_ALLOCATION,
        "Matching of mentors or coaches with mentees or coachees",
        "Approved mentees placed in a relationship, and requests to change mentor handled.",
        "section 4.3.4",
        R,
    ),
    Item(
        "teacher-involvement",
        F.RECRUITMENT_AND_ALLOCATION,
        "Teacher involvement in the selection of their mentors",
        "Mentees who stated preferences, or who say they were involved in choosing.",
        "section 4.3.4",
        R,
    ),
    # A clear focus and understanding (§4.3.5)
    Item(
        "clarity-of-focus",
        F.CLEAR_FOCUS_AND_LEARNING_CONTRACT,
        "Clarity of focus, aims and objectives",
        "The programme states its aims, and goals state success criteria.",
        "section 4.3.5",
        R,
    ),
    Item(
        "learning-contract",
        F.CLEAR_FOCUS_AND_LEARNING_CONTRACT,
        "Development of a learning contract",
        "Relationships with a learning agreement everyone signed.",
        "section 4.3.5",
        R,
    ),
    Item(
        "clear-structure",
        F.CLEAR_FOCUS_AND_LEARNING_CONTRACT,
        "A clear structure for the programme or scheme",
        "Participants know the programme's stages, rhythm and end point.",
        "section 4.3.5",
        S,
    ),
    Item(
        "clear-processes",
        F.CLEAR_FOCUS_AND_LEARNING_CONTRACT,
        "Clarity of processes and procedures",
        "How to enrol, meet, raise a concern and change mentor is written down and shared.",
        "section 4.3.5",
        S,
    ),
    Item(
        "mentor-role-clarity",
        F.CLEAR_FOCUS_AND_LEARNING_CONTRACT,
        "Clarity in defining the mentor role",
        "Learning agreements that set out each member's role.",
        "section 4.3.5",
        R,
    ),
    # Organisational culture and strategic planning (§4.3.6)
    Item(
        "learning-culture",
        F.CULTURE_AND_STRATEGIC_PLANNING,
        "Promotion of a learning culture and community",
        "Leaders promote professional learning for all staff as part of the school's ethos.",
        "section 4.3.6",
        S,
    ),
    Item(
        "collaboration",
        F.CULTURE_AND_STRATEGIC_PLANNING,
        "Fostering collaboration as part of the school culture",
        "Joint planning and shared practice are part of how staff work.",
        "section 4.3.6",
        S,
    ),
    Item(
        "strategic-cpd",
        F.CULTURE_AND_STRATEGIC_PLANNING,
        "Location within an overall strategic approach to CPD",
        "The programme says how it fits the organisation's CPD strategy.",
        "section 4.3.6",
        R,
    ),
    Item(
        "training-leaders",
        F.CULTURE_AND_STRATEGIC_PLANNING,
        "Training leaders in mentoring and coaching",
        "Leaders of the programme's organisations with recorded mentoring or coaching training.",
        "section 4.3.6",
        R,
    ),
    Item(
        "framework-for-implementation",
        F.CULTURE_AND_STRATEGIC_PLANNING,
        "Providing a framework for implementation",
        "A starting learning agreement (roles, processes) for every relationship, and a "
        "review of the programme against the National Framework.",
        "section 4.3.6",
        R,
    ),
    # The mentoring/coaching relationship (§4.4.1)
    Item(
        "reflective-approach",
        F.REFLECTIVE_RECIPROCAL_RELATIONSHIP,
        "The promotion of a reflective approach",
        "People who logged reflection time, and relationship check-in scores.",
        "section 4.4.1",
        R,
    ),
    Item(
        "reciprocal-relationship",
        F.REFLECTIVE_RECIPROCAL_RELATIONSHIP,
        "A reciprocal, collaborative learning relationship",
        "Each learner's share of the agenda and of the goals, against an equal share.",
        "section 4.4.1",
        R,
    ),
    Item(
        "independence-of-mentors",
        F.INDEPENDENCE_OF_MENTORS,
        "The independence of mentors",
        "Relationships where no mentor line-manages or assesses the learner, and programme "
        "rules that forbid it.",
        "section 4.4.1",
        R,
    ),
    # Mentor/coach qualities and skills (§4.4.2)
    Item(
        "wide-range-of-qualities",
        F.MENTOR_QUALITIES_AND_SKILLS,
        "A wide range of qualities and skills are required by mentors or coaches",
        "Mentors are chosen for the range of qualities and skills the role needs.",
        "section 4.4.2",
        S,
    ),
    Item(
        "knowledgeable-experienced",
        F.MENTOR_QUALITIES_AND_SKILLS,
        "Mentors should be knowledgeable, experienced and successful practitioners",
        "Mentors with five or more years in the profession.",
        "section 4.4.2",
        R,
    ),
    Item(
        "qualities-trust-respect",
        F.MENTOR_QUALITIES_AND_SKILLS,
        "Qualities: trust, respect, approachable, empathy, self-awareness, flexibility",
        "Mentors are seen as trustworthy, approachable and empathetic; learners say so.",
        "section 4.4.2",
        S,
    ),
    Item(
        "skills-listening-communication",
        F.MENTOR_QUALITIES_AND_SKILLS,
        "Skills: listening, communication, interpersonal skills",
        "Mentors' listening and communication are developed and checked, for example in "
        "training or observed sessions.",
        "section 4.4.2",
        S,
    ),
    # Named after the table (§4.3)
    Item(
        "confidentiality",
        F.CONFIDENTIALITY,
        "Confidentiality",
        "Learning agreements that state what stays confidential and its safeguarding limits.",
        "section 4.3 (after Table 4.2)",
        R,
    ),
    Item(
        "local-support",
        F.LOCAL_SUPPORT,
        "Local agency or local authority support",
        "The local authority or a local agency supports the scheme (advice, training, "
        "funding or a mentor bank).",
        "section 4.3 (after Table 4.2)",
        S,
    ),
)

ITEMS_BY_KEY = {item.key: item for item in ITEMS}
FEATURES_BY_KEY = {feature.key: feature for feature in FEATURES}
SELF_ASSESSED = frozenset(item.key for item in ITEMS if item.source == S)


def items_of(feature: EffectiveFeature) -> tuple[Item, ...]:
    return tuple(item for item in ITEMS if item.feature == feature)

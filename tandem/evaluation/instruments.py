"""The built-in survey templates, each item keyed to the Framework vocabulary.

Kept as code, not reference rows: scheduling a survey copies a template's items into
Question rows, so later edits to a template never change a survey people have answered.
Wording is Tandem's own; categories come from seed 002 (cited per template).
"""

from dataclasses import dataclass, field

SEED = "002_f442b0822d198990.txt"
AGREE = "How far do you agree? 1 = strongly disagree, 5 = strongly agree."


@dataclass(frozen=True)
class Item:
    key: str
    kind: str  # QuestionKind value
    text: str
    framework_kind: str = ""
    framework_key: str = ""
    choices: tuple[str, ...] = ()
    is_required: bool = True


@dataclass(frozen=True)
class Template:
    key: str
    title: str
    purpose: str  # SurveyPurpose value
    audience: str  # SurveyAudience value
    citation: str
    items: tuple[Item, ...] = field(default_factory=tuple)


MENTEE_IMPACTS = (
    ("mentee-reflectivity", "I take time to reflect on my practice and think it through clearly."),
    ("mentee-wellbeing-confidence", "I feel confident and well in my professional role."),
    ("mentee-problem-solving", "I solve problems and make decisions well at work."),
    ("mentee-knowledge-skills", "I have the knowledge and skills my role needs."),
    ("mentee-sharing-practice", "I share my practice with colleagues."),
    ("mentee-communication", "I communicate well and build good working relationships."),
    ("mentee-professional-development", "I am positive about my professional development."),
    ("mentee-self-management", "I manage my own learning: I set myself actions and deadlines."),
)
MENTOR_IMPACTS = (
    ("mentor-knowledge-skills", "I have the mentoring and coaching skills I need."),
    ("mentor-wellbeing-confidence", "Mentoring or coaching gives me satisfaction and confidence."),
    ("mentor-reflectivity", "Mentoring or coaching makes me reflect on my own practice."),
    ("mentor-professional-development", "I am keen to keep developing professionally."),
    ("mentor-problem-solving", "I solve problems and make decisions well at work."),
    ("mentor-sharing-practice", "I share my experience and practice with colleagues."),
)
ORGANISATION_IMPACTS = (
    ("culture-research-learning", "Staff here learn from research and from each other."),
    ("culture-reflective", "Reflecting on practice is part of how we work."),
    ("culture-collaborative", "Staff collaborate and support one another."),
    ("culture-professionalism", "Professional and career development is recognised here."),
    ("culture-coaching-mentoring", "Mentoring and coaching are part of our culture."),
    ("organisation-leadership", "Mentoring and coaching have strengthened our leadership."),
    ("organisation-professional-development", "Professional development has grown here."),
    ("organisation-external-links", "We have stronger links with other organisations."),
    ("organisation-recruitment-retention", "Mentoring and coaching help us keep good staff."),
)


def _impacts(pairs: tuple[tuple[str, str], ...]) -> tuple[Item, ...]:
    return tuple(Item(key, "likert", text, "impact", key) for key, text in pairs)


def _feature(key: str, text: str, feature: str) -> Item:
    return Item(key, "likert", text, "effective-feature", feature)


CHOSE_MENTOR = Item(
    "chose-mentor",
    "single",
    "Were you involved in choosing your mentor or coach?",
    "effective-feature",
    "recruitment-and-allocation",
    ("Yes", "No"),
)
HELPFUL = _feature(
    "helpfulness", "Overall, mentoring or coaching has been helpful to me.", "sufficient-time"
)
VALUE = _feature(
    "value",
    "Mentoring or coaching has been valuable for my development.",
    "recruitment-and-allocation",
)
COMMENTS = Item(
    "comments",
    "text",
    "Anything else you would like to tell the programme team?",
    is_required=False,
)

TEMPLATES: dict[str, Template] = {
    template.key: template
    for template in (
        Template(
            "mentee-baseline",
            "Mentee impact survey: start of programme",
            "baseline",
            "mentees",
            f"{SEED} §3.2",
            _impacts(MENTEE_IMPACTS),
        ),
        Template(
            "mentee-end",
            "Mentee impact survey: end of programme",
            "end",
            "mentees",
            f"{SEED} §3.2, §4.3.4",
            (*_impacts(MENTEE_IMPACTS), HELPFUL, VALUE, CHOSE_MENTOR, COMMENTS),
        ),
        Template(
            "mentor-baseline",
            "Mentor impact survey: start of programme",
            "baseline",
            "mentors",
            f"{SEED} §3.3",
            _impacts(MENTOR_IMPACTS),
        ),
        Template(
            "mentor-end",
            "Mentor impact survey: end of programme",
            "end",
            "mentors",
            f"{SEED} §3.3",
            (*_impacts(MENTOR_IMPACTS), COMMENTS),
        ),
        Template(
            "check-in",
            "Relationship check-in",
            "check-in",
            "participants",
            f"{SEED} §4.4.1",
            (
                _feature(
                    "trust",
                    "We trust and respect each other.",
                    "reflective-reciprocal-relationship",
                ),
                _feature(
                    "support",
                    "I get (or give) the support that is needed.",
                    "reflective-reciprocal-relationship",
                ),
                _feature(
                    "challenge",
                    "Our conversations stretch and challenge.",
                    "reflective-reciprocal-relationship",
                ),
                _feature(
                    "reflection",
                    "Our conversations help me reflect.",
                    "reflective-reciprocal-relationship",
                ),
                _feature(
                    "two-way",
                    "We both learn from the relationship.",
                    "reflective-reciprocal-relationship",
                ),
            ),
        ),
        Template(
            "organisation-impact",
            "Organisation impact survey for leaders",
            "organisation",
            "leaders",
            f"{SEED} §3.4",
            (*_impacts(ORGANISATION_IMPACTS), COMMENTS),
        ),
        Template(
            "framework-awareness",
            "Framework awareness and usefulness",
            "awareness",
            "participants",
            f"{SEED} §5.5",
            (
                Item(
                    "aware",
                    "single",
                    "Are you aware of the National Framework for Mentoring and Coaching?",
                    choices=("Yes", "No"),
                ),
                Item("used", "single", "Have you used the Framework?", choices=("Yes", "No")),
                Item(
                    "useful",
                    "single",
                    "If you have used it, how useful was it?",
                    choices=(
                        "Very useful",
                        "Fairly useful",
                        "Not very useful",
                        "Not at all useful",
                        "Not used",
                    ),
                ),
                Item(
                    "guidance",
                    "multiple",
                    "Where do you get guidance on mentoring and coaching?",
                    choices=(
                        "School leadership team",
                        "CPD leader",
                        "Line manager",
                        "Local authority",
                        "University or ITE provider",
                        "Other",
                    ),
                    is_required=False,
                ),
                Item(
                    "trained",
                    "single",
                    "Have you been trained in mentoring or coaching?",
                    choices=("Yes", "No"),
                ),
            ),
        ),
    )
}

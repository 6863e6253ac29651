"""The built-in survey templates, each item keyed to the Framework vocabulary.

Kept as code, not reference rows: scheduling a survey copies a template's items into
Question rows, so later edits to a template never change a survey people have answered.
Wording is Tandem's own; categories come from seed 002 (cited per template).
"""

from dataclasses import dataclass, field

from tandem.framework.keys import EffectiveFeature, Impact, Kind

# The source by its title: people see it beside each template (seed 002).
SEED = "Mentoring and coaching for professionals: a study of the research evidence (NFER, 2008)"
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
    (
        Impact.MENTEE_REFLECTIVITY,
        "I take time to reflect on my practice and think it through clearly.",
    ),
    (Impact.MENTEE_WELLBEING_CONFIDENCE, "I feel confident and well in my professional role."),
    (Impact.MENTEE_PROBLEM_SOLVING, "I solve problems and make decisions well at work."),
    (Impact.MENTEE_KNOWLEDGE_SKILLS, "I have the knowledge and skills my role needs."),
    (Impact.MENTEE_SHARING_PRACTICE, "I share my practice with colleagues."),
    (Impact.MENTEE_COMMUNICATION, "I communicate well and build good working relationships."),
    (Impact.MENTEE_PROFESSIONAL_DEVELOPMENT, "I am positive about my professional development."),
    (
        Impact.MENTEE_SELF_MANAGEMENT,
        "I manage my own learning: I set myself actions and deadlines.",
    ),
)
MENTOR_IMPACTS = (
    (Impact.MENTOR_KNOWLEDGE_SKILLS, "I have the mentoring and coaching skills I need."),
    (
        Impact.MENTOR_WELLBEING_CONFIDENCE,
        "Mentoring or coaching gives me satisfaction and confidence.",
    ),
    (Impact.MENTOR_REFLECTIVITY, "Mentoring or coaching makes me reflect on my own practice."),
    (Impact.MENTOR_PROFESSIONAL_DEVELOPMENT, "I am keen to keep developing professionally."),
    (Impact.MENTOR_PROBLEM_SOLVING, "I solve problems and make decisions well at work."),
    (Impact.MENTOR_SHARING_PRACTICE, "I share my experience and practice with colleagues."),
)
ORGANISATION_IMPACTS = (
    (Impact.CULTURE_RESEARCH_LEARNING, "Staff here learn from research and from each other."),
    (Impact.CULTURE_REFLECTIVE, "Reflecting on practice is part of how we work."),
    (Impact.CULTURE_COLLABORATIVE, "Staff collaborate and support one another."),
    (Impact.CULTURE_PROFESSIONALISM, "Professional and career development is recognised here."),
    (Impact.CULTURE_COACHING_MENTORING, "Mentoring and coaching are part of our culture."),
    (Impact.ORGANISATION_LEADERSHIP, "Mentoring and coaching have strengthened our leadership."),
    (Impact.ORGANISATION_PROFESSIONAL_DEVELOPMENT, "Professional development has grown here."),
    (Impact.ORGANISATION_EXTERNAL_LINKS, "We have stronger links with other organisations."),
    (Impact.ORGANISATION_RECRUITMENT_RETENTION, "Mentoring and coaching help us keep good staff."),
)


def _impacts(pairs: tuple[tuple[str, str], ...]) -> tuple[Item, ...]:
    return tuple(Item(key, "likert", text, Kind.IMPACT, key) for key, text in pairs)


def _feature(key: str, text: str, feature: str) -> Item:
    return Item(key, "likert", text, Kind.EFFECTIVE_FEATURE, feature)


CHOSE_MENTOR = Item(
    "chose-mentor",
    "single",
    "Were you involved in choosing your mentor or coach?",
    Kind.EFFECTIVE_FEATURE,
    EffectiveFeature.RECRUITMENT_AND_ALLOCATION,
    ("Yes", "No"),
)
HELPFUL = _feature(
    "helpfulness",
    "Overall, mentoring or coaching has been helpful to me.",
    EffectiveFeature.SUFFICIENT_TIME,
)
VALUE = _feature(
    "value",
    "Mentoring or coaching has been valuable for my development.",
    EffectiveFeature.RECRUITMENT_AND_ALLOCATION,
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
            f"{SEED}, section 3.2",
            _impacts(MENTEE_IMPACTS),
        ),
        Template(
            "mentee-end",
            "Mentee impact survey: end of programme",
            "end",
            "mentees",
            f"{SEED}, sections 3.2 and 4.3.4",
            (*_impacts(MENTEE_IMPACTS), HELPFUL, VALUE, CHOSE_MENTOR, COMMENTS),
        ),
        Template(
            "mentor-baseline",
            "Mentor impact survey: start of programme",
            "baseline",
            "mentors",
            f"{SEED}, section 3.3",
            _impacts(MENTOR_IMPACTS),
        ),
        Template(
            "mentor-end",
            "Mentor impact survey: end of programme",
            "end",
            "mentors",
            f"{SEED}, section 3.3",
            (*_impacts(MENTOR_IMPACTS), COMMENTS),
        ),
        Template(
            "check-in",
            "Relationship check-in",
            "check-in",
            "participants",
            f"{SEED}, section 4.4.1",
            (
                _feature(
                    "trust",
                    "We trust and respect each other.",
                    EffectiveFeature.REFLECTIVE_RECIPROCAL_RELATIONSHIP,
                ),
                _feature(
                    "support",
                    "I get (or give) the support that is needed.",
                    EffectiveFeature.REFLECTIVE_RECIPROCAL_RELATIONSHIP,
                ),
                _feature(
                    "challenge",
                    "Our conversations stretch and challenge.",
                    EffectiveFeature.REFLECTIVE_RECIPROCAL_RELATIONSHIP,
                ),
                _feature(
                    "reflection",
                    "Our conversations help me reflect.",
                    EffectiveFeature.REFLECTIVE_RECIPROCAL_RELATIONSHIP,
                ),
                _feature(
                    "two-way",
                    "We both learn from the relationship.",
                    EffectiveFeature.REFLECTIVE_RECIPROCAL_RELATIONSHIP,
                ),
            ),
        ),
        Template(
            "organisation-impact",
            "Organisation impact survey for leaders",
            "organisation",
            "leaders",
            f"{SEED}, section 3.4",
            (*_impacts(ORGANISATION_IMPACTS), COMMENTS),
        ),
        Template(
            "framework-awareness",
            "Framework awareness and usefulness",
            "awareness",
            "participants",
            f"{SEED}, section 5.5",
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

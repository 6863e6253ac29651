"""Review and development (seed 004): the five outcomes reviewed for each core concept and
the key questions asked of each."""

from tandem.framework.keys import KeyQuestion, ReviewOutcome

# In seed 004's order.
REVIEW_OUTCOME_TITLES: dict[str, str] = {
    ReviewOutcome.ETHOS: "Creating the ethos",
    ReviewOutcome.ROLES: "Establishing roles",
    ReviewOutcome.SKILLS: "Identifying skills",
    ReviewOutcome.SUPPORT: "Support systems",
    ReviewOutcome.CPD: "Part of continuing professional development",
}
REVIEW_OUTCOME_GUIDANCE: dict[str, str] = {
    ReviewOutcome.ETHOS: "How far the organisation's values and culture make this approach "
    "expected, understood and valued by tutors, trainees and partner schools.",
    ReviewOutcome.ROLES: "Whether everyone involved knows who does what, and how the roles fit "
    "together.",
    ReviewOutcome.SKILLS: "Whether the skills this approach needs have been named, and how "
    "people are helped to gain them.",
    ReviewOutcome.SUPPORT: "The time, training, guidance and quality assurance that keep the "
    "approach working.",
    ReviewOutcome.CPD: "How the approach is built into continuing professional development "
    "rather than standing alone.",
}
KEY_QUESTION_PROMPTS: dict[str, str] = {
    KeyQuestion.CURRENT_PRACTICE: "What do we do now? Describe current practice.",
    KeyQuestion.KNOWLEDGE: "What do tutors and programme leaders know and understand about this?",
    KeyQuestion.LEARNER_IMPACT: "How does our current position affect the quality of the "
    "student teacher's experience?",
    KeyQuestion.EVIDENCE_SUMMARY: "What evidence do we have? For example student and tutor "
    "module feedback, school-based tutor feedback, programme review and evaluation.",
    KeyQuestion.DEVELOPMENT_ACTION: "What action should we take to develop further?",
}

# The review tool speaks the language of the organisation doing the review. Seed 004 was
# written for initial teacher education (tutors, student teachers, partner schools), and
# the constants above keep its wording; schools, trusts and local authorities review their
# early-career and staff mentoring, and other sectors their mentees and coachees.
ITE_SETTING = "ite"
SCHOOL_SETTING = "school"
OTHER_SETTING = "other"
SETTING_BY_ORGANISATION_TYPE: dict[str, str] = {
    "ite-provider": ITE_SETTING,
    "school": SCHOOL_SETTING,
    "academy-trust": SCHOOL_SETTING,
    "local-authority": SCHOOL_SETTING,
    "early-years": SCHOOL_SETTING,
}
_ETHOS = (
    "How far the organisation's values and culture make this approach expected, understood "
    "and valued by {people}."
)
_ETHOS_PEOPLE = {
    ITE_SETTING: "tutors, trainees and partner schools",
    SCHOOL_SETTING: "staff, early-career teachers and their mentors",
    OTHER_SETTING: "staff, the people being mentored or coached, and their mentors and coaches",
}
_KNOWLEDGE = {
    ITE_SETTING: KEY_QUESTION_PROMPTS[KeyQuestion.KNOWLEDGE],
    SCHOOL_SETTING: "What do mentors, coaches and leaders know and understand about this?",
    OTHER_SETTING: "What do mentors, coaches and managers know and understand about this?",
}
_LEARNER_IMPACT = {
    ITE_SETTING: KEY_QUESTION_PROMPTS[KeyQuestion.LEARNER_IMPACT],
    SCHOOL_SETTING: "How does our current position affect the experience of early-career "
    "teachers and other colleagues being mentored or coached?",
    OTHER_SETTING: "How does our current position affect the experience of the people being "
    "mentored or coached?",
}
_EVIDENCE = {
    ITE_SETTING: KEY_QUESTION_PROMPTS[KeyQuestion.EVIDENCE_SUMMARY],
    SCHOOL_SETTING: "What evidence do we have? For example feedback from early-career teachers "
    "and their mentors, check-in surveys, programme review and evaluation.",
    OTHER_SETTING: "What evidence do we have? For example feedback from mentees, coachees and "
    "their mentors or coaches, check-in surveys, programme review and evaluation.",
}
# Who a review lead may add as reviewers, in the same language.
REVIEWER_EXAMPLES = {
    ITE_SETTING: "tutors and other colleagues",
    SCHOOL_SETTING: "mentors, coaches and other colleagues",
    OTHER_SETTING: "mentors, coaches and other colleagues",
}


def review_setting(organisation_type: str) -> str:
    """Which wording an organisation's reviews use: ITE, school or other sectors."""
    return SETTING_BY_ORGANISATION_TYPE.get(organisation_type, OTHER_SETTING)


def outcome_guidance(area: str, organisation_type: str) -> str:
    setting = review_setting(organisation_type)
    if area == ReviewOutcome.ETHOS:
        return _ETHOS.format(people=_ETHOS_PEOPLE[setting])
    return REVIEW_OUTCOME_GUIDANCE[area]


def key_question_prompts(organisation_type: str) -> dict[str, str]:
    """The five key questions, worded for the organisation doing the review."""
    setting = review_setting(organisation_type)
    return {
        **KEY_QUESTION_PROMPTS,
        KeyQuestion.KNOWLEDGE: _KNOWLEDGE[setting],
        KeyQuestion.LEARNER_IMPACT: _LEARNER_IMPACT[setting],
        KeyQuestion.EVIDENCE_SUMMARY: _EVIDENCE[setting],
    }


def reviewer_examples(organisation_type: str) -> str:
    return REVIEWER_EXAMPLES[review_setting(organisation_type)]

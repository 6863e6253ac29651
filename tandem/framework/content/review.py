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

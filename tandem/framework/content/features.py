"""Effective features (seed 002 §4.3-4.4) and challenges (seed 002 §4.2)."""

from tandem.framework.content.base import SEED_NFER, ItemData
from tandem.framework.keys import Challenge, EffectiveFeature, Kind


def _feature(  # noqa: PLR0917 - a compact table row reads best positionally
    key: str, title: str, summary: str, description: str, section: str, views: str
) -> ItemData:
    return ItemData(
        Kind.EFFECTIVE_FEATURE, key, title, summary, description, SEED_NFER, section, views
    )


EFFECTIVE_FEATURES = [
    _feature(
        EffectiveFeature.SUFFICIENT_TIME,
        "Sufficient time",
        "Dedicated, regular time and space for meetings and for change to take hold.",
        "Programmes work better when meetings are timetabled, regular and protected, with "
        "time away from day-to-day duties for both people, and when activities run long "
        "enough for practice to change. Space to meet matters as well as time.",
        "Table 4.2 and section 4.3.1",
        "lmc",
    ),
    _feature(
        EffectiveFeature.TRAINING_AND_SUPPORT,
        "Training and support for mentors and coaches",
        "Trained, supported mentors find the role manageable and get better results.",
        "Formal training plus informal support helps mentors and coaches build the skills the "
        "role needs, keeps relationships healthy, and increases the benefits both they and "
        "their learners gain.",
        "Table 4.2 and section 4.3.2",
        "lm",
    ),
    _feature(
        EffectiveFeature.MONITORING_AND_QUALITY_ASSURANCE,
        "Monitoring and quality assurance",
        "Recording, reviewing and reporting progress so quality improves.",
        "A shared way of recording development, a portfolio of evidence, action plans with "
        "progress reports, and regular review built into the learning agreement all help "
        "schemes stay effective.",
        "Table 4.2 and section 4.3.3",
        "lm",
    ),
    _feature(
        EffectiveFeature.RECRUITMENT_AND_ALLOCATION,
        "Recruitment and allocation",
        "Careful selection and matching, a say for the mentee, and the option to change.",
        "Recruit mentors personally and explain what they gain; select them systematically; "
        "match them thoughtfully; involve mentees in choosing their mentor; and make it "
        "possible to change mentor if a pairing does not work.",
        "Table 4.2 and section 4.3.4",
        "lmc",
    ),
    _feature(
        EffectiveFeature.CLEAR_FOCUS_AND_LEARNING_CONTRACT,
        "Clear focus and a learning contract",
        "Agreed aims, a clear structure and a written learning contract.",
        "Both people know what the relationship is for and how it will run: shared goals and "
        "expectations, a programme structure, clear procedures, a defined mentor role and a "
        "contract setting out boundaries, meeting place, length and duration.",
        "Table 4.2 and section 4.3.5",
        "lmc",
    ),
    _feature(
        EffectiveFeature.CULTURE_AND_STRATEGIC_PLANNING,
        "Organisational culture and strategic CPD planning",
        "Mentoring that fits a learning culture and the organisation's CPD strategy.",
        "Schemes thrive where the organisation values staff learning and collaboration, "
        "places mentoring and coaching within its overall approach to professional "
        "development, trains its leaders in them and offers a framework for doing them well.",
        "Table 4.2 and section 4.3.6",
        "l",
    ),
    _feature(
        EffectiveFeature.CONFIDENTIALITY,
        "Confidentiality",
        "What is said in the relationship stays there, within stated safeguarding limits.",
        "People need to know that their conversations will not be passed on, so they can be "
        "honest about difficulties. The limits, such as safeguarding, are made clear at the "
        "start.",
        "section 4.3.6",
        "lmc",
    ),
    _feature(
        EffectiveFeature.REFLECTIVE_RECIPROCAL_RELATIONSHIP,
        "A reflective, reciprocal relationship",
        "Both people reflect, and learning flows in both directions.",
        "The strongest relationships encourage reflection in mentor and mentee alike, are "
        "open and collaborative, and rest on trust and mutual respect, so that both learn.",
        "Table 4.2 and section 4.4.1",
        "mc",
    ),
    _feature(
        EffectiveFeature.INDEPENDENCE_OF_MENTORS,
        "Independence of mentors",
        "A mentor or coach outside the learner's line of management or even sector.",
        "Someone not involved in managing or assessing the learner can offer a freer space "
        "for reflection; some learners particularly value a coach from a different sector.",
        "Table 4.2 and section 4.4.1",
        "lmc",
    ),
    _feature(
        EffectiveFeature.MENTOR_QUALITIES_AND_SKILLS,
        "Mentor qualities and skills",
        "Knowledgeable, credible practitioners with strong personal and listening skills.",
        "Effective mentors and coaches combine experience and success in their own practice "
        "with qualities such as trustworthiness, empathy and flexibility, and skills in "
        "listening, communication and building relationships.",
        "Table 4.2 and section 4.4.2",
        "lmc",
    ),
    _feature(
        EffectiveFeature.LOCAL_SUPPORT,
        "Local agency and local authority support",
        "Backing from a local authority or agency beyond the single organisation.",
        "Some schemes benefit from support such as training, coordination or guidance "
        "provided by a local authority or other local agency.",
        "section 4.3.6",
        "l",
    ),
]


def _challenge(key: str, title: str, summary: str, description: str, section: str) -> ItemData:
    return ItemData(Kind.CHALLENGE, key, title, summary, description, SEED_NFER, section, "lmc")


CHALLENGES = [
    _challenge(
        Challenge.TIME_AND_WORKLOAD,
        "Time and workload pressures",
        "Too little time to meet, consolidate learning and share it.",
        "The most common obstacle: the role can be hard to fit into a full workload, meeting "
        "guidance can feel unrealistic, and busy staff may decline to take on a supporting "
        "role at all.",
        "Table 4.1 and section 4.2.1",
    ),
    _challenge(
        Challenge.DEMANDS_OF_THE_ROLE,
        "The requirements of the mentor or coach role",
        "Giving good feedback and balancing support with challenge is demanding.",
        "Mentors need confidence to give feedback that helps reflection, to keep support and "
        "challenge in balance, to adapt as the relationship matures, and training to do it.",
        "Table 4.1 and section 4.2.2",
    ),
    _challenge(
        Challenge.UNDERSTANDING_AND_EXPECTATIONS,
        "Understanding and expectations",
        "Unclear purpose, mixed ideas of the role, and the adviser–assessor conflict.",
        "Without a shared understanding, roles blur. Asking the same person to advise and to "
        "assess creates conflicting loyalties, and different professions see the mentor role "
        "differently.",
        "Table 4.1 and section 4.2.3",
    ),
    _challenge(
        Challenge.COMMITMENT,
        "Gaining the commitment of the workforce",
        "Low motivation, reluctant participants, or support that seems unneeded.",
        "Mentors or learners may not be fully committed; people who feel sent by a manager "
        "may resist, reading it as criticism; and some may not see why they need support.",
        "Table 4.1 and section 4.2.4",
    ),
    _challenge(
        Challenge.WORKFORCE_PROFILE,
        "The profile of the workforce",
        "Staff turnover, temporary staff and an unbalanced mix of experience.",
        "High mobility and reliance on temporary staff make lasting relationships hard; an "
        "organisation needs enough experienced people to support newcomers. Gender balance "
        "and cross-cultural pairings can also affect how mentoring works.",
        "Table 4.1 and section 4.2.5",
    ),
    _challenge(
        Challenge.WORKPLACE_CULTURE,
        "Workplace culture",
        "Professional isolation, turbulence, and the pull between formal and informal.",
        "The way schools are organised can leave teachers working alone; unsettled settings "
        "lower morale; and schemes must find the right balance between formal structure and "
        "informal relationships.",
        "Table 4.1 and section 4.2.6",
    ),
]

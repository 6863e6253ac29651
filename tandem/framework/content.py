"""The built-in Framework vocabulary: every item in Tandem's own words, with its source.

Loaded by migration 0002 (and re-loadable with `load_vocabulary`) by kind + key, so keys
here are stable identifiers that other apps store: never rename one, add a new item instead.
`views` says whose "at a glance" page shows the item: l = leaders, m = mentors and
coaches, c = mentees and coachees.
"""

from dataclasses import dataclass, field

SEED_NFER = "002_f442b0822d198990.txt"  # NFER (2008) research review
SEED_PRINCIPLES = "003_9f7f313d67a1f140.txt"  # National Framework: the ten principles
SEED_ITE_REVIEW = "004_0946220b4e3ea6ff.txt"  # ITE review and development


@dataclass(frozen=True)
class ItemData:
    kind: str
    key: str
    title: str
    summary: str
    description: str
    source: str
    section: str
    views: str = "lmc"
    audience: str = ""
    facets: dict[str, str] = field(default_factory=dict)


def _principle(key: str, title: str, summary: str, description: str, views: str) -> ItemData:
    return ItemData(
        "principle", key, title, summary, description, SEED_PRINCIPLES, "Principles", views
    )


PRINCIPLES = [
    _principle(
        "learning-conversation",
        "A learning conversation",
        "Structured talk about real practice that surfaces beliefs so they can be examined.",
        "Sessions are planned professional dialogue grounded in evidence from the learner's "
        "own work. Putting current habits and assumptions into words is what lets both people "
        "look at them critically and decide what to try next.",
        "mc",
    ),
    _principle(
        "thoughtful-relationship",
        "A thoughtful relationship",
        "Trust, respectful attention and care for the feelings deep learning stirs up.",
        "Changing how you work can be unsettling. The relationship is built deliberately so "
        "the learner feels safe: the mentor or coach listens closely, shows respect and takes "
        "the emotional side of professional growth seriously.",
        "mc",
    ),
    _principle(
        "learning-agreement",
        "A learning agreement",
        "Ground rules, agreed and kept, that make the boundaries of the relationship clear.",
        "Both people agree early on how they will work together: confidentiality and its "
        "limits, how often they meet and who is accountable to whom. Keeping to the agreement "
        "gives each person confidence and helps offset differences in status or power.",
        "lmc",
    ),
    _principle(
        "combining-support",
        "Combining support from fellow professional learners and specialists",
        "Peers keep learning going day to day; specialists stretch skills and model practice.",
        "Working alongside colleagues helps people stay committed and connect new ideas to "
        "their everyday work. Drawing in specialist expertise as well adds knowledge the group "
        "does not yet have and shows what good practice looks like.",
        "lmc",
    ),
    _principle(
        "growing-self-direction",
        "Growing self-direction",
        "The learner steadily takes more charge of their own development.",
        "As skills, knowledge and self-awareness grow, the balance shifts: the learner sets "
        "more of the agenda and the mentor or coach steps back. Dependence on the helper "
        "should fall over the life of the relationship.",
        "mc",
    ),
    _principle(
        "challenging-personal-goals",
        "Setting challenging and personal goals",
        "Goals just beyond what the learner can manage alone, serving them and the organisation.",
        "Good goals start from what the learner already knows and can do, then reach for what "
        "they could not yet achieve unaided. They balance the person's own aims with the "
        "priorities of their school or organisation.",
        "lmc",
    ),
    _principle(
        "understanding-why",
        "Understanding why different approaches work",
        "Knowing the theory behind a practice so it can be adapted to new settings.",
        "Copying a technique is not enough. Learners explore the ideas and evidence that "
        "explain why an approach works, which lets them judge how to change it for a "
        "different class, team or context.",
        "mc",
    ),
    _principle(
        "benefits-to-mentors",
        "Acknowledging the benefits to mentors and coaches",
        "Mentors and coaches learn too; that learning is recognised and put to use.",
        "Supporting someone else sharpens the helper's own reflection, knowledge and skills. "
        "Organisations gain when they notice this learning, value it and draw on it rather "
        "than treating mentoring as a one-way cost.",
        "lm",
    ),
    _principle(
        "experimenting-observing",
        "Experimenting and observing",
        "A setting where trying new things is safe and evidence comes from watching practice.",
        "Learners are encouraged to take sensible risks, try out new approaches and gather "
        "first-hand evidence, for example through observation, of what actually happens when "
        "they do.",
        "lmc",
    ),
    _principle(
        "using-resources-effectively",
        "Using resources effectively",
        "Time and other resources are found and used creatively to protect learning.",
        "Learning, action and reflection need protected time and suitable resources every "
        "week, not just at the start. Leaders and participants look for inventive ways to "
        "make that time and keep it.",
        "lmc",
    ),
]

COMPARISON_FACETS = [
    ("purpose", "What it is for"),
    ("who", "Who takes part"),
    ("focus", "Typical focus"),
    ("relationship", "Relationship"),
    ("when", "When organisations use it"),
]

CORE_CONCEPTS = [
    ItemData(
        "core-concept",
        "mentoring",
        "Mentoring",
        "A structured, sustained process that supports people through major career changes.",
        "Mentoring helps a professional learner through a significant transition, such as "
        "starting in the profession, taking a new role or moving into leadership. It is "
        "broader and longer-term than coaching and attends to the whole person as well as "
        "their practice.",
        SEED_ITE_REVIEW,
        "Core concepts; see also 002 §2.2.1",
        facets={
            "purpose": "Support through a significant career transition.",
            "who": "Usually a more experienced colleague and a professional learner.",
            "focus": "Broad: practice, career, wellbeing and professional identity.",
            "relationship": "Often expert–novice; longer term; personal commitment.",
            "when": "Trainees, early-career staff, new leaders and people changing role.",
        },
    ),
    ItemData(
        "core-concept",
        "specialist-coaching",
        "Specialist coaching",
        "A structured, sustained process for developing one specific aspect of practice.",
        "Specialist coaching concentrates on a particular area of a learner's work, such as "
        "questioning or behaviour management, with a coach who has expertise in it. It is "
        "narrower than mentoring and aims at measurable improvement in that area.",
        SEED_ITE_REVIEW,
        "Core concepts; see also 002 §2.2.2",
        facets={
            "purpose": "Develop a specific, agreed aspect of practice.",
            "who": "A coach with expertise in that aspect and a professional learner.",
            "focus": "Narrow: one skill or area of performance at a time.",
            "relationship": "Specialist-led but learner-centred; usually shorter term.",
            "when": "Introducing a new approach or improving a defined area of practice.",
        },
    ),
    ItemData(
        "core-concept",
        "co-coaching",
        "Collaborative (co-) coaching",
        "A structured, sustained process in which peers help each other embed new learning.",
        "Two or more professional learners work together to bring knowledge and skills from "
        "specialist sources, such as a course or research, into their everyday practice. They "
        "take turns to support one another as equals.",
        SEED_ITE_REVIEW,
        "Core concepts",
        facets={
            "purpose": "Embed new knowledge and skills from specialist input in daily work.",
            "who": "Two or more peers, often after shared training.",
            "focus": "Putting a shared new approach into practice.",
            "relationship": "Reciprocal and non-hierarchical; roles alternate.",
            "when": "After professional development, to make new practice stick.",
        },
    ),
]


def _approach(key: str, title: str, summary: str, description: str) -> ItemData:
    return ItemData("approach", key, title, summary, description, SEED_NFER, "§2.2.3", "lm")


APPROACHES = [
    _approach(
        "co-mentoring",
        "Co-mentoring",
        "Two professionals learn from each other as equals.",
        "A mutual arrangement in which neither partner is the expert: both bring experience, "
        "respect each other's views and explore differences together. It suits partnerships "
        "across professions, such as teachers working with creative practitioners.",
    ),
    _approach(
        "coach-mentoring",
        "Coach mentoring",
        "A blend of coaching and mentoring using therapeutic listening techniques.",
        "The coach mentor builds rapport with methods borrowed from helping professions, such "
        "as attentive listening, reflecting back, joint problem solving and empathy, and "
        "moves between coaching and mentoring as the learner needs.",
    ),
    _approach(
        "reciprocal-peer-coaching",
        "Reciprocal peer coaching",
        "Pairs of colleagues take turns to coach each other and try out new methods.",
        "Two teachers meet regularly to talk about how they support pupils' learning, "
        "experiment with teaching methods and swap the roles of coach and coached.",
    ),
    _approach(
        "group-reflective-supervision",
        "Group reflective supervision and work discussion groups",
        "Colleagues enquire into their practice together, often with an external facilitator.",
        "A group of practitioners meets to share concerns and examine cases or incidents from "
        "their work. A facilitator, often from outside the team, helps the group reflect, and "
        "peers learn to consult one another beyond the sessions too.",
    ),
    _approach(
        "clinical-supervision",
        "Clinical supervision",
        "Regular protected time for facilitated, deep reflection on practice.",
        "Common in health and social care: a supervisor gives the practitioner dedicated time "
        "to think about their work and professional judgement, sometimes with advice as well "
        "as reflection.",
    ),
]


def _dimension(key: str, title: str, summary: str, description: str) -> ItemData:
    return ItemData("model-dimension", key, title, summary, description, SEED_NFER, "§2.3", "lm")


MODEL_DIMENSIONS = [
    _dimension(
        "one-to-one-or-group",
        "One-to-one or group",
        "Support for one person at a time, or for a group such as a learning set.",
        "Individual support gives privacy and a tailored focus; group approaches widen the "
        "sharing of practice and build relationships between peers. Groups are more common in "
        "social care than in schools.",
    ),
    _dimension(
        "peer-or-expert-novice",
        "Peer-to-peer or expert–novice",
        "Colleagues of similar standing learning together, or an experienced guide.",
        "Peer arrangements rest on equality and learning in both directions. Expert–novice "
        "arrangements pair an experienced practitioner with someone newer, and almost always "
        "stay within one sector.",
    ),
    _dimension(
        "same-or-cross-sector",
        "Same-sector or cross-sector",
        "Both people from one sector, or from different professions.",
        "Cross-sector pairings are chosen to learn from another profession's experience or "
        "to gain an independent viewpoint; multi-agency work in children's services makes "
        "them increasingly useful.",
    ),
    _dimension(
        "internal-or-external",
        "Internal or external",
        "A mentor or coach from the same organisation, or from outside it.",
        "An internal mentor knows the context; an external one may be unknown to the learner "
        "beforehand and can offer more independence and a safer space to talk openly.",
    ),
]


def _style(key: str, title: str, summary: str, description: str) -> ItemData:
    return ItemData("mentor-style", key, title, summary, description, SEED_NFER, "Table 2.1", "m")


MENTOR_STYLES = [
    _style(
        "apprenticeship",
        "Apprenticeship model",
        "The mentor is the master practitioner whose ways are passed on.",
        "The learner picks up the rules and values of the craft by following an accomplished "
        "practitioner's example.",
    ),
    _style(
        "competence",
        "Competence model",
        "The mentor trains and assesses against standards.",
        "Training is linked to practice and to assessment, so the mentor also acts as assessor "
        "and gatekeeper to the profession, which can sit uneasily with being a confidant.",
    ),
    _style(
        "reflective",
        "Reflective model",
        "The mentor is a critical friend who helps the learner evaluate their own work.",
        "The aim is a reflective practitioner: the mentor helps the learner analyse their "
        "teaching or practice rather than telling them what to do.",
    ),
    _style(
        "model",
        "Mentor as model",
        "The mentor inspires and demonstrates.",
        "The learner sees good practice shown in action and is motivated by it.",
    ),
    _style(
        "acculturator",
        "Mentor as acculturator",
        "The mentor helps a newcomer settle into a professional culture.",
        "The focus is on learning the unwritten norms and expectations of a particular "
        "profession or workplace.",
    ),
    _style(
        "sponsor",
        "Mentor as sponsor",
        "The mentor opens doors and makes introductions.",
        "The mentor manages the process and uses more directive styles, connecting the learner "
        "with the right people; power is not shared equally.",
    ),
    _style(
        "provider-of-support",
        "Mentor as provider of support",
        "The mentor offers a safe place to let off steam.",
        "Emotional support comes first: the learner can voice frustrations and worries "
        "without judgement.",
    ),
    _style(
        "educator",
        "Mentor as educator",
        "The mentor listens, coaches and arranges learning opportunities.",
        "The mentor creates suitable chances for the learner to develop and supports them "
        "through those experiences.",
    ),
    _style(
        "development",
        "Development model",
        "Non-directive counselling and facilitation for personal and professional change.",
        "Formal and informal contact are balanced, and change comes through the learner's own "
        "reflection rather than instruction.",
    ),
]


def _feature(  # noqa: PLR0917 - a compact table row reads best positionally
    key: str, title: str, summary: str, description: str, section: str, views: str
) -> ItemData:
    return ItemData(
        "effective-feature", key, title, summary, description, SEED_NFER, section, views
    )


EFFECTIVE_FEATURES = [
    _feature(
        "sufficient-time",
        "Sufficient time",
        "Dedicated, regular time and space for meetings and for change to take hold.",
        "Programmes work better when meetings are timetabled, regular and protected, with "
        "time away from day-to-day duties for both people, and when activities run long "
        "enough for practice to change. Space to meet matters as well as time.",
        "Table 4.2; §4.3.1",
        "lmc",
    ),
    _feature(
        "training-and-support",
        "Training and support for mentors and coaches",
        "Trained, supported mentors find the role manageable and get better results.",
        "Formal training plus informal support helps mentors and coaches build the skills the "
        "role needs, keeps relationships healthy, and increases the benefits both they and "
        "their learners gain.",
        "Table 4.2; §4.3.2",
        "lm",
    ),
    _feature(
        "monitoring-and-quality-assurance",
        "Monitoring and quality assurance",
        "Recording, reviewing and reporting progress so quality improves.",
        "A shared way of recording development, a portfolio of evidence, action plans with "
        "progress reports, and regular review built into the learning agreement all help "
        "schemes stay effective.",
        "Table 4.2; §4.3.3",
        "lm",
    ),
    _feature(
        "recruitment-and-allocation",
        "Recruitment and allocation",
        "Careful selection and matching, a say for the mentee, and the option to change.",
        "Recruit mentors personally and explain what they gain; select them systematically; "
        "match them thoughtfully; involve mentees in choosing their mentor; and make it "
        "possible to change mentor if a pairing does not work.",
        "Table 4.2; §4.3.4",
        "lmc",
    ),
    _feature(
        "clear-focus-and-learning-contract",
        "Clear focus and a learning contract",
        "Agreed aims, a clear structure and a written learning contract.",
        "Both people know what the relationship is for and how it will run: shared goals and "
        "expectations, a programme structure, clear procedures, a defined mentor role and a "
        "contract setting out boundaries, meeting place, length and duration.",
        "Table 4.2; §4.3.5",
        "lmc",
    ),
    _feature(
        "culture-and-strategic-planning",
        "Organisational culture and strategic CPD planning",
        "Mentoring that fits a learning culture and the organisation's CPD strategy.",
        "Schemes thrive where the organisation values staff learning and collaboration, "
        "places mentoring and coaching within its overall approach to professional "
        "development, trains its leaders in them and offers a framework for doing them well.",
        "Table 4.2; §4.3.6",
        "l",
    ),
    _feature(
        "confidentiality",
        "Confidentiality",
        "What is said in the relationship stays there, within stated safeguarding limits.",
        "People need to know that their conversations will not be passed on, so they can be "
        "honest about difficulties. The limits, such as safeguarding, are made clear at the "
        "start.",
        "§4.3.6",
        "lmc",
    ),
    _feature(
        "reflective-reciprocal-relationship",
        "A reflective, reciprocal relationship",
        "Both people reflect, and learning flows in both directions.",
        "The strongest relationships encourage reflection in mentor and mentee alike, are "
        "open and collaborative, and rest on trust and mutual respect, so that both learn.",
        "Table 4.2; §4.4.1",
        "mc",
    ),
    _feature(
        "independence-of-mentors",
        "Independence of mentors",
        "A mentor or coach outside the learner's line of management or even sector.",
        "Someone not involved in managing or assessing the learner can offer a freer space "
        "for reflection; some learners particularly value a coach from a different sector.",
        "Table 4.2; §4.4.1",
        "lmc",
    ),
    _feature(
        "mentor-qualities-and-skills",
        "Mentor qualities and skills",
        "Knowledgeable, credible practitioners with strong personal and listening skills.",
        "Effective mentors and coaches combine experience and success in their own practice "
        "with qualities such as trustworthiness, empathy and flexibility, and skills in "
        "listening, communication and building relationships.",
        "Table 4.2; §4.4.2",
        "lmc",
    ),
    _feature(
        "local-support",
        "Local agency and local authority support",
        "Backing from a local authority or agency beyond the single organisation.",
        "Some schemes benefit from support such as training, coordination or guidance "
        "provided by a local authority or other local agency.",
        "§4.3.6",
        "l",
    ),
]


def _challenge(key: str, title: str, summary: str, description: str, section: str) -> ItemData:
    return ItemData("challenge", key, title, summary, description, SEED_NFER, section, "lmc")


CHALLENGES = [
    _challenge(
        "time-and-workload",
        "Time and workload pressures",
        "Too little time to meet, consolidate learning and share it.",
        "The most common obstacle: the role can be hard to fit into a full workload, meeting "
        "guidance can feel unrealistic, and busy staff may decline to take on a supporting "
        "role at all.",
        "Table 4.1; §4.2.1",
    ),
    _challenge(
        "demands-of-the-role",
        "The requirements of the mentor or coach role",
        "Giving good feedback and balancing support with challenge is demanding.",
        "Mentors need confidence to give feedback that helps reflection, to keep support and "
        "challenge in balance, to adapt as the relationship matures, and training to do it.",
        "Table 4.1; §4.2.2",
    ),
    _challenge(
        "understanding-and-expectations",
        "Understanding and expectations",
        "Unclear purpose, mixed ideas of the role, and the adviser–assessor conflict.",
        "Without a shared understanding, roles blur. Asking the same person to advise and to "
        "assess creates conflicting loyalties, and different professions see the mentor role "
        "differently.",
        "Table 4.1; §4.2.3",
    ),
    _challenge(
        "commitment",
        "Gaining the commitment of the workforce",
        "Low motivation, reluctant participants, or support that seems unneeded.",
        "Mentors or learners may not be fully committed; people who feel sent by a manager "
        "may resist, reading it as criticism; and some may not see why they need support.",
        "Table 4.1; §4.2.4",
    ),
    _challenge(
        "workforce-profile",
        "The profile of the workforce",
        "Staff turnover, temporary staff and an unbalanced mix of experience.",
        "High mobility and reliance on temporary staff make lasting relationships hard; an "
        "organisation needs enough experienced people to support newcomers. Gender balance "
        "and cross-cultural pairings can also affect how mentoring works.",
        "Table 4.1; §4.2.5",
    ),
    _challenge(
        "workplace-culture",
        "Workplace culture",
        "Professional isolation, turbulence, and the pull between formal and informal.",
        "The way schools are organised can leave teachers working alone; unsettled settings "
        "lower morale; and schemes must find the right balance between formal structure and "
        "informal relationships.",
        "Table 4.1; §4.2.6",
    ),
]


def _impact(  # noqa: PLR0917 - a compact table row reads best positionally
    audience: str, key: str, title: str, summary: str, description: str, section: str
) -> ItemData:
    views = {"mentee": "lc", "mentor": "lm", "organisation": "l", "young-people": "lmc"}
    return ItemData(
        "impact",
        key,
        title,
        summary,
        description,
        SEED_NFER,
        section,
        views[audience],
        audience,
    )


IMPACTS = [
    # For mentees and coachees (§3.2), most frequently reported first.
    _impact(
        "mentee",
        "mentee-reflectivity",
        "More reflective, clearer thinking",
        "Time to think leads to considered rather than hasty decisions.",
        "Learners get space to reflect on their role and practice and report thinking more "
        "clearly and seeing their work in new ways.",
        "§3.2",
    ),
    _impact(
        "mentee",
        "mentee-wellbeing-confidence",
        "Wellbeing and confidence",
        "Less stress and isolation, more confidence in a new role.",
        "Learners feel less alone, less anxious about admitting weaknesses and more confident "
        "in their professional identity.",
        "§3.2",
    ),
    _impact(
        "mentee",
        "mentee-problem-solving",
        "Better problem solving",
        "Sharper analysis, better decisions and sometimes more creativity.",
        "Learners handle difficult and sensitive situations better and find their own "
        "solutions, sometimes with new ideas and innovation.",
        "§3.2",
    ),
    _impact(
        "mentee",
        "mentee-knowledge-skills",
        "Knowledge, skills and changed practice",
        "New practitioner skills that show in what the learner does.",
        "Examples range from classroom management to leadership skills; where support is "
        "long term, learners' everyday practice changes.",
        "§3.2",
    ),
    _impact(
        "mentee",
        "mentee-sharing-practice",
        "Sharing practice",
        "Learners contribute more to colleagues and the wider organisation.",
        "Learners pass on what they learn, and some go on to coach others; group approaches "
        "make this spread further.",
        "§3.2",
    ),
    _impact(
        "mentee",
        "mentee-communication",
        "Communication and relationships",
        "Better relationships with colleagues, teams and the people they serve.",
        "Learners communicate more effectively and build stronger working relationships, "
        "for example leaders empowering their staff.",
        "§3.2",
    ),
    _impact(
        "mentee",
        "mentee-professional-development",
        "A positive attitude to professional development",
        "More commitment to learning and to career progression.",
        "Learners recognise their own development needs, commit to further learning and "
        "sometimes move into new roles.",
        "§3.2",
    ),
    _impact(
        "mentee",
        "mentee-self-management",
        "Self-management and self-directed learning",
        "Planning, self-set deadlines and a sense of inner accountability.",
        "Learners become better at managing themselves and their own learning, and more "
        "aware of their strengths.",
        "§3.2",
    ),
    # For mentors and coaches (§3.3).
    _impact(
        "mentor",
        "mentor-knowledge-skills",
        "Knowledge and skills",
        "Coaching skills and fresh knowledge of practice.",
        "Mentors and coaches build their own coaching, management and subject knowledge by "
        "supporting someone else.",
        "§3.3",
    ),
    _impact(
        "mentor",
        "mentor-wellbeing-confidence",
        "Wellbeing and confidence",
        "Satisfaction, self-esteem and morale from doing the role.",
        "Mentors report satisfaction and better morale, and some feel less isolated through "
        "meeting others.",
        "§3.3",
    ),
    _impact(
        "mentor",
        "mentor-reflectivity",
        "More reflection on their own practice",
        "Supporting others prompts mentors to look hard at their own work.",
        "Mentoring is a strong trigger for reflection; mentors of trainee teachers report it "
        "almost universally.",
        "§3.3",
    ),
    _impact(
        "mentor",
        "mentor-professional-development",
        "Professional and career development",
        "More willing to develop, and more aware of others' development needs.",
        "The role enriches mentors' own development and their understanding of what "
        "colleagues need.",
        "§3.3",
    ),
    _impact(
        "mentor",
        "mentor-problem-solving",
        "Better problem solving",
        "Working through others' problems builds mentors' own skills.",
        "Mentors of headteachers in particular report sharper problem solving.",
        "§3.3",
    ),
    _impact(
        "mentor",
        "mentor-sharing-practice",
        "Sharing practice",
        "A chance to pass on experience and refine their own practice.",
        "Mentors welcome the opportunity to share what they know with newer colleagues and "
        "learn in the process.",
        "§3.3",
    ),
    # For organisations (§3.4): seven cultures, then the other six categories.
    _impact(
        "organisation",
        "culture-research-learning",
        "A research and learning culture",
        "Enquiry and learning become part of how the organisation works.",
        "Mentoring trainees, work-based learning and a whole-setting approach to learning "
        "build a culture where staff investigate and learn continually.",
        "§3.4, Diagram 3",
    ),
    _impact(
        "organisation",
        "culture-reflective",
        "A reflective culture",
        "Reflection spreads beyond individual pairs.",
        "Cross-sector schemes and coached leaders in particular bring reflective habits into "
        "the organisation's wider ways of working.",
        "§3.4, Diagram 3",
    ),
    _impact(
        "organisation",
        "culture-collaborative",
        "A collaborative culture",
        "More teamwork, peer consultation and sense of community.",
        "Staff work together more, consult each other and feel part of a community.",
        "§3.4, Diagram 3",
    ),
    _impact(
        "organisation",
        "culture-professionalism",
        "Professionalism and recognition",
        "Professional and career development is valued and recognised.",
        "Particularly in schools, mentoring and coaching signal that long-term professional "
        "growth matters and is recognised.",
        "§3.4, Diagram 3",
    ),
    _impact(
        "organisation",
        "culture-aspiration",
        "High aspirations and vitality",
        "Energy and ambition, notably when supporting trainees or under-represented groups.",
        "Working with particular groups, such as trainee teachers or aspiring leaders from "
        "minority backgrounds, raises the organisation's sense of ambition.",
        "§3.4, Diagram 3",
    ),
    _impact(
        "organisation",
        "culture-pastoral",
        "A pastoral culture",
        "More care for the wellbeing of staff and pupils.",
        "Schools report a stronger pastoral ethos for staff and for pupils.",
        "§3.4, Diagram 3",
    ),
    _impact(
        "organisation",
        "culture-coaching-mentoring",
        "A coaching and mentoring culture",
        "Coaching and mentoring become the normal way of working.",
        "Arguably the umbrella for the other cultures: mentoring and coaching become part of "
        "how the organisation develops everyone.",
        "§3.4, Diagram 3",
    ),
    _impact(
        "organisation",
        "organisation-leadership",
        "Leadership",
        "Stronger leadership, succession planning and support through change.",
        "Leaders gain new skills, management structures improve, and teams are supported "
        "through change and succession.",
        "§3.4",
    ),
    _impact(
        "organisation",
        "organisation-professional-development",
        "Professional and career development",
        "More development opportunities and home-grown mentoring programmes.",
        "Organisations offer more training, shadowing and secondments, grow future leaders "
        "and start their own mentoring or coaching schemes.",
        "§3.4",
    ),
    _impact(
        "organisation",
        "organisation-external-links",
        "External links",
        "Stronger ties with universities, other sectors, parents and partners.",
        "Ideas travel between organisations and sectors, and links with universities, "
        "partner agencies and families strengthen.",
        "§3.4",
    ),
    _impact(
        "organisation",
        "organisation-shared-knowledge",
        "Knowledge and skills shared within the organisation",
        "Leaders and staff stay up to date as learning is passed on.",
        "What people learn is fed back to colleagues, so leaders keep in touch with current "
        "practice.",
        "§3.4",
    ),
    _impact(
        "organisation",
        "organisation-recruitment-retention",
        "Recruitment and retention",
        "Fewer people leave or go off sick; recruitment improves.",
        "Reported mainly in social care: systematic support reduces drop-out and absence and "
        "helps attract new staff, a finding that may matter for schools too.",
        "§3.4",
    ),
    _impact(
        "organisation",
        "organisation-policies-systems",
        "Policies, systems and processes",
        "Better planning, assessment and record-keeping.",
        "Settings report improvements in how they plan, assess and keep records.",
        "§3.4",
    ),
    # For young people (§3.5): rarely evidenced directly; mostly reported by teachers.
    _impact(
        "young-people",
        "young-people-learning",
        "Enhanced pupil learning",
        "Teachers and mentors believe their gains pass on to pupils.",
        "Direct evidence is rare, but teachers in mentoring schemes rate better pupil learning "
        "as the strongest effect they perceive.",
        "§3.5",
    ),
    _impact(
        "young-people",
        "young-people-curriculum",
        "New or changed curricula",
        "More creative and reflective learning in the classroom.",
        "Teachers who co-mentor with artists and other creative professionals report "
        "reworked curricula in which pupils learn more creatively and reflectively.",
        "§3.5",
    ),
    _impact(
        "young-people",
        "young-people-culture",
        "A learning culture that reaches pupils over time",
        "A lasting mentoring culture is expected to benefit young people gradually.",
        "Effects are indirect and slow: as staff learning and school improvement build up, "
        "pupils are expected to gain, including through peer mentoring among young people.",
        "§3.5",
    ),
]


def _quality(key: str, title: str, summary: str, description: str) -> ItemData:
    return ItemData("mentor-quality", key, title, summary, description, SEED_NFER, "§4.4.2", "lmc")


MENTOR_QUALITIES = [
    _quality(
        "supportive",
        "Supportive",
        "Gives practical and emotional support and helps solve problems.",
        "Learners across professions rank support among the most important parts of the role.",
    ),
    _quality(
        "knowledgeable-experienced",
        "Knowledgeable and experienced",
        "A credible, successful practitioner in their own right.",
        "The most often cited requirement: mentors know the work well and can prioritise the "
        "relationship.",
    ),
    _quality(
        "trustworthy-respectful",
        "Trustworthy and respectful",
        "Creates a trusting, empowering space built on mutual respect.",
        "Trust and respect are the foundation of every good mentoring relationship.",
    ),
    _quality(
        "listening",
        "Listening skills",
        "Listens actively and attentively.",
        "Careful listening is one of the core skills of coaching and mentoring.",
    ),
    _quality(
        "approachable",
        "Friendly and approachable",
        "Open, warm and easy to talk to; gives constructive feedback.",
        "An informal, friendly manner makes it easier for learners to ask for help.",
    ),
    _quality(
        "flexible",
        "Flexible",
        "Moves between coaching and mentoring as the situation needs.",
        "A good mentor coaches when that helps, and a good coach mentors when that helps.",
    ),
    _quality(
        "empathetic",
        "Empathetic",
        "Understands the learner's position without judging.",
        "Learners value a non-judgemental space to talk about hard issues.",
    ),
    _quality(
        "communication-interpersonal",
        "Communication and interpersonal skills",
        "Communicates clearly and connects learners with people and resources.",
        "Good interpersonal skills let mentors broker useful contacts as well as talk well.",
    ),
    _quality(
        "self-aware",
        "Self-aware and committed to their own learning",
        "Keeps learning, which makes the relationship two-way.",
        "A mentor's commitment to their own development is among the most important "
        "competences and keeps learning flowing both ways.",
    ),
    _quality(
        "accessible",
        "Accessible",
        "Readily available and easy to contact.",
        "Learners need to be able to reach their mentor when it matters.",
    ),
    _quality(
        "enthusiastic",
        "Enthusiastic",
        "Shows enthusiasm for the learner's ideas and for the work.",
        "Enthusiasm and the ability to inspire keep learners motivated.",
    ),
]

ALL_ITEMS: list[ItemData] = [
    *PRINCIPLES,
    *CORE_CONCEPTS,
    *APPROACHES,
    *MODEL_DIMENSIONS,
    *MENTOR_STYLES,
    *EFFECTIVE_FEATURES,
    *CHALLENGES,
    *IMPACTS,
    *MENTOR_QUALITIES,
]

# Cross-links between items: (kind, key) pairs, shown both ways.
LINKS: list[tuple[tuple[str, str], tuple[str, str]]] = [
    (
        ("principle", "learning-agreement"),
        ("effective-feature", "clear-focus-and-learning-contract"),
    ),
    (("principle", "learning-agreement"), ("effective-feature", "confidentiality")),
    (("principle", "learning-agreement"), ("challenge", "understanding-and-expectations")),
    (
        ("principle", "learning-conversation"),
        ("effective-feature", "reflective-reciprocal-relationship"),
    ),
    (("principle", "learning-conversation"), ("impact", "mentee-reflectivity")),
    (("principle", "thoughtful-relationship"), ("mentor-quality", "trustworthy-respectful")),
    (("principle", "thoughtful-relationship"), ("mentor-quality", "empathetic")),
    (
        ("principle", "thoughtful-relationship"),
        ("effective-feature", "reflective-reciprocal-relationship"),
    ),
    (("principle", "combining-support"), ("core-concept", "co-coaching")),
    (("principle", "combining-support"), ("core-concept", "specialist-coaching")),
    (("principle", "combining-support"), ("model-dimension", "peer-or-expert-novice")),
    (("principle", "growing-self-direction"), ("impact", "mentee-self-management")),
    (
        ("principle", "challenging-personal-goals"),
        ("effective-feature", "clear-focus-and-learning-contract"),
    ),
    (("principle", "understanding-why"), ("impact", "mentee-knowledge-skills")),
    (("principle", "benefits-to-mentors"), ("impact", "mentor-knowledge-skills")),
    (("principle", "benefits-to-mentors"), ("impact", "mentor-reflectivity")),
    (("principle", "benefits-to-mentors"), ("effective-feature", "recruitment-and-allocation")),
    (("principle", "experimenting-observing"), ("impact", "culture-research-learning")),
    (("principle", "using-resources-effectively"), ("effective-feature", "sufficient-time")),
    (("principle", "using-resources-effectively"), ("challenge", "time-and-workload")),
    (("effective-feature", "sufficient-time"), ("challenge", "time-and-workload")),
    (("effective-feature", "training-and-support"), ("challenge", "demands-of-the-role")),
    (
        ("effective-feature", "training-and-support"),
        ("effective-feature", "mentor-qualities-and-skills"),
    ),
    (
        ("effective-feature", "clear-focus-and-learning-contract"),
        ("challenge", "understanding-and-expectations"),
    ),
    (
        ("effective-feature", "independence-of-mentors"),
        ("challenge", "understanding-and-expectations"),
    ),
    (("effective-feature", "independence-of-mentors"), ("model-dimension", "internal-or-external")),
    (("effective-feature", "independence-of-mentors"), ("model-dimension", "same-or-cross-sector")),
    (("effective-feature", "culture-and-strategic-planning"), ("challenge", "workplace-culture")),
    (
        ("effective-feature", "culture-and-strategic-planning"),
        ("impact", "culture-coaching-mentoring"),
    ),
    (("effective-feature", "recruitment-and-allocation"), ("challenge", "commitment")),
    (("effective-feature", "recruitment-and-allocation"), ("challenge", "workforce-profile")),
    (
        ("effective-feature", "monitoring-and-quality-assurance"),
        ("impact", "organisation-policies-systems"),
    ),
    (("effective-feature", "reflective-reciprocal-relationship"), ("mentor-style", "reflective")),
    (("effective-feature", "reflective-reciprocal-relationship"), ("approach", "co-mentoring")),
    (("effective-feature", "mentor-qualities-and-skills"), ("mentor-quality", "listening")),
    (
        ("effective-feature", "mentor-qualities-and-skills"),
        ("mentor-quality", "knowledgeable-experienced"),
    ),
    (("challenge", "understanding-and-expectations"), ("mentor-style", "competence")),
    (("challenge", "workplace-culture"), ("impact", "culture-collaborative")),
    (("core-concept", "mentoring"), ("approach", "coach-mentoring")),
    (("core-concept", "mentoring"), ("approach", "co-mentoring")),
    (("core-concept", "co-coaching"), ("approach", "reciprocal-peer-coaching")),
    (("core-concept", "specialist-coaching"), ("approach", "clinical-supervision")),
    (("approach", "group-reflective-supervision"), ("model-dimension", "one-to-one-or-group")),
]

# Review and development (seed 004): the five outcomes reviewed for each core concept and the
# key questions asked of each. The stored keys are the ReviewOutcome.Area and field names.
REVIEW_OUTCOME_GUIDANCE = {
    "ethos": "How far the organisation's values and culture make this approach expected, "
    "understood and valued by tutors, trainees and partner schools.",
    "roles": "Whether everyone involved knows who does what, and how the roles fit together.",
    "skills": "Whether the skills this approach needs have been named, and how people are "
    "helped to gain them.",
    "support": "The time, training, guidance and quality assurance that keep the approach working.",
    "cpd": "How the approach is built into continuing professional development rather than "
    "standing alone.",
}
KEY_QUESTION_PROMPTS = {
    "current_practice": "What do we do now? Describe current practice.",
    "knowledge": "What do tutors and programme leaders know and understand about this?",
    "learner_impact": "How does our current position affect the quality of the student "
    "teacher's experience?",
    "evidence_summary": "What evidence do we have? For example student and tutor module "
    "feedback, school-based tutor feedback, programme review and evaluation.",
    "development_action": "What action should we take to develop further?",
}

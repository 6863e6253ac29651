"""Impacts for mentees, mentors, organisations and young people (seed 002 §3)."""

from tandem.framework.content.base import SEED_NFER, ItemData
from tandem.framework.keys import Impact, ImpactAudience, Kind


def _impact(  # noqa: PLR0917 - a compact table row reads best positionally
    audience: str, key: str, title: str, summary: str, description: str, section: str
) -> ItemData:
    views: dict[str, str] = {
        ImpactAudience.MENTEE: "lc",
        ImpactAudience.MENTOR: "lm",
        ImpactAudience.ORGANISATION: "l",
        ImpactAudience.YOUNG_PEOPLE: "lmc",
    }
    return ItemData(
        Kind.IMPACT,
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
        ImpactAudience.MENTEE,
        Impact.MENTEE_REFLECTIVITY,
        "More reflective, clearer thinking",
        "Time to think leads to considered rather than hasty decisions.",
        "Learners get space to reflect on their role and practice and report thinking more "
        "clearly and seeing their work in new ways.",
        "section 3.2",
    ),
    _impact(
        ImpactAudience.MENTEE,
        Impact.MENTEE_WELLBEING_CONFIDENCE,
        "Wellbeing and confidence",
        "Less stress and isolation, more confidence in a new role.",
        "Learners feel less alone, less anxious about admitting weaknesses and more confident "
        "in their professional identity.",
        "section 3.2",
    ),
    _impact(
        ImpactAudience.MENTEE,
        Impact.MENTEE_PROBLEM_SOLVING,
        "Better problem solving",
        "Sharper analysis, better decisions and sometimes more creativity.",
        "Learners handle difficult and sensitive situations better and find their own "
        "solutions, sometimes with new ideas and innovation.",
        "section 3.2",
    ),
    _impact(
        ImpactAudience.MENTEE,
        Impact.MENTEE_KNOWLEDGE_SKILLS,
        "Knowledge, skills and changed practice",
        "New practitioner skills that show in what the learner does.",
        "Examples range from classroom management to leadership skills; where support is "
        "long term, learners' everyday practice changes.",
        "section 3.2",
    ),
    _impact(
        ImpactAudience.MENTEE,
        Impact.MENTEE_SHARING_PRACTICE,
        "Sharing practice",
        "Learners contribute more to colleagues and the wider organisation.",
        "Learners pass on what they learn, and some go on to coach others; group approaches "
        "make this spread further.",
        "section 3.2",
    ),
    _impact(
        ImpactAudience.MENTEE,
        Impact.MENTEE_COMMUNICATION,
        "Communication and relationships",
        "Better relationships with colleagues, teams and the people they serve.",
        "Learners communicate more effectively and build stronger working relationships, "
        "for example leaders empowering their staff.",
        "section 3.2",
    ),
    _impact(
        ImpactAudience.MENTEE,
        Impact.MENTEE_PROFESSIONAL_DEVELOPMENT,
        "A positive attitude to professional development",
        "More commitment to learning and to career progression.",
        "Learners recognise their own development needs, commit to further learning and "
        "sometimes move into new roles.",
        "section 3.2",
    ),
    _impact(
        ImpactAudience.MENTEE,
        Impact.MENTEE_SELF_MANAGEMENT,
        "Self-management and self-directed learning",
        "Planning, self-set deadlines and a sense of inner accountability.",
        "Learners become better at managing themselves and their own learning, and more "
        "aware of their strengths.",
        "section 3.2",
    ),
    # For mentors and coaches (§3.3).
    _impact(
        ImpactAudience.MENTOR,
        Impact.MENTOR_KNOWLEDGE_SKILLS,
        "Knowledge and skills",
        "Coaching skills and fresh knowledge of practice.",
        "Mentors and coaches build their own coaching, management and subject knowledge by "
        "supporting someone else.",
        "section 3.3",
    ),
    _impact(
        ImpactAudience.MENTOR,
        Impact.MENTOR_WELLBEING_CONFIDENCE,
        "Wellbeing and confidence",
        "Satisfaction, self-esteem and morale from doing the role.",
        "Mentors report satisfaction and better morale, and some feel less isolated through "
        "meeting others.",
        "section 3.3",
    ),
    _impact(
        ImpactAudience.MENTOR,
        Impact.MENTOR_REFLECTIVITY,
        "More reflection on their own practice",
        "Supporting others prompts mentors to look hard at their own work.",
        "Mentoring is a strong trigger for reflection; mentors of trainee teachers report it "
        "almost universally.",
        "section 3.3",
    ),
    _impact(
        ImpactAudience.MENTOR,
        Impact.MENTOR_PROFESSIONAL_DEVELOPMENT,
        "Professional and career development",
        "More willing to develop, and more aware of others' development needs.",
        "The role enriches mentors' own development and their understanding of what "
        "colleagues need.",
        "section 3.3",
    ),
    _impact(
        ImpactAudience.MENTOR,
        Impact.MENTOR_PROBLEM_SOLVING,
        "Better problem solving",
        "Working through others' problems builds mentors' own skills.",
        "Mentors of headteachers in particular report sharper problem solving.",
        "section 3.3",
    ),
    _impact(
        ImpactAudience.MENTOR,
        Impact.MENTOR_SHARING_PRACTICE,
        "Sharing practice",
        "A chance to pass on experience and refine their own practice.",
        "Mentors welcome the opportunity to share what they know with newer colleagues and "
        "learn in the process.",
        "section 3.3",
    ),
    # For organisations (§3.4): seven cultures, then the other six categories.
    _impact(
        ImpactAudience.ORGANISATION,
        Impact.CULTURE_RESEARCH_LEARNING,
        "A research and learning culture",
        "Enquiry and learning become part of how the organisation works.",
        "Mentoring trainees, work-based learning and a whole-setting approach to learning "
        "build a culture where staff investigate and learn continually.",
        "section 3.4, Diagram 3",
    ),
    _impact(
        ImpactAudience.ORGANISATION,
        Impact.CULTURE_REFLECTIVE,
        "A reflective culture",
        "Reflection spreads beyond individual pairs.",
        "Cross-sector schemes and coached leaders in particular bring reflective habits into "
        "the organisation's wider ways of working.",
        "section 3.4, Diagram 3",
    ),
    _impact(
        ImpactAudience.ORGANISATION,
        Impact.CULTURE_COLLABORATIVE,
        "A collaborative culture",
        "More teamwork, peer consultation and sense of community.",
        "Staff work together more, consult each other and feel part of a community.",
        "section 3.4, Diagram 3",
    ),
    _impact(
        ImpactAudience.ORGANISATION,
        Impact.CULTURE_PROFESSIONALISM,
        "Professionalism and recognition",
        "Professional and career development is valued and recognised.",
        "Particularly in schools, mentoring and coaching signal that long-term professional "
        "growth matters and is recognised.",
        "section 3.4, Diagram 3",
    ),
    _impact(
        ImpactAudience.ORGANISATION,
        Impact.CULTURE_ASPIRATION,
        "High aspirations and vitality",
        "Energy and ambition, notably when supporting trainees or under-represented groups.",
        "Working with particular groups, such as trainee teachers or aspiring leaders from "
        "minority backgrounds, raises the organisation's sense of ambition.",
        "section 3.4, Diagram 3",
    ),
    _impact(
        ImpactAudience.ORGANISATION,
        Impact.CULTURE_PASTORAL,
        "A pastoral culture",
        "More care for the wellbeing of staff and pupils.",
        "Schools report a stronger pastoral ethos for staff and for pupils.",
        "section 3.4, Diagram 3",
    ),
    _impact(
        ImpactAudience.ORGANISATION,
        Impact.CULTURE_COACHING_MENTORING,
        "A coaching and mentoring culture",
        "Coaching and mentoring become the normal way of working.",
        "Arguably the umbrella for the other cultures: mentoring and coaching become part of "
        "how the organisation develops everyone.",
        "section 3.4, Diagram 3",
    ),
    _impact(
        ImpactAudience.ORGANISATION,
        Impact.ORGANISATION_LEADERSHIP,
        "Leadership",
        "Stronger leadership, succession planning and support through change.",
        "Leaders gain new skills, management structures improve, and teams are supported "
        "through change and succession.",
        "section 3.4",
    ),
    _impact(
        ImpactAudience.ORGANISATION,
        Impact.ORGANISATION_PROFESSIONAL_DEVELOPMENT,
        "Professional and career development",
        "More development opportunities and home-grown mentoring programmes.",
        "Organisations offer more training, shadowing and secondments, grow future leaders "
        "and start their own mentoring or coaching schemes.",
        "section 3.4",
    ),
    _impact(
        ImpactAudience.ORGANISATION,
        Impact.ORGANISATION_EXTERNAL_LINKS,
        "External links",
        "Stronger ties with universities, other sectors, parents and partners.",
        "Ideas travel between organisations and sectors, and links with universities, "
        "partner agencies and families strengthen.",
        "section 3.4",
    ),
    _impact(
        ImpactAudience.ORGANISATION,
        Impact.ORGANISATION_SHARED_KNOWLEDGE,
        "Knowledge and skills shared within the organisation",
        "Leaders and staff stay up to date as learning is passed on.",
        "What people learn is fed back to colleagues, so leaders keep in touch with current "
        "practice.",
        "section 3.4",
    ),
    _impact(
        ImpactAudience.ORGANISATION,
        Impact.ORGANISATION_RECRUITMENT_RETENTION,
        "Recruitment and retention",
        "Fewer people leave or go off sick; recruitment improves.",
        "Reported mainly in social care: systematic support reduces drop-out and absence and "
        "helps attract new staff, a finding that may matter for schools too.",
        "section 3.4",
    ),
    _impact(
        ImpactAudience.ORGANISATION,
        Impact.ORGANISATION_POLICIES_SYSTEMS,
        "Policies, systems and processes",
        "Better planning, assessment and record-keeping.",
        "Settings report improvements in how they plan, assess and keep records.",
        "section 3.4",
    ),
    # For young people (§3.5): rarely evidenced directly; mostly reported by teachers.
    _impact(
        ImpactAudience.YOUNG_PEOPLE,
        Impact.YOUNG_PEOPLE_LEARNING,
        "Enhanced pupil learning",
        "Teachers and mentors believe their gains pass on to pupils.",
        "Direct evidence is rare, but teachers in mentoring schemes rate better pupil learning "
        "as the strongest effect they perceive.",
        "section 3.5",
    ),
    _impact(
        ImpactAudience.YOUNG_PEOPLE,
        Impact.YOUNG_PEOPLE_CURRICULUM,
        "New or changed curricula",
        "More creative and reflective learning in the classroom.",
        "Teachers who co-mentor with artists and other creative professionals report "
        "reworked curricula in which pupils learn more creatively and reflectively.",
        "section 3.5",
    ),
    _impact(
        ImpactAudience.YOUNG_PEOPLE,
        Impact.YOUNG_PEOPLE_CULTURE,
        "A learning culture that reaches pupils over time",
        "A lasting mentoring culture is expected to benefit young people gradually.",
        "Effects are indirect and slow: as staff learning and school improvement build up, "
        "pupils are expected to gain, including through peer mentoring among young people.",
        "section 3.5",
    ),
]

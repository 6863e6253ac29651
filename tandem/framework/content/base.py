"""The shape of a built-in Framework item, and the seeds items cite."""

from dataclasses import dataclass, field

# Each source by its title, as people see it on the pages (seed file names are for the
# developers: 002_f442b0822d198990.txt, 003_9f7f313d67a1f140.txt, 004_0946220b4e3ea6ff.txt).
SEED_NFER = (
    "Mentoring and coaching for professionals: a study of the research evidence (NFER, 2008)"
)
SEED_PRINCIPLES = "National Framework for Mentoring and Coaching (CUREE)"
SEED_ITE_REVIEW = "Mentoring and coaching in Initial Teacher Education: review and development"


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

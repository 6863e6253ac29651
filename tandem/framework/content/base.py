"""The shape of a built-in Framework item, and the seeds items cite."""

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

"""Deterministic synthetic names and identifiers drawn from one seeded random generator."""

import random
import uuid

from faker.providers.person.en_GB import Provider as BritishNames

FIRST_NAMES = sorted({*BritishNames.first_names_female, *BritishNames.first_names_male})
LAST_NAMES = sorted(BritishNames.last_names)


class NameSource:
    def __init__(self, seed: int) -> None:
        self.random = random.Random(seed)

    def uuid(self) -> uuid.UUID:
        return uuid.UUID(int=self.random.getrandbits(128), version=4)

    def full_name(self) -> str:
        return f"{self.random.choice(FIRST_NAMES)} {self.random.choice(LAST_NAMES)}"

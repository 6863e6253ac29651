"""Per-person columns of a matching round, read from profiles, training records and
memberships in one query per table (tandem.matching.adapter puts them into engine sides)."""

from collections.abc import Iterable
from typing import Any

import numpy as np
from django.db.models import Q, QuerySet
from django.utils import timezone
from scipy import sparse

from tandem.matching.engine.features import (
    CAREER_STAGE_ORDINAL,
    UNKNOWN,
    Side,
    build_side,
)
from tandem.organisations.choices import Region
from tandem.organisations.models import Membership, OrganisationSector, PartnershipMember
from tandem.people.models import MentorTrainingRecord, Profile
from tandem.programmes.models import Programme
from tandem.programmes.requirements import has_credential_rules

_REGION_INDEX = {value: index for index, value in enumerate(Region.values)}
_SECTOR_INDEX = {value: index for index, value in enumerate(OrganisationSector.values)}


def rows_of(ids: np.ndarray, wanted: Iterable[int]) -> np.ndarray:
    """Row of each wanted user id in the sorted `ids`; −1 for people not in the round."""
    wanted = np.asarray(wanted if isinstance(wanted, np.ndarray) else list(wanted), np.int64)
    if ids.size == 0:
        return np.full(wanted.size, -1, dtype=np.int64)
    positions = np.minimum(np.searchsorted(ids, wanted), ids.size - 1)
    return np.where(ids[positions] == wanted, positions, -1)


class People:
    """Per-person columns (one row per user in the round) from profiles and memberships."""

    def __init__(self, programme: Programme, participants: QuerySet, ids: np.ndarray):
        self.ids = ids
        self.years = np.full(ids.size, UNKNOWN, dtype=np.int64)
        self.career_stage = np.full(ids.size, UNKNOWN, dtype=np.int64)
        self.region = np.full(ids.size, UNKNOWN, dtype=np.int64)
        self.availability = np.zeros(ids.size, dtype=np.int64)
        self.bio = [""] * ids.size
        profiles = list(
            Profile.objects.filter(user_id__in=participants)
            .order_by()
            .values_list(
                "user_id", "years_in_profession", "career_stage", "region", "availability", "bio"
            )
        )
        # Every row's place found in one pass rather than one search per profile.
        places = rows_of(ids, [row[0] for row in profiles]).tolist()
        for (_user, years, stage, region, availability, bio), person in zip(
            profiles, places, strict=True
        ):
            if person >= 0:
                self.years[person] = years
                self.career_stage[person] = CAREER_STAGE_ORDINAL.get(stage, UNKNOWN)
                self.region[person] = _REGION_INDEX.get(region, UNKNOWN)
                self.availability[person] = availability
                self.bio[person] = bio
        trained = rows_of(
            ids,
            MentorTrainingRecord.objects.filter(profile__user_id__in=participants)
            .order_by()
            .values_list("profile__user_id", flat=True)
            .distinct(),
        )
        self.is_trained = np.zeros(ids.size, dtype=bool)
        self.is_trained[trained[trained >= 0]] = True
        links = {
            name: self._links(getattr(Profile, name).through, column, participants)
            for name, column in (
                ("phases", "phase_id"),
                ("subjects", "subject_id"),
                ("languages", "language_id"),
                ("interests", "tag_id"),
                ("expertise", "tag_id"),
            )
        }
        self.phases = self._sets(links["phases"])
        self.subjects = self._sets(links["subjects"])
        self.languages = self._sets(links["languages"])
        # Mentees' interests and mentors' expertise share one tag id space, so they meet.
        tags = np.union1d(links["interests"][:, 1], links["expertise"][:, 1])
        self.interests = self._sets(links["interests"], tags)
        self.expertise = self._sets(links["expertise"], tags)
        self._memberships(programme, participants)

    def _links(self, through: Any, column: str, participants: QuerySet) -> np.ndarray:
        """(person, item id) for each link of someone in the round to a many-to-many item."""
        links = np.array(
            through.objects.filter(profile__user_id__in=participants).values_list(
                "profile__user_id", column
            ),
            dtype=np.int64,
        ).reshape(-1, 2)
        people = rows_of(self.ids, links[:, 0])
        return np.column_stack([people, links[:, 1]])[people >= 0]

    def _sets(self, links: np.ndarray, vocabulary: np.ndarray | None = None) -> sparse.csr_array:
        """One CSR row per person, item ids compacted to 0..n−1 (the same for both sides)."""
        vocabulary = np.unique(links[:, 1]) if vocabulary is None else vocabulary
        width = max(1, vocabulary.size)
        if self.ids.size == 0:
            return sparse.csr_array((0, width), dtype=np.float32)
        order = np.argsort(links[:, 0], kind="stable")
        people, columns = links[order, 0], np.searchsorted(vocabulary, links[order, 1])
        # Built straight from the sorted links (as sets_matrix would, without splitting
        # them into a list per person first: that cost most of a 5,000-mentor bank search).
        indptr = np.searchsorted(people, np.arange(self.ids.size + 1))
        matrix = sparse.csr_array(
            (np.ones(columns.size, dtype=np.float32), columns, indptr),
            shape=(self.ids.size, width),
        )
        matrix.sum_duplicates()
        matrix.data[:] = 1.0
        return matrix

    def _memberships(self, programme: Programme, participants: QuerySet) -> None:
        """Organisation and sector per person, and who line-manages whom.

        A person's organisation is a current membership of one of the programme's own
        organisations, else one of its partnership's, else any (lowest id within a tier).
        """
        preferred = dict.fromkeys(programme.organisations.values_list("id", flat=True), 0)
        if programme.partnership_id:
            for organisation in (
                PartnershipMember.objects.filter(partnership_id=programme.partnership_id)
                .order_by()
                .values_list("organisation_id", flat=True)
            ):
                preferred.setdefault(organisation, 1)
        best: dict[int, tuple[int, int, str]] = {}
        self.line_managed: list[tuple[int, int]] = []
        for user, organisation, sector, manager in (
            Membership.objects.current()
            .filter(user_id__in=participants)
            .order_by()
            .values_list("user_id", "organisation_id", "organisation__sector", "line_manager_id")
        ):
            if manager is not None:
                self.line_managed.append((user, manager))
            choice = (preferred.get(organisation, 2), organisation, sector)
            best[user] = min(best.get(user, choice), choice)
        self.organisation = np.full(self.ids.size, UNKNOWN, dtype=np.int64)
        self.sector = np.full(self.ids.size, UNKNOWN, dtype=np.int64)
        people = rows_of(self.ids, list(best))
        for person, (_tier, organisation, sector) in zip(people, best.values(), strict=True):
            if person >= 0:
                self.organisation[person] = organisation
                self.sector[person] = _SECTOR_INDEX.get(sector, UNKNOWN)

    def side(
        self,
        people: np.ndarray,
        *,
        tags: sparse.csr_array,
        text: list[str],
        meets_credentials: np.ndarray | None = None,
    ) -> Side:
        return build_side(
            ids=self.ids[people],
            years=self.years[people],
            career_stage=self.career_stage[people],
            region=self.region[people],
            sector=self.sector[people],
            organisation=self.organisation[people],
            availability=self.availability[people],
            is_trained=self.is_trained[people],
            phases=self.phases[people],
            subjects=self.subjects[people],
            languages=self.languages[people],
            tags=tags,
            text=text,
            meets_credentials=meets_credentials,
        )


def credential_flags(
    programme: Programme, user_ids: np.ndarray, participants: QuerySet | None = None
) -> np.ndarray | None:
    """Per user id, whether they hold the credentials the programme asks for (accredited in
    date, a named course in date): one query, or none (None) when it asks for neither.
    The same rules as programmes.requirements.unmet_credentials, read in bulk; pass the
    round's `participants` query to filter by it rather than by thousands of listed ids."""
    if not has_credential_rules(programme):
        return None
    today = timezone.localdate()
    wanted = " ".join(programme.required_mentor_course.split()).casefold()
    rows = (
        MentorTrainingRecord.objects.filter(
            profile__user_id__in=user_ids.tolist() if participants is None else participants
        )
        .filter(Q(expires_on__isnull=True) | Q(expires_on__gte=today))
        .order_by()
        .values_list("profile__user_id", "course", "is_accredited")
    )
    accredited, trained = set(), set()
    for user_id, course, is_accredited in rows:
        if is_accredited:
            accredited.add(user_id)
        if wanted and " ".join(course.split()).casefold() == wanted:
            trained.add(user_id)
    meets = np.ones(user_ids.size, dtype=bool)
    if programme.requires_accredited_mentor:
        meets &= np.isin(user_ids, np.fromiter(accredited, dtype=np.int64, count=len(accredited)))
    if wanted:
        meets &= np.isin(user_ids, np.fromiter(trained, dtype=np.int64, count=len(trained)))
    return meets

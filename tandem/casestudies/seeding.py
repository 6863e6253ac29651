"""Many published case studies at once, for the speed bench (bench/public_pages.py) and the
query-count tests: rows written with bulk_create, as publication would leave them."""

import datetime as dt
import itertools

from django.utils import timezone

from tandem.casestudies.models import CaseStudy, Publication, PublicationTag
from tandem.framework import keys
from tandem.organisations.models import Organisation, OrganisationSector, Phase
from tandem.programmes.choices import Approach, GroupFormat, Pairing

BATCH = 1000


def seed_published(organisation: Organisation, count: int, *, start: int = 0) -> int:
    """Publish `count` varied case studies for `organisation`; returns how many."""
    phases = list(Phase.objects.values_list("key", "name"))
    sectors = list(OrganisationSector.values)
    approaches = list(Approach.values)
    formats = list(GroupFormat.values)
    pairings = list(Pairing.values)
    tags = [*keys.Principle, *keys.EffectiveFeature]
    now = timezone.now()
    made = 0
    numbers = iter(range(start, start + count))
    while batch := list(itertools.islice(numbers, BATCH)):
        case_studies = CaseStudy.objects.bulk_create(
            CaseStudy(
                organisation=organisation,
                title=f"Case study {number}: coaching in practice",
                summary=f"How a setting ran mentoring number {number}.",
                sector=sectors[number % len(sectors)],
                status=CaseStudy.Status.PUBLISHED,
            )
            for number in batch
        )
        publications = Publication.objects.bulk_create(
            Publication(
                uuid=case_study.uuid,
                case_study=case_study,
                organisation_name=organisation.name,
                title=case_study.title,
                summary=case_study.summary,
                context="Context. " * 40,
                what_they_did="What we did. " * 80,
                what_worked="What worked. " * 40,
                sector=case_study.sector,
                phase_key=phases[number % len(phases)][0],
                phase_name=phases[number % len(phases)][1],
                approach=approaches[number % len(approaches)],
                group_format=formats[number % len(formats)],
                pairing=pairings[number % len(pairings)],
                tags=[tags[number % len(tags)], tags[(number + 3) % len(tags)]],
                published_at=now - dt.timedelta(minutes=number),
                revised_at=now - dt.timedelta(minutes=number),
            )
            for number, case_study in zip(batch, case_studies, strict=True)
        )
        PublicationTag.objects.bulk_create(
            PublicationTag(publication=publication, key=key)
            for publication in publications
            for key in publication.tags
        )
        made += len(batch)
    return made

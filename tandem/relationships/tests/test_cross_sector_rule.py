"""A programme whose model requires pairs across sectors (seed 002 §2.3.3) refuses a
same-sector pair by hand, in the pairing form and in matching alike."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tandem.matching.adapter import build_round
from tandem.matching.defaults import template_config
from tandem.matching.engine.criteria import SameRule
from tandem.matching.engine.solver import allocate
from tandem.organisations.models import OrganisationSector
from tandem.relationships.models import Relationship
from tandem.testing.factories import OrganisationFactory
from tandem.testing.workflow import approve, pair, person

pytestmark = pytest.mark.django_db


@pytest.fixture
def cross_sector(cast):
    """Eve (a teacher, education) can be paired with Sam (social care), not with Bob."""
    programme = cast["programme"]
    programme.pairs_must_cross_sector = True
    programme.mentor_must_be_external = False
    programme.requires_mentor_training = False
    programme.min_mentor_years = 0
    programme.save()
    agency = OrganisationFactory(sector=OrganisationSector.SOCIAL_CARE, name="Borough Care")
    programme.organisations.add(agency)
    social_worker = person(agency, "Sam Socialworker", years_in_profession=10)
    approve(programme, social_worker, "mentor")
    return {**cast, "social_worker": social_worker}


def test_same_sector_pair_is_refused_naming_the_rule(cross_sector):
    with pytest.raises(ValidationError, match="different sectors") as error:
        pair(
            cross_sector["coordinator"],
            cross_sector["programme"],
            cross_sector["mentor"],
            cross_sector["other_mentee"],
        )
    assert "education sector" in " ".join(error.value.messages)


def test_cross_sector_pair_is_made(cross_sector):
    relationship = pair(
        cross_sector["coordinator"],
        cross_sector["programme"],
        cross_sector["social_worker"],
        cross_sector["other_mentee"],
    )
    assert relationship.conflicts == []


def test_without_the_rule_a_same_sector_pair_is_made(cast):
    assert pair(cast["coordinator"], cast["programme"], cast["mentor"], cast["other_mentee"]).pk


def test_the_pairing_form_shows_the_rule_and_makes_nothing(cross_sector, client):
    client.force_login(cross_sector["coordinator"])
    programme = cross_sector["programme"]
    before = Relationship.objects.count()
    response = client.post(
        reverse("relationships:relationship-create", args=[programme.uuid]),
        {"supporter": cross_sector["mentor"].pk, "learners": [cross_sector["other_mentee"].pk]},
    )
    assert response.status_code == 200
    assert "different sectors" in response.content.decode()
    assert Relationship.objects.count() == before


def test_matching_never_proposes_a_same_sector_pair_and_says_why(cross_sector):
    programme = cross_sector["programme"]
    built = build_round(programme, template_config("ect-mentoring"))
    assert built.config.sector_rule == SameRule.REQUIRE_DIFFERENT
    allocation = allocate(built.data, built.config)
    eve_row = built.mentee_row(cross_sector["other_mentee"].pk)
    assert allocation.mentor[eve_row] == built.mentor_row(cross_sector["social_worker"].pk)
    from tandem.matching.engine.scoring import Scorer  # noqa: PLC0415

    scorer = Scorer(built.data, built.config)
    reasons = scorer.broken_rules(eve_row, built.mentor_row(cross_sector["mentor"].pk))
    assert "sector-rule" in reasons

"""Every programme template starts matching from weights and rules the engine knows."""

import pytest

from tandem.matching.defaults import template_config
from tandem.matching.engine.criteria import SameRule
from tandem.programmes.templates_catalogue import TEMPLATES


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda template: template.key)
def test_each_template_gives_the_engine_a_config_it_can_score_with(template):
    config = template_config(template.key)
    assert config.max_score > 0


def test_programmes_without_a_template_start_from_early_career_mentoring():
    assert template_config("") == template_config("ect-mentoring")
    assert template_config("retired-template") == template_config("ect-mentoring")


def test_a_template_keeps_its_own_rules():
    assert template_config("cross-sector-co-mentoring").sector_rule == SameRule.REQUIRE_DIFFERENT
    assert template_config("co-coaching").is_peer

"""The built-in vocabulary: complete, cited, in Tandem's own words, and safely reloadable."""

import importlib
import re
from collections import Counter
from pathlib import Path

import pytest
from django.apps import apps as django_apps

from tandem.framework.content import ALL_ITEMS
from tandem.framework.loading import load_vocabulary
from tandem.framework.models import FrameworkItem
from tandem.testing.factories import FrameworkItemFactory

SEEDS = Path(__file__).resolve().parents[4] / "shared" / "seeds"
EXPECTED_COUNTS = {
    "principle": 10,
    "core-concept": 3,
    "approach": 5,
    "model-dimension": 4,
    "mentor-style": 9,
    "effective-feature": 11,
    "challenge": 6,
    "impact": 30,
    "mentor-quality": 11,
}


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


@pytest.mark.django_db
def test_the_migration_loads_every_kind_with_the_expected_counts():
    counts = Counter(FrameworkItem.objects.values_list("kind", flat=True))
    assert dict(counts) == EXPECTED_COUNTS
    assert set(counts) == set(FrameworkItem.Kind.values)


@pytest.mark.django_db
def test_every_item_has_a_key_title_description_and_citation():
    for item in FrameworkItem.objects.all():
        assert item.key, item
        assert item.title.strip(), item.key
        assert len(item.description) >= 40, item.key
        assert item.summary.strip(), item.key
        assert item.citation_source.strip(), item.key
        assert item.citation_section.strip(), item.key
        # People read citations: a title and a section in words, never a seed file name.
        assert ".txt" not in item.citation, item.key
        assert "§" not in item.citation, item.key
        assert item.is_builtin, item.key
        assert item.is_for_leaders or item.is_for_mentors or item.is_for_mentees, item.key


@pytest.mark.django_db
def test_impacts_have_audiences_for_all_four_groups():
    audiences = set(FrameworkItem.objects.of_kind("impact").values_list("audience", flat=True))
    assert audiences == set(FrameworkItem.Audience.values)


@pytest.mark.skipif(not SEEDS.exists(), reason="the seed documents are not beside the repo")
def test_descriptions_are_in_our_own_words_not_copied_from_the_seeds():
    seed_text = " ".join(
        " ".join(_words(path.read_text(encoding="utf-8"))) for path in SEEDS.glob("*.txt")
    )
    copied = []
    for data in ALL_ITEMS:
        words = _words(data.description)
        # Eight words in a row matching a seed counts as copying a sentence.
        for start in range(len(words) - 7):
            phrase = " ".join(words[start : start + 8])
            if phrase in seed_text:
                copied.append(f"{data.kind}/{data.key}: …{phrase}…")
                break
    assert not copied, "\n".join(copied)


@pytest.mark.django_db
def test_the_learning_agreement_links_to_the_learning_contract_feature_both_ways():
    agreement = FrameworkItem.objects.get(kind="principle", key="learning-agreement")
    contract = FrameworkItem.objects.get(
        kind="effective-feature", key="clear-focus-and-learning-contract"
    )
    assert contract in agreement.related.all()
    assert agreement in contract.related.all()


@pytest.mark.django_db
def test_reloading_is_idempotent_and_leaves_deployment_items_alone():
    own = FrameworkItemFactory(
        kind="effective-feature", title="A budget for peer observation", is_for_leaders=True
    )
    before = FrameworkItem.objects.count()
    FrameworkItem.objects.filter(kind="principle", key="learning-agreement").update(title="Edited")

    assert load_vocabulary(FrameworkItem) == len(ALL_ITEMS)

    assert FrameworkItem.objects.count() == before
    own.refresh_from_db()
    assert own.title == "A budget for peer observation"
    assert not own.is_builtin
    agreement = FrameworkItem.objects.get(kind="principle", key="learning-agreement")
    assert agreement.title == "A learning agreement"


@pytest.mark.django_db
def test_upgrade_migration_rewrites_seed_file_names_as_titles():
    migration = importlib.import_module(
        "tandem.framework.migrations.0003_access_cite_sources_in_words"
    )
    FrameworkItem.objects.filter(key="sufficient-time").update(
        citation_source="002_f442b0822d198990.txt", citation_section="Table 4.2; §4.3.1"
    )
    migration.reload_vocabulary(django_apps, None)
    item = FrameworkItem.objects.get(key="sufficient-time")
    assert item.citation == (
        "Mentoring and coaching for professionals: a study of the research evidence "
        "(NFER, 2008), Table 4.2 and section 4.3.1"
    )

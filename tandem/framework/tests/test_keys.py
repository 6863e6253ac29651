"""The Framework keys are defined once (keys.py) and the content and choices follow them."""

import ast
from collections import Counter
from pathlib import Path

from tandem.framework import choices, content, keys
from tandem.framework.content import ALL_ITEMS, LINKS
from tandem.framework.retired_keys import RETIRED_KEYS, current_key, current_keys


def test_keys_module_imports_nothing_but_the_standard_library():
    # The matching engine imports it, and the engine may not import Django.
    tree = ast.parse(Path(keys.__file__).read_text(encoding="utf-8"))
    imported = {
        alias.name.split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in (node.names if isinstance(node, ast.Import) else [ast.alias(node.module)])
    }
    assert imported == {"enum"}


def test_every_kind_has_exactly_the_keys_of_its_enum():
    stored = {kind: {item.key for item in ALL_ITEMS if item.kind == kind} for kind in keys.Kind}
    assert stored == {kind: set(keys.KEYS_OF_KIND[kind]) for kind in keys.Kind}


def test_the_core_concepts_are_the_first_approaches():
    assert list(keys.CoreConcept) == list(keys.Approach)[: len(keys.CoreConcept)]


def test_keys_are_unique_across_kinds_so_titles_need_no_kind():
    counts = Counter(item.key for item in ALL_ITEMS)
    assert [key for key, count in counts.items() if count > 1] == []
    option_keys = [
        *keys.GroupFormat,
        *keys.Pairing,
        *keys.SectorMix,
        *keys.MentorSource,
        *keys.ReviewOutcome,
    ]
    assert not set(option_keys) & set(counts)
    assert len(content.TITLES) == len(ALL_ITEMS) + len(option_keys)


def test_every_link_joins_two_items_that_exist():
    existing = {(item.kind, item.key) for item in ALL_ITEMS}
    for one, other in LINKS:
        assert one in existing, one
        assert other in existing, other


def test_choices_take_the_key_as_value_and_the_framework_title_as_label():
    approach = choices.text_choices(keys.Approach)
    assert approach.values == [member.value for member in keys.Approach]
    assert approach(keys.Approach.CO_COACHING).label == "Collaborative (co-) coaching"
    style = choices.text_choices(keys.MentorStyle)
    assert style(keys.MentorStyle.APPRENTICESHIP).label == "Apprenticeship model"


def test_every_retired_key_maps_to_a_framework_key_of_the_kind_it_stood_for():
    item_keys = {item.key for item in ALL_ITEMS}
    for retired, current in RETIRED_KEYS.items():
        assert retired not in item_keys, retired
        assert current in item_keys, current
    assert RETIRED_KEYS["using-resources"] == keys.Principle.USING_RESOURCES_EFFECTIVELY
    assert RETIRED_KEYS["group-supervision"] == keys.Approach.GROUP_REFLECTIVE_SUPERVISION


def test_current_keys_replace_retired_ones_in_order_without_duplicates():
    stored = [
        keys.Principle.LEARNING_AGREEMENT.value,
        "clear-focus-learning-contract",
        keys.EffectiveFeature.CLEAR_FOCUS_AND_LEARNING_CONTRACT.value,
        "confidentiality",
    ]
    assert current_keys(stored) == [
        keys.Principle.LEARNING_AGREEMENT,
        keys.EffectiveFeature.CLEAR_FOCUS_AND_LEARNING_CONTRACT,
        keys.EffectiveFeature.CONFIDENTIALITY,
    ]
    assert current_key("not-retired") == "not-retired"

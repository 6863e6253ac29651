"""Every Framework key any model stores names something in the Framework.

Walks each model field that stores a key (plain, list or kind + key), over a world built
like the demo: the workflow cast, a programme from every template and every built-in
survey. A guard makes sure a new field holding Framework keys joins the walk.
"""

import pytest
from django.apps import apps
from django.utils import timezone

from tandem.casestudies.models import CaseStudy, Publication
from tandem.casestudies.seeding import seed_published
from tandem.evaluation.instruments import TEMPLATES as SURVEY_TEMPLATES
from tandem.evaluation.models import Question
from tandem.evaluation.services import schedule_survey
from tandem.framework import keys
from tandem.framework.models import FrameworkItem, ReviewOutcome
from tandem.framework.services import start_review
from tandem.programmes.models import Programme
from tandem.programmes.services import create_programme
from tandem.programmes.templates_catalogue import TEMPLATES as PROGRAMME_TEMPLATES
from tandem.relationships.models import Goal, LearningAgreement, LearningLogEntry, OwnLearningGoal
from tandem.relationships.services import twoway
from tandem.testing.workflow import build_cast

ITEM_KINDS = {
    "approach": {keys.Kind.CORE_CONCEPT, keys.Kind.APPROACH},
    "mentor_styles": {keys.Kind.MENTOR_STYLE},
    "framework_keys": {keys.Kind.PRINCIPLE, keys.Kind.EFFECTIVE_FEATURE},
}
# (model, field, kinds of item a value may name, or the enum of a dimension's options).
STORED_KEYS = [
    (Programme, "approach", ITEM_KINDS["approach"]),
    (Programme, "mentor_styles", ITEM_KINDS["mentor_styles"]),
    (Programme, "group_format", keys.GroupFormat),
    (Programme, "pairing", keys.Pairing),
    (Programme, "sector_mix", keys.SectorMix),
    (Programme, "mentor_source", keys.MentorSource),
    (LearningAgreement, "framework_keys", ITEM_KINDS["framework_keys"]),
    (Goal, "framework_keys", ITEM_KINDS["framework_keys"]),
    (OwnLearningGoal, "framework_keys", ITEM_KINDS["framework_keys"]),
    (LearningLogEntry, "framework_key", ITEM_KINDS["framework_keys"]),
    (ReviewOutcome, "area", keys.ReviewOutcome),
    # A case study's model, and its published copy, on the review's dimensions.
    *(
        (model, name, enum)
        for model in (CaseStudy, Publication)
        for name, enum in [
            ("approach", keys.Approach),
            ("group_format", keys.GroupFormat),
            ("pairing", keys.Pairing),
            ("sector_mix", keys.SectorMix),
            ("mentor_source", keys.MentorSource),
        ]
    ),
]
# Question stores a kind and a key side by side; checked as a pair below.
KIND_AND_KEY = [(Question, "framework_kind", "framework_key")]


def _framework_enum_of(field) -> type | None:
    values = {value for value, _label in field.choices or []}
    enums = [keys.Approach, *keys.KEYS_OF_KIND.values()]
    options = [keys.GroupFormat, keys.Pairing, keys.SectorMix, keys.MentorSource]
    for enum in [*options, keys.ReviewOutcome, keys.Kind]:
        if values and values == set(enum):
            return enum
    return next((enum for enum in enums if values and values == set(enum)), None)


def test_every_field_that_stores_framework_keys_is_walked():
    walked = {(model, name) for model, name, _kinds in STORED_KEYS}
    walked |= {(model, name) for model, *names in KIND_AND_KEY for name in names}
    for model in apps.get_models():
        if model is FrameworkItem:
            continue
        for field in model._meta.concrete_fields:
            stores_keys = "framework_key" in field.name or _framework_enum_of(field)
            if stores_keys:
                assert (model, field.name) in walked, f"{model.__name__}.{field.name}"


@pytest.fixture
def world(db):
    cast = build_cast()
    coordinator, organisation = cast["coordinator"], cast["moorland"]
    for template in PROGRAMME_TEMPLATES:
        create_programme(
            actor=coordinator,
            template_key=template.key,
            fields=template.programme_fields(starts_on=cast["programme"].starts_on)
            | {"status": Programme.Status.RUNNING},
            organisations=[organisation],
        )
    for template in SURVEY_TEMPLATES.values():
        schedule_survey(
            actor=coordinator, programme=cast["programme"], template_key=template.key, stage="end"
        )
    # A mentor's own learning goal and log entry, each tagged as the forms offer.
    twoway.add_own_learning_goal(
        actor=cast["mentor"],
        relationship=cast["relationship"],
        fields={
            "title": "Ask better questions",
            "framework_keys": [keys.Principle.CHALLENGING_PERSONAL_GOALS],
        },
    )
    twoway.add_learning_log_entry(
        actor=cast["mentor"],
        relationship=cast["relationship"],
        fields={
            "learned_on": timezone.localdate(),
            "learned": "Silence gives room to think.",
            "framework_key": keys.EffectiveFeature.CLEAR_FOCUS_AND_LEARNING_CONTRACT,
        },
    )
    # A published case study whose model follows the cast's programme.
    seed_published(organisation, 1)
    programme = cast["programme"]
    model = {
        name: getattr(programme, name)
        for name in ("approach", "group_format", "pairing", "sector_mix", "mentor_source")
    }
    CaseStudy.objects.update(**model)
    Publication.objects.update(**model)
    start_review(
        actor=coordinator,
        organisation=organisation,
        core_concept=FrameworkItem.objects.get(
            kind=keys.Kind.CORE_CONCEPT, key=keys.CoreConcept.MENTORING
        ),
    )
    return cast


def _resolves(value: str, allowed) -> bool:
    if isinstance(allowed, set):
        return FrameworkItem.objects.filter(kind__in=allowed, key=value).exists()
    return value in set(allowed)


def test_every_stored_key_resolves_to_a_framework_item(world):
    seen: dict[str, int] = {}
    for model, name, allowed in STORED_KEYS:
        for stored in model.objects.values_list(name, flat=True):
            values = stored if isinstance(stored, list) else [stored]
            for value in values:
                assert _resolves(value, allowed), f"{model.__name__}.{name}: {value!r}"
                seen[f"{model.__name__}.{name}"] = seen.get(f"{model.__name__}.{name}", 0) + 1
    for model, kind_field, key_field in KIND_AND_KEY:
        for kind, key in model.objects.exclude(**{kind_field: ""}).values_list(
            kind_field, key_field
        ):
            assert FrameworkItem.objects.filter(kind=kind, key=key).exists(), (kind, key)
            seen[model.__name__] = seen.get(model.__name__, 0) + 1
    # The walk saw something in every field, so a bad key could not hide in an empty table.
    assert {f"{model.__name__}.{name}" for model, name, _allowed in STORED_KEYS} <= set(seen)
    assert seen["Question"] > 0
    assert seen["Programme.approach"] == 1 + len(PROGRAMME_TEMPLATES)


def test_a_goal_tagged_with_a_real_feature_key_validates(world):
    goal = world["goal"]
    goal.framework_keys = [
        keys.Principle.CHALLENGING_PERSONAL_GOALS,
        keys.EffectiveFeature.CLEAR_FOCUS_AND_LEARNING_CONTRACT,
        keys.EffectiveFeature.MENTOR_QUALITIES_AND_SKILLS,
    ]
    goal.full_clean()

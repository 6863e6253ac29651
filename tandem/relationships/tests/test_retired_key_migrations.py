"""The data migrations rewrite keys that named nothing in the Framework to the ones meant."""

from importlib import import_module
from types import SimpleNamespace

from django.apps import apps

from tandem.framework.keys import Approach, EffectiveFeature, Principle
from tandem.relationships.models import Goal, LearningAgreement

relationships_migration = import_module(
    "tandem.relationships.migrations.0002_framework_keys_from_framework"
)
programmes_migration = import_module(
    "tandem.programmes.migrations.0002_approach_key_from_framework"
)


def test_agreements_and_goals_lose_their_retired_keys(cast):
    # Stored as the old default and an old goal tag would have been, bypassing validation.
    LearningAgreement.objects.update(
        framework_keys=[
            Principle.LEARNING_AGREEMENT.value,
            "clear-focus-learning-contract",
            EffectiveFeature.CONFIDENTIALITY.value,
        ]
    )
    Goal.objects.update(framework_keys=["using-resources", "mentor-qualities-skills"])

    relationships_migration.rewrite_retired_keys(apps, None)

    assert list(LearningAgreement.objects.values_list("framework_keys", flat=True).distinct()) == [
        [
            Principle.LEARNING_AGREEMENT,
            EffectiveFeature.CLEAR_FOCUS_AND_LEARNING_CONTRACT,
            EffectiveFeature.CONFIDENTIALITY,
        ]
    ]
    assert list(Goal.objects.values_list("framework_keys", flat=True)) == [
        [Principle.USING_RESOURCES_EFFECTIVELY, EffectiveFeature.MENTOR_QUALITIES_AND_SKILLS]
    ]


class _Programmes:
    """Stands in for the historical Programme manager: today's check constraint forbids
    storing the retired approach, so the rows the migration reads are given here."""

    def __init__(self, approaches: list[str]) -> None:
        self.rows = [SimpleNamespace(approach=approach) for approach in approaches]
        self.updated: list[str] = []

    def only(self, *fields: str) -> list[SimpleNamespace]:
        return self.rows

    def bulk_update(self, rows, fields, batch_size):
        assert fields == ["approach"]
        self.updated = [row.approach for row in rows]


def test_group_supervision_programmes_take_the_framework_approach_key():
    programmes = _Programmes(["group-supervision", Approach.MENTORING.value])
    historical = SimpleNamespace(get_model=lambda app, name: SimpleNamespace(objects=programmes))

    programmes_migration.rewrite_retired_approaches(historical, None)

    assert programmes.updated == [Approach.GROUP_REFLECTIVE_SUPERVISION, Approach.MENTORING]

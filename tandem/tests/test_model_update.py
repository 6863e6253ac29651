import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tandem.organisations.models import Organisation
from tandem.services import model_update
from tandem.testing.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def stored(organisation: Organisation) -> Organisation:
    return Organisation.objects.get(pk=organisation.pk)


def test_saves_only_the_fields_that_changed() -> None:
    organisation = stored(OrganisationFactory(name="Old name", official_identifier="A1"))
    with CaptureQueriesContext(connection) as queries:
        _, has_updated = model_update(
            instance=organisation,
            fields=["name", "official_identifier"],
            data={"name": "New name", "official_identifier": "A1"},
        )
    assert has_updated
    (update,) = [query["sql"] for query in queries if query["sql"].startswith("UPDATE")]
    assert '"name"' in update
    assert '"official_identifier"' not in update
    assert '"updated_at"' in update
    assert stored(organisation).name == "New name"


def test_writes_nothing_when_nothing_changed() -> None:
    organisation = stored(OrganisationFactory(name="Same"))
    before = organisation.updated_at
    _, has_updated = model_update(instance=organisation, fields=["name"], data={"name": "Same"})
    assert not has_updated
    assert stored(organisation).updated_at == before


def test_saves_an_instance_a_form_has_already_filled_in() -> None:
    organisation = stored(OrganisationFactory(name="Before"))
    organisation.name = "After"
    _, has_updated = model_update(instance=organisation, fields=["name"])
    assert has_updated
    assert stored(organisation).name == "After"


def test_ignores_data_outside_the_named_fields() -> None:
    organisation = stored(OrganisationFactory(name="Kept", official_identifier="A1"))
    model_update(
        instance=organisation,
        fields=["official_identifier"],
        data={"name": "X", "official_identifier": "B2"},
    )
    assert (stored(organisation).name, stored(organisation).official_identifier) == ("Kept", "B2")


def test_invalid_values_are_refused_before_saving() -> None:
    organisation = stored(OrganisationFactory(name="Valid"))
    with pytest.raises(ValidationError):
        model_update(instance=organisation, fields=["name"], data={"name": ""})
    assert stored(organisation).name == "Valid"


def test_a_refreshed_instance_compares_with_what_was_reloaded() -> None:
    organisation = stored(OrganisationFactory(name="First"))
    Organisation.objects.filter(pk=organisation.pk).update(name="Second")
    organisation.refresh_from_db()
    _, has_updated = model_update(instance=organisation, fields=["name"], data={"name": "Second"})
    assert not has_updated

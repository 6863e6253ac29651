"""The demo's resources: public ones tagged to principles 7 and 10, one for Moorland's
staff only and one for the partnership."""

import pytest

from tandem.resources.demo import load_resources_demo
from tandem.resources.models import Resource, ResourceTag
from tandem.resources.tests.cast import build_resource_cast

pytestmark = pytest.mark.django_db


def test_the_demo_adds_public_and_private_resources_tagged_to_principles_7_and_10():
    cast = build_resource_cast()
    added = load_resources_demo(
        coordinator=cast["coordinator"], organisation=cast["moorland"], partnership=cast["north"]
    )
    assert len(added) == 5
    public = Resource.objects.filter(pk__in=[r.pk for r in added]).public()
    assert public.count() == 3
    tagged = set(
        ResourceTag.objects.filter(resource__in=public, kind="principle").values_list(
            "key", flat=True
        )
    )
    assert {"understanding-why", "using-resources-effectively"} <= tagged
    assert {r.visibility for r in added} == {"public", "organisation", "partnership"}

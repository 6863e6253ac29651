"""List pages run a bounded number of queries whatever the size of the case."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tandem.impact import services
from tandem.impact.models import CorroboratingSource, ImpactEvent, ResearchOutput

pytestmark = pytest.mark.django_db


def _grow(cast, n: int) -> None:
    case = cast["case"]
    for number in range(n):
        ResearchOutput.objects.create(
            case=case, title=f"Output {number}", authors="R.", published_on=dt.date(2015, 1, 1)
        )
        ImpactEvent.objects.create(
            case=case, happened_on=dt.date(2016, 1, 1), description=f"Event {number}"
        )
        source = CorroboratingSource.objects.create(case=case, title=f"Source {number}")
        services.set_source_status(
            actor=cast["lead"], source=source, status="verified", method="Checked."
        )


def _count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "name", ["impact:case-detail", "impact:candidate-list", "impact:section-edit"]
)
def test_case_pages_run_the_same_queries_however_much_the_case_holds(client, cast, name):
    client.force_login(cast["lead"])
    args = [cast["case"].uuid] + (["summary"] if name == "impact:section-edit" else [])
    url = reverse(name, args=args)
    # Warm the session and the site's per-request caches.
    client.get(url)
    before = _count(client, url)
    _grow(cast, 8)
    services.add_comment(
        actor=cast["lead"], section=cast["sections"]["summary"], text="Another comment."
    )
    assert _count(client, url) == before


def test_case_detail_stays_within_its_query_budget(client, cast, django_assert_max_num_queries):
    """Session and user (2), case and role (2), the checks' five reads (sections,
    outputs, sources with verifiers, events), team, partners, and the base page's own."""
    client.force_login(cast["lead"])
    url = cast["case"].get_absolute_url()
    client.get(url)
    with django_assert_max_num_queries(20):
        client.get(url)


def test_case_list_runs_the_same_queries_for_more_cases(client, cast):
    client.force_login(cast["lead"])
    url = reverse("impact:case-list")
    client.get(url)
    before = _count(client, url)
    for number in range(5):
        services.create_case(
            actor=cast["lead"],
            fields={"title": f"Case {number}", "lead_organisation": cast["university"]},
        )
    assert _count(client, url) == before

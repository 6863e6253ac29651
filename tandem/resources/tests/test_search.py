"""Full-text search through the one interface, on whichever database the suite runs
(SQLite's FTS5 locally, PostgreSQL's full-text search in CI's second run)."""

import pytest
from django.db import connection

from tandem.resources import search
from tandem.resources.models import Resource
from tandem.resources.services import create_resource, update_resource
from tandem.resources.tests.cast import build_resource_cast, resource_fields

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast():
    cast = build_resource_cast()
    add = lambda **fields: create_resource(  # noqa: E731
        actor=cast["coordinator"], organisation=cast["moorland"], **resource_fields(**fields)
    )
    cast["observing"] = add(
        title="Observing lessons together",
        summary="How mentors and mentees plan joint observations of teaching.",
    )
    cast["contracting"] = add(
        title="Agreeing a learning contract",
        summary="Setting ground rules, confidentiality and goals at the first meeting.",
        source="Hillside teaching school",
    )
    cast["both"] = add(
        title="Observation and contracting",
        summary="Observation, observation, observation: a contract for observing lessons.",
    )
    return cast


def titles(queryset):
    return [resource.title for resource in queryset]


def test_words_match_title_summary_and_source_with_stemming(cast):
    assert "Observing lessons together" in titles(search.search(Resource.objects, "observe"))
    assert titles(search.search(Resource.objects, "hillside")) == ["Agreeing a learning contract"]
    assert titles(search.search(Resource.objects, "confidentiality goals")) == [
        "Agreeing a learning contract"
    ]


def test_every_word_must_match(cast):
    found = titles(search.search(Resource.objects, "observation contract"))
    assert found == ["Observation and contracting"]


def test_results_are_ranked_best_first(cast):
    found = list(search.search(Resource.objects, "observation"))
    assert found[0].title == "Observation and contracting"
    assert found[0].search_rank >= found[-1].search_rank
    assert all(hasattr(resource, "search_rank") for resource in found)


def test_search_narrows_the_queryset_it_is_given(cast):
    only_public = Resource.objects.public()
    assert titles(search.search(only_public, "observation")) == []


def test_edits_are_searchable_at_once(cast):
    update_resource(
        actor=cast["coordinator"],
        resource=cast["observing"],
        data={"summary": "Walkthroughs and instructional coaching."},
    )
    assert titles(search.search(Resource.objects, "walkthroughs")) == ["Observing lessons together"]
    assert "Observing lessons together" not in titles(search.search(Resource.objects, "joint"))


def test_deleted_rows_leave_the_index(cast):
    cast["contracting"].tags.all().delete()
    Resource.objects.filter(pk=cast["contracting"].pk).delete()
    assert titles(search.search(Resource.objects, "hillside")) == []


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        '"',
        '"unbalanced',
        "observ*",
        "NOT observation",
        "title:observation",
        "a AND OR NEAR(b)",
        "(((",
        "-",
        "^observation",
        "!!!",
        "x" * 500,
        "'; DROP TABLE resources_resource; --",
        "ümlaut café",
    ],
)
def test_any_text_a_person_types_is_searched_without_error(cast, text):
    found = list(search.search(Resource.objects.all(), text))
    assert isinstance(found, list)
    assert Resource.objects.count() >= 4  # nothing was dropped


def test_text_without_words_leaves_the_list_as_it_was(cast):
    everything = Resource.objects.all()
    assert search.search(everything, ' "" ( ) ') is everything


def test_operators_are_read_as_words(cast):
    # "OR" is not an operator here: nothing is about both observation and Hillside.
    assert titles(search.search(Resource.objects, "observation OR hillside")) == []


def test_the_index_is_the_engines_own(cast):
    if connection.vendor == "postgresql":
        stored = Resource.objects.filter(pk=cast["observing"].pk).values_list(
            "search_vector", flat=True
        )
        assert stored.get()  # filled by the trigger
    else:
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM resources_resource_fts")
            assert cursor.fetchone()[0] == Resource.objects.count()

"""The vocabulary pages: at a glance, item pages with cross-links, comparison and search."""

import pytest
from django.urls import reverse

from tandem.framework.models import FrameworkItem
from tandem.testing.factories import FrameworkItemFactory, UserFactory


@pytest.fixture
def signed_in(client, db):
    client.force_login(UserFactory())
    return client


def test_each_glance_page_shows_its_outcomes_and_next_steps(signed_in):
    expectations = {
        "leaders": [
            "A collaborative culture",
            "Enhanced pupil learning",
            "Review how your organisation",
        ],
        "mentors": ["Mentor qualities and skills", "More reflection on their own practice"],
        "mentees": ["Self-management and self-directed learning", "learning agreement"],
    }
    for perspective, phrases in expectations.items():
        page = signed_in.get(reverse("framework:glance-detail", args=[perspective]))
        text = page.content.decode()
        assert "Your next steps in Tandem" in text
        for phrase in phrases:
            assert phrase.lower() in text.lower(), (perspective, phrase)


def test_the_leaders_glance_leaves_out_mentee_only_impacts(signed_in):
    page = signed_in.get(reverse("framework:glance-detail", args=["leaders"]))
    assert "Self-management and self-directed learning" not in page.content.decode()


def test_a_principle_links_to_its_effective_feature(signed_in):
    page = signed_in.get(reverse("framework:item-detail", args=["principle", "learning-agreement"]))
    feature = FrameworkItem.objects.get(key="clear-focus-and-learning-contract")
    assert f'href="{feature.get_absolute_url()}"' in page.content.decode()
    assert "National Framework for Mentoring and Coaching (CUREE), Principles" in (
        page.content.decode()
    )
    assert ".txt" not in page.content.decode()


def test_citations_name_the_source_and_section_in_words(signed_in):
    page = signed_in.get(
        reverse("framework:item-detail", args=["effective-feature", "sufficient-time"])
    ).content.decode()
    assert (
        "Mentoring and coaching for professionals: a study of the research evidence "
        "(NFER, 2008), Table 4.2 and section 4.3.1"
    ) in page
    comparison = signed_in.get(reverse("framework:concept-comparison")).content.decode()
    for text in (page, comparison):
        assert ".txt" not in text
        assert "§" not in text


def test_the_comparison_shows_the_three_core_concepts(signed_in):
    page = signed_in.get(reverse("framework:concept-comparison")).content.decode()
    for title in ("Mentoring", "Specialist coaching", "Collaborative (co-) coaching"):
        assert title in page
    assert "Reciprocal and non-hierarchical" in page


def test_search_finds_items_matching_every_word(signed_in):
    page = signed_in.get(reverse("framework:item-search"), {"q": "learning agreement"})
    text = page.content.decode()
    assert "A learning agreement" in text
    assert "result" in text
    empty = signed_in.get(reverse("framework:item-search"), {"q": "xylophone"}).content.decode()
    assert "0 results" in empty


def test_a_deployment_item_appears_alongside_the_built_in_ones(signed_in):
    FrameworkItemFactory(
        kind="principle", title="Meeting at family-friendly times", position=99, is_for_mentees=True
    )
    page = signed_in.get(reverse("framework:item-list", args=["principle"])).content.decode()
    assert "Meeting at family-friendly times" in page

"""The extranet: list, filters, detail, feed and sitemap, for visitors who are not signed in."""

import pytest

from tandem.casestudies.models import Publication
from tandem.casestudies.seeding import seed_published
from tandem.casestudies.sitemaps import CaseStudySitemap


def test_list_shows_published_case_studies_only(cast, client):
    page = client.get("/case-studies/")
    text = page.content.decode()
    assert "What peer coaching changed at Riverside" in text
    assert "Coaching in the second year (draft)" not in text
    assert "Protected time for coaching" not in text  # endorsed, not yet published
    assert "<title>Case studies of mentoring and coaching – Tandem</title>" in text
    assert 'name="description"' in text
    # Why case studies matter, cited by the review's title and sections.
    assert "Mentoring and coaching for professionals: a study of the research evidence" in text
    assert "sections 1.3 and 6" in text


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("sector=education", True),
        ("sector=health", False),
        ("approach=mentoring", True),
        ("approach=specialist-coaching", False),
        ("group_format=one-to-one", True),
        ("pairing=peer", False),
        ("item=sufficient-time", True),
        ("item=learning-agreement", False),
        ("q=peer+coaching", True),
        ("q=orchestra", False),
    ],
)
def test_filters(cast, client, query, found):
    text = client.get(f"/case-studies/?{query}").content.decode()
    assert ("What peer coaching changed at Riverside" in text) is found
    if not found:
        assert "No case study matches these filters." in text


def test_phase_filter(cast, client):
    Publication.objects.update(phase_key="secondary", phase_name="Secondary")
    assert "Riverside" in client.get("/case-studies/?phase=secondary").content.decode()
    assert "Riverside" not in client.get("/case-studies/?phase=primary").content.decode()


def test_unknown_filter_values_show_an_error_not_a_crash(cast, client):
    response = client.get("/case-studies/?sector=nonsense")
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def test_list_runs_the_same_queries_however_many_case_studies(
    cast, client, django_assert_num_queries
):
    # The phases for the filter, the count, and the page's rows (the Framework filter is an
    # EXISTS inside the count's and the rows' queries, not a query of its own).
    with django_assert_num_queries(3):
        client.get("/case-studies/?item=sufficient-time")
    seed_published(cast["riverside"], 60)
    with django_assert_num_queries(3):
        client.get("/case-studies/?item=sufficient-time&sector=education&q=coaching")
    with django_assert_num_queries(3):
        assert client.get("/case-studies/?page=2").status_code == 200


def test_paging(cast, client):
    seed_published(cast["riverside"], 45)
    text = client.get("/case-studies/?page=3").content.decode()
    assert "Page 3 of 3" in text
    assert ", page 3 – Tandem</title>" in text


def test_detail_page(cast, client):
    published = cast["published"]
    response = client.get(f"/case-studies/{published.uuid}/")
    text = response.content.decode()
    assert "<title>What peer coaching changed at Riverside: a case study – Tandem</title>" in text
    assert 'aria-label="Breadcrumb"' in text
    assert "Peer coaching for second-year teachers." in text
    assert "Ada Author" in text
    assert "Sufficient time" in text or "sufficient-time" in text
    # The draft is not public.
    assert client.get(f"/case-studies/{cast['draft'].uuid}/").status_code == 404


def test_public_pages_are_cacheable_for_anonymous_visitors_only(cast, client):
    published = cast["published"]
    anonymous = client.get(f"/case-studies/{published.uuid}/")
    assert "public" in anonymous["Cache-Control"]
    assert "max-age=300" in anonymous["Cache-Control"]
    client.force_login(cast["member"])
    signed_in = client.get(f"/case-studies/{published.uuid}/")
    assert "no-store" in signed_in["Cache-Control"]


def test_feed_lists_newly_published(cast, client):
    response = client.get("/case-studies/feed/")
    assert response["Content-Type"].startswith("application/atom+xml")
    text = response.content.decode()
    assert "<feed" in text
    assert "What peer coaching changed at Riverside" in text
    assert "Protected time for coaching" not in text
    assert f"/case-studies/{cast['published'].uuid}/" in text


def test_sitemap_index_and_section(cast, client):
    index = client.get("/sitemap.xml").content.decode()
    assert "/sitemap-case-studies.xml" in index
    assert "/sitemap-extranet.xml" in index
    section = client.get("/sitemap-case-studies.xml").content.decode()
    assert f"/case-studies/{cast['published'].uuid}/" in section
    assert str(cast["draft"].uuid) not in section
    assert "<lastmod>" in section


def test_sitemap_pages_when_large(cast, client, monkeypatch):
    seed_published(cast["riverside"], 12)
    monkeypatch.setattr(CaseStudySitemap, "limit", 5)
    index = client.get("/sitemap.xml").content.decode()
    assert "/sitemap-case-studies.xml?p=3" in index
    assert client.get("/sitemap-case-studies.xml?p=3").status_code == 200
    assert client.get("/sitemap-case-studies.xml?p=4").status_code == 404

"""The library's pages: who sees what in the list, filters, a bounded number of queries,
withdrawn links, and uploads checked like evidence."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test.utils import override_settings
from django.urls import reverse

from tandem.framework import keys
from tandem.resources.models import Resource
from tandem.resources.services import create_resource
from tandem.resources.tests.cast import build_resource_cast, pdf_upload, resource_fields

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast():
    return build_resource_cast()


def listed(client, **params) -> str:
    return client.get(reverse("resources:list"), params).content.decode()


def test_anonymous_visitors_see_public_resources_only(cast, client):
    page = listed(client)
    assert "Using resources well" in page
    assert "Moorland conversation guide" not in page
    assert "Partnership coaching toolkit" not in page


def test_members_see_their_organisations_and_partnerships_but_not_withdrawn(cast, client):
    client.force_login(cast["partner"])
    page = listed(client)
    assert "Partnership coaching toolkit" in page
    assert "Moorland conversation guide" not in page
    client.force_login(cast["member"])
    page = listed(client)
    assert "Moorland conversation guide" in page
    assert "Partnership coaching toolkit" in page
    assert "Old observation form" not in page


@pytest.mark.parametrize(
    ("params", "shown", "hidden"),
    [
        ({"kind": "tool"}, "Partnership coaching toolkit", "Using resources well"),
        (
            {"item": "principle:learning-conversation"},
            "Moorland conversation guide",
            "Using resources well",
        ),
        ({"audience": "leaders"}, "Leaders only", "Using resources well"),
        ({"licence": "cc-by-4"}, "Leaders only", "Moorland conversation guide"),
        ({"q": "toolkit"}, "Partnership coaching toolkit", "Moorland conversation guide"),
        ({"kind": "not-a-kind"}, "Using resources well", "Old observation form"),
    ],
)
def test_filters_narrow_the_list(cast, client, params, shown, hidden):
    create_resource(
        actor=cast["coordinator"],
        organisation=cast["moorland"],
        **resource_fields(
            title="Leaders only",
            for_mentors=False,
            for_mentees=False,
            for_leaders=True,
            licence=Resource.Licence.CC_BY,
        ),
    )
    client.force_login(cast["member"])
    page = listed(client, **params)
    assert shown in page
    assert hidden not in page


def test_the_organisation_filter_includes_its_partnerships(cast, client):
    client.force_login(cast["member"])
    page = listed(client, organisation=str(cast["moorland"].uuid))
    assert "Partnership coaching toolkit" in page
    assert "Moorland conversation guide" in page


def _add_many(cast, number: int, start: int = 0) -> None:
    for index in range(start, start + number):
        create_resource(
            actor=cast["coordinator"],
            organisation=cast["moorland"],
            tags=[(keys.Kind.PRINCIPLE, keys.Principle.UNDERSTANDING_WHY)],
            **resource_fields(
                title=f"Observation guide {index}", visibility=Resource.Visibility.PUBLIC
            ),
        )


def test_the_list_runs_a_fixed_number_of_queries(cast, client, django_assert_num_queries):
    _add_many(cast, 2)
    client.force_login(cast["member"])
    # Session and user (2); the member's organisations for the filter; whether they may
    # add resources; the page: count and rows (with holder). Searching adds nothing.
    with django_assert_num_queries(6):
        response = client.get(reverse("resources:list"), {"q": "observation", "kind": "document"})
    assert "Observation guide 1" in response.content.decode()
    _add_many(cast, 8, start=2)
    with django_assert_num_queries(6):
        response = client.get(reverse("resources:list"), {"q": "observation", "kind": "document"})
    assert "Observation guide 9" in response.content.decode()


def test_the_anonymous_list_runs_two_queries(cast, client, django_assert_num_queries):
    _add_many(cast, 3)
    # The count and the rows: no session, no memberships.
    with django_assert_num_queries(2):
        client.get(reverse("resources:list"))


def test_a_withdrawn_resources_link_says_so(cast, client):
    client.force_login(cast["member"])
    response = client.get(reverse("resources:detail", args=[cast["withdrawn"].uuid]))
    page = response.content.decode()
    assert "This resource has been withdrawn" in page
    assert "Replaced." in page
    assert "Was this useful?" not in page


def test_anyone_downloads_a_public_file(cast, client):
    response = client.get(reverse("resources:download", args=[cast["public"].uuid]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def _post_new(client, cast, upload, **extra):
    data = {
        "holder": f"organisation:{cast['moorland'].uuid}",
        "title": "Uploaded guide",
        "summary": "A guide.",
        "kind": "document",
        "audiences": ["mentees"],
        "licence": "ogl-3",
        "visibility": "public",
        "file": upload,
    } | extra
    return client.post(reverse("resources:create"), data)


def test_a_coordinator_uploads_a_file_and_tags_a_principle(cast, client):
    client.force_login(cast["coordinator"])
    response = _post_new(
        client, cast, pdf_upload("new-guide.pdf"), tags=["principle:using-resources-effectively"]
    )
    assert response.status_code == 302
    resource = Resource.objects.get(title="Uploaded guide")
    assert resource.file_name == "new-guide.pdf"
    assert resource.tags.get().key == "using-resources-effectively"


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("tool.exe", b"MZ\x90\x00"), "Upload a PDF, PNG, JPEG, Word"),
        (SimpleUploadedFile("fake.pdf", b"MZ\x90\x00 not a pdf"), "do not match its .pdf name"),
        (SimpleUploadedFile("slides.pptx", b"%PDF-1.4"), "do not match its .pptx name"),
    ],
)
def test_bad_uploads_are_refused_and_nothing_typed_is_lost(cast, client, upload, message):
    client.force_login(cast["coordinator"])
    response = _post_new(client, cast, upload)
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page
    assert "Uploaded guide" in page
    assert not Resource.objects.filter(title="Uploaded guide").exists()


@override_settings(TANDEM_MAX_EVIDENCE_BYTES=10)
def test_too_large_an_upload_is_refused(cast, client):
    client.force_login(cast["coordinator"])
    response = _post_new(client, cast, pdf_upload())
    assert "the limit is" in response.content.decode()


def test_a_resource_needs_a_link_or_a_file(cast, client):
    client.force_login(cast["coordinator"])
    response = _post_new(client, cast, "")
    assert "Give a web address or upload a file." in response.content.decode()


def test_a_new_resource_needs_an_audience(cast, client):
    client.force_login(cast["coordinator"])
    response = _post_new(client, cast, pdf_upload(), audiences=[])
    assert "Choose at least one audience." in response.content.decode()


def test_editing_keeps_the_file_when_none_is_uploaded(cast, client):
    client.force_login(cast["coordinator"])
    resource = cast["public"]
    data = {
        "title": "Using resources well (2nd edition)",
        "summary": resource.summary,
        "kind": "document",
        "link": "",
        "audiences": ["mentors"],
        "licence": "other",
        "licence_other": "Used with the author's permission",
        "visibility": "public",
        "tags": ["principle:understanding-why"],
    }
    response = client.post(reverse("resources:edit", args=[resource.uuid]), data)
    assert response.status_code == 302
    resource.refresh_from_db()
    assert resource.file_name == "using-resources.pdf"
    assert resource.licence_label == "Used with the author's permission"
    assert not resource.for_mentees
    assert list(resource.tags.values_list("key", flat=True)) == ["understanding-why"]


def test_the_public_sitemap_lists_public_resources_only(cast, client):
    index = client.get("/sitemap.xml").content.decode()
    assert "/sitemap-resources.xml" in index
    section = client.get("/sitemap-resources.xml").content.decode()
    assert cast["public"].get_absolute_url() in section
    private = Resource.objects.exclude(visibility=Resource.Visibility.PUBLIC).first()
    assert private is not None
    assert str(private.uuid) not in section

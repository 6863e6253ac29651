"""The synthesis page per Framework item, the CSV and PDF exports, and reference files."""

import csv
import io

from django.urls import reverse
from pypdf import PdfReader

from tandem.audit.models import AuditEvent
from tandem.evidence.models import ReviewTag, Source, SourceReview, SourceStatus
from tandem.evidence.references import read
from tandem.evidence.tests.cast import TAG, _review
from tandem.organisations.models import Membership
from tandem.testing.factories import OrganisationFactory
from tandem.testing.workflow import person

SYNTHESIS = reverse("evidence:synthesis", args=TAG)


def _agree(cast, title, strength, year=2010):
    source = Source.objects.create(
        base=cast["base"],
        title=title,
        title_key=title.lower(),
        year=year,
        status=SourceStatus.AGREED,
    )
    review = _review(source, cast["moderator"], agreed=True, prefix=title)
    review.strength = strength
    review.save()
    return source


def test_the_synthesis_lists_agreed_reviews_and_counts_sources_by_strength(client, cast):
    _agree(cast, "Strong study", "strong")
    _agree(cast, "Another moderate study", "moderate")
    untagged = _agree(cast, "Untagged study", "strong")
    ReviewTag.objects.filter(review__source=untagged).delete()
    client.force_login(cast["member"])
    response = client.get(SYNTHESIS)
    counts = {label: number for label, _meaning, number in response.context["counts"]}
    assert counts == {"Strong": 1, "Moderate": 2, "Limited": 0, "Descriptive only": 0}
    page = response.content.decode()
    assert "Strong study" in page
    assert "Devon LA Headteacher" in page
    assert "Untagged study" not in page
    # Independent reviews and sources awaiting moderation are not evidence yet.
    assert "Head to head" not in page


def test_outsiders_see_no_evidence_in_the_synthesis(client, cast):
    client.force_login(cast["outsider"])
    response = client.get(SYNTHESIS)
    assert response.context["reviews"] == []
    assert "Devon LA" not in response.content.decode()


def test_an_unknown_framework_item_is_404(client, cast):
    client.force_login(cast["member"])
    assert (
        client.get(reverse("evidence:synthesis", args=["principle", "made-up"])).status_code == 404
    )
    assert client.get(reverse("evidence:synthesis", args=["nonsense", "x"])).status_code == 404


def test_the_synthesis_runs_a_fixed_number_of_queries(client, cast, django_assert_num_queries):
    client.force_login(cast["member"])
    client.get(SYNTHESIS)
    # session, user, item, reviews, their tags
    with django_assert_num_queries(5):
        client.get(SYNTHESIS)
    for number in range(5):
        _agree(cast, f"Study {number}", "limited")
    with django_assert_num_queries(5):
        client.get(SYNTHESIS)


def test_the_dashboard_runs_a_fixed_number_of_queries(client, cast, django_assert_num_queries):
    client.force_login(cast["moderator"])
    url = cast["base"].get_absolute_url()
    client.get(url)
    # session, user, base, team role, progress counts, source count, sources
    with django_assert_num_queries(7):
        response = client.get(url)
    assert [number for _value, _label, number in response.context["progress"]] == [1, 0, 1, 1]
    for number in range(5):
        Source.objects.create(base=cast["base"], doi=f"10.5555/{number}")
    with django_assert_num_queries(7):
        client.get(url)


def test_the_csv_has_every_appendix_c_field_and_neutralises_formulae(client, cast):
    agreed = cast["agreed_review"]
    agreed.other = '=HYPERLINK("http://evil")'
    agreed.save()
    client.force_login(cast["member"])
    response = client.get(reverse("evidence:reviews-csv", args=[cast["base"].uuid]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    header, row = rows
    assert len(rows) == 2  # one row per agreed review
    assert header[4:9] == ["Reference", "Sector", "CPD context", "Purpose", "Participants"]
    assert "Impacts for young people" in header
    assert "Reviewer comments" in header
    record = dict(zip(header, row, strict=True))
    assert record["Other"] == '\'=HYPERLINK("http://evil")'
    assert record["Strength of evidence"] == "Moderate"
    assert record["Framework items"] == "principle:learning-conversation"
    assert AuditEvent.objects.filter(action="evidence.exported", actor=cast["member"]).exists()


def test_the_pdf_summary_reads_back(client, cast):
    client.force_login(cast["member"])
    for url in (
        reverse("evidence:summary-pdf", args=[cast["base"].uuid]),
        reverse("evidence:synthesis-pdf", args=TAG),
    ):
        response = client.get(url)
        assert response["Content-Type"] == "application/pdf"
        text = " ".join(
            page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages
        )
        assert "Devon LA Headteacher Coaching Pilot 2007" in text
        assert "Agreed: to evaluate a pilot coaching programme" in text
        assert "Moderate" in text


def test_reference_files_round_trip_and_filter_by_status(client, cast):
    client.force_login(cast["member"])
    base = cast["base"].uuid
    ris = client.get(reverse("evidence:export-ris", args=[base])).content
    bib = client.get(reverse("evidence:export-bibtex", args=[base])).content
    for file_format, data in (("ris", ris), ("bibtex", bib)):
        entries = read(file_format, data).entries
        assert sorted(str(entry.fields["doi"]) for entry in entries) == [
            "",
            "10.1080/0261976032000088765",
            "10.1080/13632430500036231",
        ]
        hobson = next(entry.fields for entry in entries if entry.fields["year"] == 2005)
        assert hobson["authors"] == "Hobson, A.\nSharp, C."
    agreed_only = client.get(reverse("evidence:export-ris", args=[base]), {"status": "agreed"})
    assert [entry.fields["title"] for entry in read("ris", agreed_only.content).entries] == [
        "Devon LA Headteacher Coaching Pilot 2007"
    ]


def test_a_partnership_shares_the_base_with_partner_organisations(client, cast):
    from tandem.testing.factories import PartnershipMemberFactory  # noqa: PLC0415

    partner = OrganisationFactory.create(name="Partner School")
    colleague = person(partner, "Pat Partner", Membership.Access.MEMBER)
    client.force_login(colleague)
    url = cast["base"].get_absolute_url()
    assert client.get(url).status_code == 404
    link = PartnershipMemberFactory(organisation=partner)
    PartnershipMemberFactory(partnership=link.partnership, organisation=cast["northfield"])
    cast["base"].partnership = link.partnership
    cast["base"].save()
    assert client.get(url).status_code == 200
    assert SourceReview.objects.exists()


def test_the_framework_item_page_links_to_its_synthesis(client, cast):
    client.force_login(cast["member"])
    page = client.get(reverse("framework:item-detail", args=TAG)).content.decode()
    assert f'href="{SYNTHESIS}"' in page


def test_a_base_is_set_up_for_an_organisation_or_shared_with_its_partnership(client, cast):
    from tandem.evidence.models import LiteratureBase  # noqa: PLC0415
    from tandem.testing.factories import PartnershipMemberFactory  # noqa: PLC0415

    link = PartnershipMemberFactory(organisation=cast["northfield"])
    other = PartnershipMemberFactory(organisation=OrganisationFactory.create(name="Far"))
    client.force_login(cast["moderator"])
    url = reverse("evidence:base-create")
    data = {"title": "Shared evidence", "organisation": cast["northfield"].pk}
    refused = client.post(url, data | {"partnership": other.partnership.pk})
    assert refused.status_code == 200
    assert not LiteratureBase.objects.filter(title="Shared evidence").exists()
    assert client.post(url, data | {"partnership": link.partnership.pk}).status_code == 302
    base = LiteratureBase.objects.get(title="Shared evidence")
    assert base.partnership == link.partnership
    assert base.team.get().user == cast["moderator"]

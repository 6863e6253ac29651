"""Outcomes for pupils (seed 002 §3.5): a programme defines class-level measures; learners
record figures before and after, numbers only; the report adds them up across learners and
suppresses any figure about fewer than 5 learners, with complementary suppression."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tandem.evaluation.reports.pupil_outcomes import pupil_outcome_tables
from tandem.evaluation.tables import SUPPRESSED
from tandem.organisations.models import Organisation
from tandem.relationships.models import PupilOutcomeMeasure, PupilOutcomeRecord
from tandem.relationships.services import twoway
from tandem.testing.factories import OrganisationFactory
from tandem.testing.workflow import approve, pair, person

pytestmark = pytest.mark.django_db


@pytest.fixture
def bands(cast):
    return twoway.define_pupil_outcome_measure(
        actor=cast["coordinator"],
        programme=cast["programme"],
        fields={
            "name": "Reading attainment",
            "scale": PupilOutcomeMeasure.Scale.BANDS,
            "bands": ["Working towards", "Expected", "Greater depth"],
        },
    )


def _record(relationship, learner, measure, before, after):
    for phase, counts in (("before", before), ("after", after)):
        twoway.record_pupil_outcome(
            actor=learner,
            relationship=relationship,
            measure=measure,
            phase=phase,
            band_counts=counts,
            percentage=None,
        )


def _learners(cast, count: int, organisation: Organisation | None = None):
    """`count` more mentoring pairs in the programme, each learner with figures."""
    made = []
    for number in range(count):
        place = organisation or cast["moorland"]
        mentor = person(place, f"Mentor {place.name} {number}")
        mentee = person(place, f"Mentee {place.name} {number}")
        approve(cast["programme"], mentor, "mentor")
        approve(cast["programme"], mentee, "mentee")
        if organisation is not None:
            cast["programme"].organisations.add(organisation)
        made.append((pair(cast["coordinator"], cast["programme"], mentor, mentee), mentee))
    return made


def test_the_coordinator_defines_a_measure_from_the_page(client, cast):
    client.force_login(cast["coordinator"])
    url = reverse("relationships:pupil-outcome-measures", args=[cast["programme"].uuid])
    response = client.post(
        url, {"name": "Attendance", "scale": "percentage", "description": "Whole class"}
    )
    assert response.status_code == 302
    assert PupilOutcomeMeasure.objects.get().name == "Attendance"


def test_a_bands_measure_needs_bands(client, cast):
    client.force_login(cast["coordinator"])
    url = reverse("relationships:pupil-outcome-measures", args=[cast["programme"].uuid])
    response = client.post(url, {"name": "Reading", "scale": "bands", "bands": "Only one"})
    assert response.status_code == 200
    assert "between 2 and 8 bands" in response.content.decode()
    assert not PupilOutcomeMeasure.objects.exists()


def test_the_learner_records_class_figures_and_a_name_is_refused(client, cast, bands):
    client.force_login(cast["mentee"])
    url = reverse(
        "relationships:pupil-outcome-record",
        args=[cast["relationship"].uuid, bands.uuid, "before"],
    )
    refused = client.post(url, {"band_0": "Jamie Smith", "band_1": "10", "band_2": "5"})
    assert refused.status_code == 200
    assert "Enter a whole number" in refused.content.decode()
    assert "Jamie Smith" not in PupilOutcomeRecord.objects.values_list("band_counts", flat=True)
    assert not PupilOutcomeRecord.objects.exists()
    assert client.post(url, {"band_0": "8", "band_1": "12", "band_2": "4"}).status_code == 302
    record = PupilOutcomeRecord.objects.get()
    assert record.band_counts == [8, 12, 4]
    # Recording again corrects the figures rather than adding a second row.
    client.post(url, {"band_0": "7", "band_1": "13", "band_2": "4"})
    assert PupilOutcomeRecord.objects.get().band_counts == [7, 13, 4]
    page = client.get(reverse("relationships:pupil-outcomes", args=[cast["relationship"].uuid]))
    assert "Reading attainment" in page.content.decode()


def test_figures_must_fit_the_measure(cast, bands):
    with pytest.raises(ValidationError):
        twoway.record_pupil_outcome(
            actor=cast["mentee"],
            relationship=cast["relationship"],
            measure=bands,
            phase="before",
            band_counts=[1, 2],
            percentage=None,
        )
    with pytest.raises(ValidationError):
        twoway.record_pupil_outcome(
            actor=cast["mentee"],
            relationship=cast["relationship"],
            measure=bands,
            phase="before",
            band_counts=[0, 0, 0],
            percentage=None,
        )


def test_the_mentor_does_not_record_the_learners_figures(cast, bands):
    with pytest.raises(PermissionError):
        _record(cast["relationship"], cast["mentor"], bands, [1, 1, 1], [1, 1, 1])


def test_fewer_than_5_learners_are_suppressed(cast, bands):
    for relationship, mentee in [(cast["relationship"], cast["mentee"]), *_learners(cast, 3)]:
        _record(relationship, mentee, bands, [10, 10, 0], [5, 10, 5])
    (tables,) = pupil_outcome_tables(cast["programme"])
    assert all(row.is_suppressed for row in tables.overall.rows)
    assert all(value == SUPPRESSED for row in tables.overall.rows for value in row.values)


def test_5_learners_show_the_shares_before_and_after(cast, bands):
    for relationship, mentee in [(cast["relationship"], cast["mentee"]), *_learners(cast, 4)]:
        _record(relationship, mentee, bands, [10, 10, 0], [5, 10, 5])
    (tables,) = pupil_outcome_tables(cast["programme"])
    working_towards, expected, greater_depth = tables.overall.rows
    assert working_towards.n == 5
    assert working_towards.values == ("50.0", "25.0", "-25.0")
    assert greater_depth.values == ("0.0", "25.0", "+25.0")
    assert not expected.is_suppressed


def test_a_learner_with_only_a_before_figure_does_not_count(cast, bands):
    made = _learners(cast, 4)
    for relationship, mentee in made:
        _record(relationship, mentee, bands, [10, 10, 0], [5, 10, 5])
    twoway.record_pupil_outcome(
        actor=cast["mentee"],
        relationship=cast["relationship"],
        measure=bands,
        phase="before",
        band_counts=[1, 1, 1],
        percentage=None,
    )
    (tables,) = pupil_outcome_tables(cast["programme"])
    assert tables.overall.rows[0].n == 4
    assert tables.overall.rows[0].is_suppressed


def test_a_small_organisation_is_hidden_with_a_cover_row(cast, bands):
    """6 learners at Moorland, 2 elsewhere: the 2 are hidden, and so is Moorland, or the
    programme's total minus Moorland would give them back."""
    elsewhere = OrganisationFactory.create(name="Brookside Primary")
    made = [(cast["relationship"], cast["mentee"]), *_learners(cast, 5)]
    made += _learners(cast, 2, organisation=elsewhere)
    for relationship, mentee in made:
        _record(relationship, mentee, bands, [10, 10, 0], [5, 10, 5])
    (tables,) = pupil_outcome_tables(cast["programme"])
    assert not tables.overall.rows[0].is_suppressed
    by_name = {row.label.split(":")[0]: row for row in tables.by_organisation.rows}
    assert by_name["Brookside Primary"].is_suppressed
    assert by_name["Moorland Academy"].is_suppressed
    assert "cannot be worked out" in tables.by_organisation.note


def test_the_report_page_shows_the_measure(client, cast, bands):
    client.force_login(cast["coordinator"])
    page = client.get(reverse("evaluation:pupil-outcomes", args=[cast["programme"].uuid]))
    text = page.content.decode()
    assert "Reading attainment" in text
    assert SUPPRESSED in text or "No data yet" in text


def test_the_pupil_outcomes_page_runs_a_fixed_number_of_queries(
    client, cast, bands, django_assert_num_queries
):
    url = reverse("relationships:pupil-outcomes", args=[cast["relationship"].uuid])
    client.force_login(cast["mentee"])
    client.get(url)
    # session, user, relationship, membership, records, measures
    with django_assert_num_queries(6):
        client.get(url)
    _record(cast["relationship"], cast["mentee"], bands, [1, 2, 3], [3, 2, 1])
    twoway.define_pupil_outcome_measure(
        actor=cast["coordinator"],
        programme=cast["programme"],
        fields={"name": "Attendance", "scale": PupilOutcomeMeasure.Scale.PERCENTAGE},
    )
    with django_assert_num_queries(6):
        client.get(url)


def test_the_impact_report_runs_a_fixed_number_of_queries(
    client, cast, bands, django_assert_num_queries
):
    url = reverse("evaluation:pupil-outcomes", args=[cast["programme"].uuid])
    _record(cast["relationship"], cast["mentee"], bands, [10, 10, 0], [5, 10, 5])
    client.force_login(cast["coordinator"])
    client.get(url)
    # session, user, programme, two permission checks, measures, records, memberships,
    # supporters, goal owners, log owners
    with django_assert_num_queries(11):
        client.get(url)
    for relationship, mentee in _learners(cast, 5):
        _record(relationship, mentee, bands, [10, 10, 0], [5, 10, 5])
    twoway.define_pupil_outcome_measure(
        actor=cast["coordinator"],
        programme=cast["programme"],
        fields={"name": "Attendance", "scale": PupilOutcomeMeasure.Scale.PERCENTAGE},
    )
    # The same queries whatever the number of learners and measures.
    with django_assert_num_queries(11):
        client.get(url)


def test_the_coordinator_renames_bands_but_cannot_change_their_number_once_used(
    client, cast, bands
):
    _record(cast["relationship"], cast["mentee"], bands, [1, 2, 3], [3, 2, 1])
    client.force_login(cast["coordinator"])
    url = reverse("relationships:pupil-outcome-measure-edit", args=[bands.uuid])
    refused = client.post(
        url, {"name": "Reading attainment", "scale": "bands", "bands": "Below\nAt"}
    )
    assert refused.status_code == 200
    assert "cannot change" in refused.content.decode()
    bands.refresh_from_db()
    assert len(bands.bands) == 3
    response = client.post(url, {"name": "Reading", "scale": "bands", "bands": "Below\nAt\nAbove"})
    assert response.status_code == 302
    bands.refresh_from_db()
    assert (bands.name, bands.bands) == ("Reading", ["Below", "At", "Above"])

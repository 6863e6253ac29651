"""Funding plans (the EPD pilot's allowance per term, seed 002 §2.3.5): planned activities
and spending kept by the participant and coordinators, balances exact to the penny, no
overspend without confirmation, dates within the programme, a finance export for
coordinators only (audited), and the plans in subject access, erasure and disposal."""

import csv
import datetime as dt
import io
import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from tandem.audit.models import AuditEvent
from tandem.privacy.services.erasure import erase_person
from tandem.privacy.services.retention import dispose_expired
from tandem.privacy.services.subject_access import collect
from tandem.programmes import funding
from tandem.programmes.models import Enrolment, PlannedActivity, Spending
from tandem.programmes.models_funding import term_of, terms_between
from tandem.testing.workflow import approve, person

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(cast):
    """Dana (mentee) has £700 a term; the programme runs 1 September 2026 to 31 July 2027."""
    programme = cast["programme"]
    programme.allowance_per_term = Decimal("700.00")
    programme.starts_on, programme.ends_on = dt.date(2026, 9, 1), dt.date(2027, 7, 31)
    programme.save()
    enrolment = Enrolment.objects.get(programme=programme, user=cast["mentee"], role="mentee")
    return {**cast, "enrolment": enrolment}


def spend(plan, amount, day=dt.date(2026, 10, 1), actor="mentee", **kwargs):
    return funding.record_spending(
        actor=plan[actor],
        enrolment=plan["enrolment"],
        spent_on=day,
        amount=Decimal(amount),
        description="Course fee",
        **kwargs,
    )


def test_terms_cover_every_day_of_the_programme():
    terms = terms_between(dt.date(2026, 9, 1), dt.date(2027, 7, 31))
    assert [term.label for term in terms] == [
        "Autumn term 2026",
        "Spring term 2027",
        "Summer term 2027",
    ]
    assert term_of(dt.date(2027, 8, 31)).key == "2027-summer"
    assert term_of(dt.date(2026, 12, 31)).ends_on == dt.date(2026, 12, 31)


def test_pence_add_up_exactly_and_the_balance_shows_what_is_left(plan):
    for _ in range(3):
        spend(plan, "0.10")
    funding.plan_activity(
        actor=plan["coordinator"],
        enrolment=plan["enrolment"],
        term="2026-autumn",
        title="Behaviour course",
        planned_cost=Decimal("450.50"),
    )
    autumn = funding.plan_of(plan["enrolment"])[0]
    assert autumn.spent == Decimal("0.30")
    assert autumn.remaining == Decimal("699.70")
    assert autumn.planned == Decimal("450.50")


def test_overspend_needs_confirmation(plan):
    spend(plan, "650.00")
    with pytest.raises(
        ValidationError, match=re.escape("more than the £50.00 left of the £700.00")
    ):
        spend(plan, "50.01")
    line = spend(plan, "50.01", confirm_overspend=True)
    assert line.is_overspend_confirmed
    # Another term has its own allowance.
    assert not spend(plan, "700.00", day=dt.date(2027, 1, 10)).is_overspend_confirmed


def test_spending_outside_the_programme_is_refused(plan):
    with pytest.raises(ValidationError, match="within the programme"):
        spend(plan, "10.00", day=dt.date(2027, 8, 1))


def test_only_the_participant_and_coordinators_keep_the_plan(plan):
    spend(plan, "5.00", actor="coordinator")
    with pytest.raises(PermissionError):
        spend(plan, "5.00", actor="mentor")
    with pytest.raises(ValidationError, match="one of the programme's terms"):
        funding.plan_activity(
            actor=plan["mentee"],
            enrolment=plan["enrolment"],
            term="2030-autumn",
            title="Late",
            planned_cost=Decimal(1),
        )


def test_a_removed_line_leaves_the_balance_and_is_audited(plan):
    line = spend(plan, "100.00")
    funding.remove_funding_line(actor=plan["mentee"], line=line)
    assert funding.plan_of(plan["enrolment"])[0].spent == Decimal(0)
    assert Spending.all_objects.get(pk=line.pk).deleted_at is not None
    assert AuditEvent.objects.filter(action="funding.line-removed").exists()


def test_plan_page_records_activity_and_spending(plan, client):
    client.force_login(plan["mentee"])
    url = reverse("programmes:funding-plan", args=[plan["enrolment"].uuid])
    response = client.post(
        url,
        {
            "form": "activity",
            "activity-term": "2026-autumn",
            "activity-title": "Subject knowledge day",
            "activity-planned_cost": "120.00",
        },
    )
    assert response.status_code == 302
    activity = PlannedActivity.objects.get()
    response = client.post(
        url,
        {
            "form": "spending",
            "spending-spent_on_day": "5",
            "spending-spent_on_month": "10",
            "spending-spent_on_year": "2026",
            "spending-amount": "800.00",
            "spending-description": "Subject knowledge day",
            "spending-activity": activity.pk,
        },
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "Tick “record it anyway”" in text, re.findall(r"error[^<]*<[^<]*<[^<]*", text)
    assert not Spending.objects.exists()
    response = client.get(url)
    assert "£700.00" in response.content.decode()


def test_finance_export_is_exact_and_audited(plan, client):
    spend(plan, "19.99")
    spend(plan, "0.01", day=dt.date(2027, 2, 1))
    client.force_login(plan["coordinator"])
    response = client.get(
        reverse("programmes:funding-export", args=[plan["programme"].uuid, "xlsx"])
    )
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    balances = list(workbook["Balances"].values)
    dana = [row for row in balances if row[0] == "Dana Mentee"]
    assert [row[5] for row in dana] == [19.99, 0.01, 0]
    assert dana[0][6] == pytest.approx(680.01)
    response = client.get(
        reverse("programmes:funding-export", args=[plan["programme"].uuid, "csv"])
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1][2:5] == ["Autumn term 2026", "2026-10-01", "19.99"]
    assert AuditEvent.objects.filter(action__startswith="funding.export").count() == 2


def test_overview_queries_do_not_grow_with_participants(plan, client):
    client.force_login(plan["coordinator"])
    url = reverse("programmes:funding-overview", args=[plan["programme"].uuid])
    spend(plan, "1.00")
    with CaptureQueriesContext(connection) as first:
        assert client.get(url).status_code == 200
    for number in range(3):
        learner = person(plan["moorland"], f"Learner {number}")
        enrolment = approve(plan["programme"], learner, "mentee")
        funding.record_spending(
            actor=plan["coordinator"],
            enrolment=enrolment,
            spent_on=dt.date(2026, 11, 1),
            amount=Decimal("2.50"),
            description="Books",
        )
    with CaptureQueriesContext(connection) as second:
        assert client.get(url).status_code == 200
    # Session and user, programme and coordinator check, participants, activities, spending.
    assert len(second) == len(first)


def test_subject_access_includes_removed_lines_and_erasure_keeps_only_the_amounts(plan):
    line = spend(plan, "42.00")
    funding.remove_funding_line(actor=plan["mentee"], line=line)
    spend(plan, "8.00")
    sections = {section.name: section.rows for section in collect(plan["mentee"])}
    assert [row["amount"] for row in sections["funding_spending"]] == [
        Decimal("42.00"),
        Decimal("8.00"),
    ]
    erase_person(actor=None, subject=plan["mentee"])
    assert set(Spending.all_objects.values_list("description", flat=True)) == {"(erased)"}
    assert Spending.all_objects.count() == 2


def test_plans_are_disposed_of_with_the_programme(plan):
    spend(plan, "8.00")
    dispose_expired(today=dt.date(2034, 1, 1))
    assert not Spending.all_objects.exists()

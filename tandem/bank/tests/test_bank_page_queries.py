"""The bank page runs the same number of queries however many mentors it lists."""

import pytest
from django.urls import reverse

from tandem.bank.models import BankEntry
from tandem.bank.tests.cast import accredit, build_bank_cast
from tandem.organisations.models import Phase
from tandem.people.models import Subject
from tandem.testing.workflow import approve, pair, person

pytestmark = pytest.mark.django_db


def _add_mentors(cast, names):
    phase, subject = Phase.objects.first(), Subject.objects.first()
    for name in names:
        user = person(cast["moorland"], name, career_stage="headteacher", years_in_profession=20)
        user.profile.phases.add(phase)
        user.profile.subjects.add(subject)
        accredit(user)
        BankEntry.objects.create(bank=cast["bank"], user=user, status=BankEntry.Status.APPROVED)
        BankEntry.objects.create(
            bank=cast["bank"],
            user=person(cast["moorland"], f"{name} Applicant"),
            status=BankEntry.Status.APPLIED,
        )


def test_the_bank_page_runs_a_fixed_number_of_queries(client, django_assert_num_queries):
    cast = build_bank_cast()
    _add_mentors(cast, ["Ann One", "Ben Two"])
    client.force_login(cast["coordinator"])
    url = reverse("bank:bank-detail", args=[cast["bank"].uuid])
    # Session and user (2); the bank; whether a coordinator (three checks); the viewer's
    # own entry; the entries page: count, rows with load and accreditation, phases,
    # subjects; the filter's phases and subjects (2); waiting entries; recruiting
    # programmes (the list and the form's choices). Then the same with more of every kind.
    with django_assert_num_queries(16):
        response = client.get(url, {"is_accredited": "on"})
    assert response.status_code == 200
    assert "Ann One" in response.content.decode()
    _add_mentors(cast, ["Cal Three", "Dee Four", "Eli Five", "Fin Six"])
    # A live relationship so the load column has something to count.
    mentee = person(cast["moorland"], "Mia Mentee")
    approve(cast["other_programme"], cast["mentor"], "mentor")
    approve(cast["other_programme"], mentee, "mentee")
    pair(cast["recruiter"], cast["other_programme"], cast["mentor"], mentee)
    with django_assert_num_queries(16):
        response = client.get(url, {"is_accredited": "on"})
    page = response.content.decode()
    assert "Fin Six" in page
    assert "Fin Six Applicant" in page  # waiting list
    assert "1 of 2" in page  # Bob's load out of his capacity


def test_the_load_shown_is_the_live_count(client):
    cast = build_bank_cast()
    client.force_login(cast["coordinator"])
    url = reverse("bank:bank-detail", args=[cast["bank"].uuid])
    assert "0 of 2" in client.get(url).content.decode()

"""Deciding an enrolment from the enrolments page: with htmx the same URL returns that
person's row (and the message) instead of the whole page; without JavaScript it redirects
to the page as before. The permission matrix covers who may decide."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from tandem.programmes import services
from tandem.programmes.models import Enrolment
from tandem.testing.htmx import HTMX, fragment_html
from tandem.testing.workflow import pair

pytestmark = pytest.mark.django_db


def _decide(client, cast, data, **headers):
    client.force_login(cast["coordinator"])
    url = reverse("programmes:enrolment-decide", args=[cast["application"].uuid])
    return client.post(url, {"confirmed": "yes"} | data, **headers)


def test_an_htmx_decision_returns_the_row_and_the_message(client, cast):
    response = _decide(client, cast, {"decision": "decline", "note": "Full this year."}, **HTMX)
    html = fragment_html(response, "<tr>")
    assert "Frank Applicant" in html
    assert "Declined" in html
    assert "Full this year." in html
    assert "Record decision" not in html  # decided: no form left in the row
    assert 'id="messages" data-hx-swap-oob="innerHTML"' in html
    assert "Decision recorded for Frank Applicant." in html
    cast["application"].refresh_from_db()
    assert cast["application"].status == Enrolment.Status.DECLINED


def test_an_htmx_decision_that_needs_a_note_keeps_the_form_and_says_why(client, cast):
    response = _decide(client, cast, {"decision": "approve", "note": ""}, **HTMX)
    html = response.content.decode()
    assert "Say why you are approving" in html
    assert "Record decision" in html
    assert "Not met: No mentor or coach training is recorded." in html
    cast["application"].refresh_from_db()
    assert cast["application"].status == Enrolment.Status.APPLIED


def test_the_message_is_shown_once_not_again_on_the_next_page(client, cast):
    _decide(client, cast, {"decision": "decline", "note": ""}, **HTMX)
    page = client.get(reverse("programmes:enrolment-list", args=[cast["programme"].uuid]))
    assert "Decision recorded" not in page.content.decode()


def test_without_htmx_the_decision_returns_to_the_enrolments_page(client, cast):
    response = _decide(client, cast, {"decision": "decline", "note": ""})
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "programmes:enrolment-list", args=[cast["programme"].uuid]
    )


def test_an_htmx_request_from_an_outsider_still_gets_404(client, cast):
    client.force_login(cast["outsider"])
    url = reverse("programmes:enrolment-decide", args=[cast["application"].uuid])
    response = client.post(url, {"decision": "approve", "note": "x"}, **HTMX)
    assert response.status_code == 404
    cast["application"].refresh_from_db()
    assert cast["application"].status == Enrolment.Status.APPLIED


def test_the_enrolments_page_loads_htmx_from_the_site_itself(client, cast):
    client.force_login(cast["coordinator"])
    page = client.get(reverse("programmes:enrolment-list", args=[cast["programme"].uuid]))
    html = page.content.decode()
    assert '<script src="/static/vendor/htmx/htmx-2.0.11' in html
    assert 'hx-target="closest tr"' in html


def test_a_decision_asks_first_saying_who_is_emailed(client, cast):
    response = _decide(client, cast, {"decision": "decline", "note": "", "confirmed": ""}, **HTMX)
    html = response.content.decode()
    assert "Decline Frank Applicant as mentor, coach or facilitator?" in html
    assert "Frank Applicant is emailed" in html
    assert "You can change this decision for 7 days" in html
    cast["application"].refresh_from_db()
    assert cast["application"].status == Enrolment.Status.APPLIED
    page = _decide(client, cast, {"decision": "decline", "note": "", "confirmed": ""})
    assert "Confirm your decision" in page.content.decode()


def test_a_decision_can_be_changed_within_7_days(client, cast):
    _decide(client, cast, {"decision": "decline", "note": "Full."})
    row = client.get(reverse("programmes:enrolment-list", args=[cast["programme"].uuid]))
    assert "Change decision" in row.content.decode()
    _decide(client, cast, {"decision": "approve", "note": "A place came free."})
    cast["application"].refresh_from_db()
    assert cast["application"].status == Enrolment.Status.APPROVED


def test_a_decision_cannot_be_changed_after_7_days(client, cast):
    _decide(client, cast, {"decision": "decline", "note": "Full."})
    later = timezone.now() + dt.timedelta(days=7, minutes=1)
    cast["application"].refresh_from_db()
    with time_machine.travel(later, tick=False):
        client.force_login(cast["coordinator"])  # the earlier session has expired
        page = client.get(reverse("programmes:enrolment-list", args=[cast["programme"].uuid]))
        assert "Change decision" not in page.content.decode()
        with pytest.raises(ValidationError, match="7 days only"):
            services.decide_enrolment(
                actor=cast["coordinator"], enrolment=cast["application"], approve=True, note="x"
            )
    cast["application"].refresh_from_db()
    assert cast["application"].status == Enrolment.Status.DECLINED


def test_an_approval_cannot_be_withdrawn_once_the_person_is_paired(cast):
    mentee = Enrolment.objects.get(programme=cast["programme"], user=cast["other_mentee"])
    services.decide_enrolment(actor=cast["coordinator"], enrolment=mentee, approve=True, note="")
    pair(cast["coordinator"], cast["programme"], cast["mentor"], cast["other_mentee"])
    with pytest.raises(ValidationError, match="already paired"):
        services.decide_enrolment(
            actor=cast["coordinator"], enrolment=mentee, approve=False, note="Oops"
        )

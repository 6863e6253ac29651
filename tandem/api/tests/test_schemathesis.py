"""Property-based API tests: schemathesis drives every operation in-process (WSGI) as each
role, with a small example budget so the suite stays fast. No 5xx; every response's
status code, content type, headers and body are ones the schema documents (errors included);
and a private note never reaches anyone but its author."""

import pytest
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis import openapi
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tandem.api.services import create_token
from tandem.evaluation.tests.cast import add_surveys, answer_all
from tandem.relationships.services.record import save_private_note
from tandem.wsgi import application

# Who writes the private notes in the cast, and their text (see tandem.testing.workflow).
MENTOR_NOTE = "Dana seemed tired: check workload next time."
MENTEE_NOTE = "Bob's feedback felt rushed; raise it kindly."
ROLES = ["mentee", "mentor", "coordinator", "outsider"]
EXAMPLES_PER_OPERATION = 2


def _no_private_note_for_others(author_of: dict[str, str], role: str):
    def no_private_note_leak(ctx, response, case):
        body = response.text
        for note, author in author_of.items():
            if author != role and note in body:
                message = f"{role} was shown a private note written by {author}"
                raise AssertionError(message)
        return True

    return no_private_note_leak


@pytest.fixture
def _keep_the_test_connection():
    """The WSGI handler closes database connections after each request; inside the test's
    transaction that closes PostgreSQL's connection under the test, so (as Django's own
    test client does) the receivers are detached while schemathesis calls the app."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.mark.usefixtures("_keep_the_test_connection")
@pytest.mark.parametrize("role", ROLES)
def test_the_api_conforms_to_its_schema_for(role, cast):
    save_private_note(actor=cast["mentee"], conversation=cast["conversation"], body=MENTEE_NOTE)
    # Surveys (some questions keyed to no Framework item) and an answered one, so the survey
    # and response operations return records for the schema to be checked against.
    surveys = add_surveys(cast)
    answer_all(surveys["mentee-baseline"], cast["mentee"], "mentee", 4)
    _token, text = create_token(actor=cast[role], name="Schemathesis", scope="read-write")
    headers = {"Authorization": f"Bearer {text}"}
    check_notes = _no_private_note_for_others({MENTOR_NOTE: "mentor", MENTEE_NOTE: "mentee"}, role)
    schema = openapi.from_wsgi("/api/v1/schema/", application)
    for result in schema.get_all_operations():
        operation = result.ok()

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            database=None,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        def check(case):
            response = case.call(headers=headers)
            case.validate_response(
                response,
                checks=[
                    not_a_server_error,
                    status_code_conformance,
                    content_type_conformance,
                    response_headers_conformance,
                    response_schema_conformance,
                    check_notes,
                ],
            )

        check()

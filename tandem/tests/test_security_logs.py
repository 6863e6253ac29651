"""Security logging: every sign-in, failure, lockout, refusal and read or export of a
confidential record is one JSON line with UTC time, request id, actor uuid, action and
object id; and no line, through any handler, ever holds a private note, a password, a
token or a one-time code."""

import json
import logging
import re
from collections.abc import Iterator

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.core.cache import cache
from django.urls import reverse

from tandem.api.services import create_token
from tandem.logs import JsonLogFormatter, RequestContextFilter
from tandem.testing.factories import TEST_PASSWORD, UserFactory

LOGIN = reverse("account_login")
pytestmark = pytest.mark.django_db

# The canaries: text that must never reach a log line.
CANARY_NOTE = "Canary note: quokka-7319 worries about the Ofsted visit"
CANARY_PASSWORD = "canary-Passw0rd-wombat-5521"
CANARY_TOKEN = "tdm_canarykey_canarysecretnumbat8842"
CANARY_FEED_TOKEN = "canaryfeedtokenplatypus6630"
CANARY_TOTP = "271828"


class Captured(logging.Handler):
    """Keeps every record that reaches the root logger."""

    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def configured_handlers() -> list[logging.Handler]:
    """Every handler attached to any logger, the settings' console handler among them."""
    handlers = set(logging.getLogger().handlers)
    for logger in logging.Logger.manager.loggerDict.values():
        if isinstance(logger, logging.Logger):
            handlers.update(logger.handlers)
    return [handler for handler in handlers if not isinstance(handler, Captured)]


class Log:
    def __init__(self, captured: Captured) -> None:
        self.captured = captured

    def texts(self) -> list[str]:
        """Each record as every configured handler would write it, plus its bare message."""
        texts = []
        for record in self.captured.records:
            texts.append(record.getMessage())
            for handler in configured_handlers():
                if handler.filter(record):
                    texts.append(handler.format(record))
        return texts

    def json_lines(self) -> list[dict]:
        """Each record as the settings' JSON console handler writes it."""
        formatter, context = JsonLogFormatter(), RequestContextFilter()
        lines = []
        for record in self.captured.records:
            context.filter(record)
            lines.append(json.loads(formatter.format(record)))
        return lines

    def events(self, action: str) -> list[dict]:
        return [line for line in self.json_lines() if line.get("action") == action]


@pytest.fixture
def log() -> Iterator[Log]:
    captured = Captured()
    root = logging.getLogger()
    level = root.level
    root.addHandler(captured)
    root.setLevel(logging.DEBUG)  # stricter than production (INFO): debug lines too
    cache.clear()  # allauth's failed-attempt counters
    try:
        yield Log(captured)
    finally:
        root.removeHandler(captured)
        root.setLevel(level)


def test_a_line_is_json_with_utc_time_request_id_actor_action_and_object(client, cast, log):
    client.force_login(cast["mentee"])  # Dana reads the conversation Bob logged: audited
    response = client.get(cast["conversation"].get_absolute_url())
    assert response.status_code == 200
    [read] = log.events("conversation.read")
    assert read["timestamp"].endswith("+00:00")
    assert re.fullmatch(r"[0-9a-f]{32}", read["request_id"])
    assert read["request_id"] == response["X-Request-ID"]
    assert read["actor"] == str(cast["mentee"].uuid)
    assert read["object_type"] == "relationships.conversation"
    assert read["object_id"] == str(cast["conversation"].uuid)
    assert read["level"] == "INFO"
    assert read["logger"] == "tandem.security"


def test_every_record_of_a_request_carries_its_id(client, cast, log):
    client.force_login(cast["mentor"])
    response = client.get(reverse("home"), headers={"X-Request-ID": "proxy-4f2a.17"})
    assert response["X-Request-ID"] == "proxy-4f2a.17"
    [line] = [line for line in log.json_lines() if line["message"] == "request"]
    assert line["request_id"] == "proxy-4f2a.17"
    assert line["actor"] == str(cast["mentor"].uuid)
    assert line["route"] == "/"
    assert line["status"] == 200


def test_a_request_id_that_could_forge_a_line_is_replaced(client, log):
    response = client.get(LOGIN, headers={"X-Request-ID": 'evil"\n{"action": "auth.sign-in"}'})
    assert re.fullmatch(r"[0-9a-f]{32}", response["X-Request-ID"])


def test_sign_in_failure_and_lockout_name_no_email_address(client, log):
    UserFactory(email="dana@example.org")
    for _ in range(5):
        client.post(LOGIN, {"login": "Dana@Example.org", "password": "wrong-password"})
    response = client.post(LOGIN, {"login": "dana@example.org", "password": "wrong-password"})
    assert "Too many failed login attempts" in response.content.decode()
    failures = log.events("auth.sign-in-failed")
    [locked] = log.events("auth.locked-out")
    assert len(failures) == 5
    # The same address, however it is typed, gives one key, so attempts can be correlated.
    assert {failure["login_key"] for failure in failures} == {locked["login_key"]}
    assert locked["level"] == "INFO"
    assert not any("dana@example.org" in text.lower() for text in log.texts())
    cache.clear()
    client.post(LOGIN, {"login": "dana@example.org", "password": "wrong-password"})
    other = UserFactory(email="eve@example.org")
    client.post(LOGIN, {"login": other.email, "password": "wrong-password"})
    keys = [failure["login_key"] for failure in log.events("auth.sign-in-failed")[-2:]]
    assert keys[0] == locked["login_key"] != keys[1]


def test_sign_in_and_out_name_the_person_by_uuid(client, log):
    user = UserFactory()
    client.post(LOGIN, {"login": user.email, "password": TEST_PASSWORD})
    client.post(reverse("account_logout"))
    [signed_in] = log.events("auth.sign-in")
    [signed_out] = log.events("auth.sign-out")
    assert signed_in["actor"] == signed_in["object_id"] == str(user.uuid)
    assert signed_out["actor"] == str(user.uuid)


def test_a_refusal_is_logged_with_the_object_and_status(client, cast, log):
    client.force_login(cast["outsider"])
    response = client.get(cast["conversation"].get_absolute_url())
    assert response.status_code == 404
    [refused] = log.events("access.refused")
    assert refused["status"] == 404
    assert refused["actor"] == str(cast["outsider"].uuid)
    assert refused["object_id"] == str(cast["conversation"].uuid)
    assert refused["object_type"] == "relationships:conversation-detail"
    assert refused["route"] == "/relationships/conversations/<uuid:conversation_uuid>/"
    assert refused["level"] == "WARNING"


def test_an_api_refusal_names_the_token_user(client, cast, log):
    _token, text = create_token(actor=cast["outsider"], name="Script", scope="read")
    url = reverse("api:conversation-detail", args=[cast["conversation"].uuid])
    response = client.get(url, headers={"Authorization": f"Bearer {text}"})
    assert response.status_code == 404
    [refused] = log.events("access.refused")
    assert refused["actor"] == str(cast["outsider"].uuid)
    assert refused["object_id"] == str(cast["conversation"].uuid)


def test_an_export_is_logged(client, cast, log):
    client.force_login(cast["mentee"])
    response = client.get(reverse("imports:goal-export", args=["csv"]))
    assert response.status_code == 200
    [export] = log.events("export.goals")
    assert export["actor"] == str(cast["mentee"].uuid)


def _sign_in_with_two_factor(client, user) -> None:
    """Password, then a wrong one-time code (the canary), as a person with TOTP set up."""
    TOTP.activate(user, generate_totp_secret())
    signed_in = client.post(LOGIN, {"login": user.email, "password": CANARY_PASSWORD})
    assert signed_in["Location"] == reverse("mfa_authenticate")
    refused = client.post(reverse("mfa_authenticate"), {"code": CANARY_TOTP})
    assert refused.status_code == 200
    assert "Incorrect code" in refused.content.decode()


def test_no_log_line_holds_a_note_password_token_or_code(client, cast, log):
    mentor, mentee = cast["mentor"], cast["mentee"]
    conversation = cast["conversation"]
    for user in (mentor, mentee, cast["other_mentee"]):
        user.set_password(CANARY_PASSWORD)
        user.save(update_fields=["password"])
    # Sign-in failures (the canary typed as the wrong account's password) and a lockout.
    outsider = UserFactory()
    for _ in range(6):
        client.post(LOGIN, {"login": outsider.email, "password": CANARY_PASSWORD})
    # A good sign-in, then the note written, read and changed through the pages.
    client.post(LOGIN, {"login": mentor.email, "password": CANARY_PASSWORD})
    note_url = reverse("relationships:private-note-edit", args=[conversation.uuid])
    assert client.post(note_url, {"body": CANARY_NOTE}).status_code == 302
    assert CANARY_NOTE in client.get(conversation.get_absolute_url()).content.decode()
    # Through the API with a token: read the note back, write it again, list it.
    _token, text = create_token(actor=mentor, name="Canary", scope="read-write")
    bearer = {"Authorization": f"Bearer {text}"}
    api_url = reverse("api:conversation-detail", args=[conversation.uuid])
    assert CANARY_NOTE in client.get(api_url, headers=bearer).content.decode()
    patched = client.patch(
        api_url, {"private_note": CANARY_NOTE}, content_type="application/json", headers=bearer
    )
    assert patched.status_code == 200
    client.get(reverse("api:conversation-list"), headers=bearer)
    # A made-up token, and a made-up calendar address (the path is the credential).
    assert (
        client.get(api_url, headers={"Authorization": f"Bearer {CANARY_TOKEN}"}).status_code == 401
    )
    feed_url = reverse("relationships:calendar-feed", args=[CANARY_FEED_TOKEN])
    assert client.get(feed_url).status_code == 404
    # Reads and exports by others, and a refusal.
    client.force_login(mentee)
    client.get(conversation.get_absolute_url())
    client.get(reverse("imports:goal-export", args=["csv"]))
    client.force_login(cast["outsider"])
    client.get(api_url)
    # Two-factor: a wrong one-time code.
    client.logout()
    _sign_in_with_two_factor(client, cast["other_mentee"])

    actions = {line.get("action") for line in log.json_lines()}
    assert {
        "auth.sign-in",
        "auth.sign-in-failed",
        "auth.locked-out",
        "access.refused",
        "conversation.read",
        "export.goals",
    } <= actions
    texts = log.texts()
    assert len(texts) > len(log.captured.records)  # formatted by the configured handlers too
    for canary in (CANARY_NOTE, CANARY_PASSWORD, CANARY_TOKEN, CANARY_FEED_TOKEN):
        assert not [text for text in texts if canary in text], canary
    assert not [text for text in texts if re.search(rf"(?<![0-9a-f]){CANARY_TOTP}(?!\d)", text)]
    emails = [user.email for user in (mentor, mentee, outsider, cast["other_mentee"])]
    assert not [text for text in texts if any(email in text for email in emails)]

"""/health/live and /health/ready: JSON, never cached, 503 with the failing check named."""

import datetime as dt
from contextlib import contextmanager
from unittest import mock

import pytest
from django.db import OperationalError
from django.db.migrations.recorder import MigrationRecorder
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from tandem.operations import health

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


# The test run disables migrations and builds its databases from the models, so the files
# on disk and the rows recording them are both stood in for.
ON_DISK = frozenset({("matching", "0001_initial"), ("matching", "0002_mentor_preferences")})


@contextmanager
def _recorded(migrations):
    with (
        mock.patch.object(health, "_expected_migrations", return_value=ON_DISK),
        mock.patch.object(
            MigrationRecorder, "applied_migrations", return_value=dict.fromkeys(migrations)
        ),
    ):
        yield


@pytest.fixture
def all_migrations_recorded(db):
    with _recorded(ON_DISK):
        yield


def _queue_task(model, *, waited):
    task = model.objects.create(
        task_path="tandem.relationships.tasks.send_reminders",
        args_kwargs={"args": [], "kwargs": {}},
        queue_name="default",
        backend_name="default",
    )
    # enqueued_at is set on creation (auto_now_add), so move it back afterwards.
    model.objects.filter(pk=task.pk).update(enqueued_at=timezone.now() - waited)


@pytest.mark.django_db
def test_live_answers_without_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/health/live")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.usefixtures("all_migrations_recorded")
def test_ready_reports_every_check_when_all_is_well(client):
    response = client.get(reverse("operations:health-ready"))
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "migrations", "task_backlog", "storage"}
    assert all(check["ok"] for check in body["checks"].values())


@pytest.mark.django_db
def test_ready_is_503_with_migrations_not_applied(client):
    with _recorded(sorted(ON_DISK)[:1]):
        response = client.get("/health/ready")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert not body["checks"]["migrations"]["ok"]
    assert "not applied" in body["checks"]["migrations"]["detail"]


@pytest.mark.usefixtures("all_migrations_recorded")
def test_ready_is_503_when_the_database_is_unreachable(client):
    refused = mock.Mock(side_effect=OperationalError("gone"))
    with mock.patch.dict(health.CHECKS, {"database": refused}):
        response = client.get("/health/ready")
    assert response.status_code == 503
    checks = response.json()["checks"]
    assert checks["database"] == {
        "ok": False,
        "detail": "database error (OperationalError)",
        "ms": checks["database"]["ms"],
    }
    # The message names the failure without the driver's text (which may hold a host name).
    assert "gone" not in response.content.decode()
    assert checks["migrations"]["detail"] == "skipped: the database is unreachable"


@pytest.mark.usefixtures("all_migrations_recorded")
def test_ready_is_503_when_storage_cannot_be_written(client):
    with mock.patch.object(health.default_storage, "save", side_effect=PermissionError("ro")):
        response = client.get("/health/ready")
    assert response.status_code == 503
    assert response.json()["checks"]["storage"]["detail"] == "cannot write (PermissionError)"


@pytest.mark.usefixtures("all_migrations_recorded")
@override_settings(TASKS=DATABASE_TASKS, TANDEM_HEALTH_MAX_BACKLOG_SECONDS=600)
def test_ready_is_503_when_tasks_have_waited_too_long(client):
    from django_tasks_db.models import DBTaskResult  # noqa: PLC0415 - needs the app loaded

    _queue_task(DBTaskResult, waited=dt.timedelta(minutes=11))
    response = client.get("/health/ready")
    assert response.status_code == 503
    assert response.json()["checks"]["task_backlog"]["detail"].startswith("oldest waiting task")


@pytest.mark.usefixtures("all_migrations_recorded")
@override_settings(TASKS=DATABASE_TASKS, TANDEM_HEALTH_MAX_BACKLOG_SECONDS=600)
def test_ready_is_fine_with_a_fresh_backlog(client):
    from django_tasks_db.models import DBTaskResult  # noqa: PLC0415 - needs the app loaded

    _queue_task(DBTaskResult, waited=dt.timedelta(minutes=2))
    assert client.get("/health/ready").status_code == 200


def test_the_old_health_page_still_answers(client):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.content == b"ok"


@override_settings(SECURE_SSL_REDIRECT=True)
def test_load_balancers_may_probe_over_plain_http(client):
    assert client.get("/health/live").status_code == 200

"""Uploads in storage every server and worker shares: S3 (tested against a local
S3-compatible server this test starts), and deployment warnings for one-machine settings."""

import uuid

import boto3
import pytest
from django.core.checks import run_checks
from django.core.files.storage import default_storage, storages
from django.test import override_settings
from moto.server import ThreadedMotoServer

from tandem import settings as project_settings
from tandem.imports.models import ImportJob
from tandem.imports.services import set_mapping, start_import
from tandem.imports.tests.helpers import csv_upload
from tandem.organisations.models import Membership
from tandem.testing.factories import MembershipFactory, OrganisationFactory

ROWS = [["t.jones@example.org", "Tom Jones", "", "Teacher", "teacher", "Member", "", ""]]


@pytest.fixture(scope="module")
def s3_server():
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    # moto keeps buckets for the whole process, so each server gets a bucket of its own.
    bucket = f"tandem-uploads-{uuid.uuid4().hex[:12]}"
    boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name="eu-west-2",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    ).create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": "eu-west-2"})
    yield endpoint, bucket
    server.stop()


@pytest.fixture
def s3_storage(s3_server):
    endpoint, bucket = s3_server
    environ = {
        "TANDEM_S3_BUCKET": bucket,
        "TANDEM_S3_ENDPOINT_URL": endpoint,
        "TANDEM_S3_REGION": "eu-west-2",
        "TANDEM_S3_ACCESS_KEY_ID": "testing",
        "TANDEM_S3_SECRET_ACCESS_KEY": "testing",
    }
    configured = project_settings.s3_storage(environ)
    assert configured is not None
    with override_settings(STORAGES={**project_settings.STORAGES, "default": configured}):
        storages._storages.clear()  # the handler caches storages; settings changed
        default_storage._wrapped = storages["default"]
        yield storages["default"]
    storages._storages.clear()
    default_storage._wrapped = storages["default"]


def test_no_bucket_means_no_s3():
    assert project_settings.s3_storage({}) is None


def test_the_storage_is_s3_when_a_bucket_is_named(s3_storage):
    assert type(s3_storage).__name__ == "S3Storage"
    assert s3_storage.bucket_name.startswith("tandem-uploads-")
    assert s3_storage.default_acl is None  # private: nothing is public in the bucket


@pytest.mark.django_db
def test_an_import_stored_in_s3_is_checked_by_whoever_picks_it_up(s3_storage):
    moorland = OrganisationFactory(name="Moorland Academy")
    leader = MembershipFactory(organisation=moorland, access=Membership.Access.LEADER).user
    job = start_import(actor=leader, kind="people", upload=csv_upload(ROWS), organisation=moorland)
    assert s3_storage.exists(job.file.name)
    # The file is read back through the storage, as a worker on another machine would.
    job = set_mapping(actor=leader, job=ImportJob.objects.get(pk=job.pk), mapping=job.mapping)
    assert job.status == ImportJob.Status.PREVIEWED
    assert job.num_create == 1


@pytest.mark.django_db
def test_an_evidence_file_in_s3_downloads_through_the_permission_check(s3_storage, client):
    from tandem.testing.workflow import build_cast  # noqa: PLC0415 - builds files in S3

    cast = build_cast()
    evidence = cast["evidence"]
    assert s3_storage.exists(evidence.file.name)
    client.force_login(cast["mentee"])
    response = client.get(f"/relationships/evidence/{evidence.uuid}/download/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    client.force_login(cast["outsider"])
    assert client.get(f"/relationships/evidence/{evidence.uuid}/download/").status_code == 404


@pytest.mark.django_db
def test_health_checks_s3_storage(s3_storage, client):
    from tandem.operations import health  # noqa: PLC0415

    assert health.check_storage() is None


def _deploy_warnings() -> set[str]:
    return {message.id for message in run_checks(include_deployment_checks=True)}


def test_check_deploy_warns_about_uploads_on_local_disk():
    local = {**project_settings.STORAGES}
    local["default"] = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    with override_settings(STORAGES=local):
        assert "operations.W001" in _deploy_warnings()


def test_check_deploy_is_content_with_shared_uploads(s3_storage):
    assert "operations.W001" not in _deploy_warnings()


@pytest.mark.parametrize(
    ("backend", "warned"),
    [
        ("django.core.cache.backends.locmem.LocMemCache", True),
        ("django.core.cache.backends.db.DatabaseCache", False),
        ("django.core.cache.backends.redis.RedisCache", False),
    ],
)
def test_check_deploy_warns_about_per_process_caches(backend, warned):
    with override_settings(CACHES={"default": {"BACKEND": backend, "LOCATION": "tandem_cache"}}):
        assert ("operations.W002" in _deploy_warnings()) is warned

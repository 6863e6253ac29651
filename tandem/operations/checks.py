"""Deployment checks (`tandem check --deploy`): settings that work on one machine and break
quietly on two."""

from collections.abc import Sequence
from typing import Any

from django.apps import AppConfig
from django.conf import settings
from django.core.checks import Tags, Warning, register  # noqa: A004 - Django's name

# Caches that live inside one process: each gunicorn worker counts sign-in failures apart.
PER_PROCESS_CACHES = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
}
LOCAL_DISK_STORAGES = {"django.core.files.storage.FileSystemStorage"}


@register(Tags.files, deploy=True)
def check_shared_uploads(app_configs: Sequence[AppConfig] | None, **kwargs: Any) -> list[Warning]:
    backend = settings.STORAGES["default"]["BACKEND"]
    if backend not in LOCAL_DISK_STORAGES:
        return []
    return [
        Warning(
            "Uploaded files are kept on this server's own disk.",
            hint=(
                "A second app server or a worker on another machine cannot read them (evidence "
                "downloads fail, imports stay 'checking rows'). Set TANDEM_S3_BUCKET (and "
                "TANDEM_S3_ENDPOINT_URL for an S3-compatible store), or mount one shared "
                "folder as TANDEM_MEDIA_ROOT on every machine."
            ),
            id="operations.W001",
        )
    ]


@register(Tags.caches, deploy=True)
def check_shared_cache(app_configs: Sequence[AppConfig] | None, **kwargs: Any) -> list[Warning]:
    backend = settings.CACHES["default"]["BACKEND"]
    if backend not in PER_PROCESS_CACHES:
        return []
    return [
        Warning(
            f"The cache ({backend.rsplit('.', 1)[-1]}) lives inside each process.",
            hint=(
                "Sign-in rate limits and lockouts are counted per worker, so they multiply "
                "with workers. Use the database cache or set REDIS_URL."
            ),
            id="operations.W002",
        )
    ]

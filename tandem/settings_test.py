"""Test overrides: fast hashing, in-memory email, no HTTPS redirects."""

import os

os.environ.setdefault("TANDEM_DEBUG", "0")
os.environ.setdefault("TANDEM_SECRET_KEY", "tandem-tests-only")
os.environ.setdefault("TANDEM_SSL_REDIRECT", "0")
# A fixed test-only Fernet key, so the encryption of private notes is exercised for real.
os.environ.setdefault("TANDEM_NOTE_KEYS", "dGFuZGVtLXRlc3RzLW9ubHktbm90LWEtcmVhbC1rZXk=")

from tandem.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
ALLOWED_HOSTS = ["*"]
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
WHITENOISE_AUTOREFRESH = True
MEDIA_ROOT = BASE_DIR / ".pytest_media"  # noqa: F405
# Tasks run at once in the test process, so reminder tests need no worker.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# Each test process keeps its own cache, cleared between tests that count sign-in failures;
# the production default is the shared database cache (test_shared_cache proves it).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

"""Tandem's one settings module, driven by environment variables (12-factor).

Defaults are safe for production: debug off, secure cookies on, HSTS on. Development
turns them off explicitly with TANDEM_DEBUG=1 (the `make demo` target does this).
"""

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, *, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    message = f"{name} must be one of 1/0, true/false, yes/no, on/off; got {value!r}."
    raise ImproperlyConfigured(message)


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("TANDEM_DEBUG", default=False)

SECRET_KEY = os.environ.get("TANDEM_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        message = "Set TANDEM_SECRET_KEY (or TANDEM_DEBUG=1 for local development)."
        raise ImproperlyConfigured(message)
    SECRET_KEY = "tandem-development-only-not-secret"  # noqa: S105 - only when DEBUG is on

ALLOWED_HOSTS = env_list("TANDEM_ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("TANDEM_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django.forms",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.google",
    "allauth.socialaccount.providers.microsoft",
    "django_htmx",
    "csp",
    "tandem.accounts",
    "tandem.organisations",
    "tandem.people",
    "tandem.framework",
    "tandem.audit",
    "tandem.programmes",
    "tandem.matching",
    "tandem.relationships",
    "tandem.evaluation",
    "rest_framework",
    "drf_spectacular",
    "tandem.imports",
    "tandem.events",
    "tandem.bank",
    "tandem.resources",
    "tandem.research",
    "tandem.casestudies",
    "tandem.evidence",
    "tandem.impact",
    "tandem.privacy",
    "tandem.api",
    "tandem.operations",
    "django_tasks",
    "django_tasks_db",
    "tandem.demo",
]

MIDDLEWARE = [
    "tandem.middleware.RequestContextMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "tandem.middleware.PrivateResponseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "tandem.accounts.middleware.StaffTwoFactorMiddleware",
    "tandem.accounts.middleware.SessionTimeoutMiddleware",
    "tandem.accounts.middleware.TwoFactorRequiredMiddleware",
    "tandem.audit.middleware.RefusalAuditMiddleware",
    "tandem.privacy.middleware.PrivacyNoticeMiddleware",
]

ROOT_URLCONF = "tandem.urls"
WSGI_APPLICATION = "tandem.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "tandem.accounts.context_processors.session_timeout",
            ],
        },
    },
]

FORM_RENDERER = "tandem.forms.FormRenderer"

# SQLite (WAL) is the embedded default; PostgreSQL 15+ in production via DATABASE_URL.
DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{BASE_DIR / 'tandem.sqlite3'}",
        conn_max_age=int(os.environ.get("TANDEM_DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    ),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers and one writer work at once; the pragmas are applied per connection.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; "
            "PRAGMA busy_timeout=5000;"
        ),
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

# --- Accounts: the shared cache, passwords, sign-in limits, two-factor and sessions ---

# Sign-in limits (allauth) and API throttles count in the cache, so it must be one that
# every app server and worker shares: Redis where REDIS_URL is set, otherwise a table in
# the database (created by `tandem migrate`). A per-process cache would multiply every
# limit by the number of workers.
CACHES: dict[str, dict[str, Any]]
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        },
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "tandem_cache",
            # Django culls a third of the entries past 300, which would forget sign-in
            # counters on a busy site; expired rows are still dropped as they are read.
            "OPTIONS": {"MAX_ENTRIES": 100_000},
        },
    }

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

# Argon2id for new and changed passwords; the others only check passwords stored before
# it (Django upgrades each one to Argon2id at its next sign-in).
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# A password-reset link works for one hour (allauth's links use Django's token generator).
PASSWORD_RESET_TIMEOUT = 60 * 60

# allauth: email is the login; no usernames.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_ADAPTER = "tandem.accounts.adapter.AccountAdapter"
# The sign-in form without a help text the page never shows (aria-describedby).
ACCOUNT_FORMS = {"login": "tandem.accounts.forms.LoginForm"}
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Tandem] "
# Changing an email address asks for the password again unless it was confirmed in the
# last five minutes; two-factor set-up does the same (allauth.mfa's default). Accounts
# with no password (single sign-on only) are not asked: allauth cannot yet send them
# back to their provider, which enforces its own checks.
ACCOUNT_REAUTHENTICATION_REQUIRED = True
ACCOUNT_REAUTHENTICATION_TIMEOUT = 5 * 60
ACCOUNT_RATE_LIMITS = {
    # The "key" is the account *and* the client's address (AccountAdapter), so five wrong
    # passwords from one address lock that address out of that account for 15 minutes
    # while its owner still signs in from elsewhere; twenty a minute from one address
    # stops password spraying across accounts.
    "login_failed": "20/m/ip,5/15m/key",
}
# Behind a reverse proxy every request comes from the proxy: count the proxies in front
# of the app servers so the client's own address is taken from X-Forwarded-For.
ALLAUTH_TRUSTED_PROXY_COUNT = int(os.environ.get("TANDEM_TRUSTED_PROXY_COUNT", "0"))
# Public sign-up is closed unless a deployment opens it; staff are invited or imported.
TANDEM_ALLOW_SIGNUP = env_bool("TANDEM_ALLOW_SIGNUP", default=False)
LOGIN_REDIRECT_URL = "home"
LOGIN_URL = "account_login"

# Two-factor: an authenticator app (TOTP) or a passkey (WebAuthn), with recovery codes.
# Everyone who can read confidential or aggregate data must set one up (see
# tandem.accounts.twofactor); people who signed in through an identity provider that
# enforces its own multi-factor authentication are exempt when TANDEM_SSO_MFA_TRUSTED=1.
MFA_SUPPORTED_TYPES = ["totp", "webauthn", "recovery_codes"]
MFA_TOTP_ISSUER = "Tandem"
MFA_PASSKEY_LOGIN_ENABLED = False
# Passkeys need HTTPS; local development runs over http://127.0.0.1.
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = DEBUG
TANDEM_SSO_MFA_TRUSTED = env_bool("TANDEM_SSO_MFA_TRUSTED", default=False)

# Sessions: signed out after 30 idle minutes for people who can read mentoring records
# (members of any relationship), 60 for everyone else, and 12 hours after signing in
# whatever they do (tandem.accounts.middleware.SessionTimeoutMiddleware).
TANDEM_SESSION_IDLE_RECORDS_SECONDS = 30 * 60
TANDEM_SESSION_IDLE_SECONDS = 60 * 60
SESSION_COOKIE_AGE = 60 * 60 * 12

LANGUAGE_CODE = "en-gb"
LANGUAGES = [("en-gb", "English (UK)")]
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True  # stored in UTC, shown in UK time

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(os.environ.get("TANDEM_MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"
STORAGES: dict[str, dict[str, Any]] = {
    # Uploads go to a configurable backend so a second app server sees them too.
    "default": {
        "BACKEND": os.environ.get(
            "TANDEM_FILE_STORAGE", "django.core.files.storage.FileSystemStorage"
        ),
    },
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        ),
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 5_242_880
TANDEM_MAX_EVIDENCE_BYTES = int(os.environ.get("TANDEM_MAX_EVIDENCE_BYTES", str(10 * 1024 * 1024)))

# Email: console in development; SMTP from the environment in production.
EMAIL_BACKEND = os.environ.get(
    "TANDEM_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("TANDEM_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("TANDEM_EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("TANDEM_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("TANDEM_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("TANDEM_EMAIL_USE_TLS", default=True)
DEFAULT_FROM_EMAIL = os.environ.get("TANDEM_DEFAULT_FROM_EMAIL", "Tandem <tandem@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Security: production defaults; DEBUG (local only) relaxes the HTTPS ones.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("TANDEM_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
SECURE_HSTS_SECONDS = 0 if DEBUG else int(os.environ.get("TANDEM_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
# Preload only marks the header as eligible; submitting the domain stays a manual step.
SECURE_HSTS_PRELOAD = env_bool("TANDEM_HSTS_PRELOAD", default=not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# REST API (/api/v1/): personal access tokens or the site's session, problem-details errors,
# stable pages, and a budget of requests per token.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "tandem.api.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["tandem.api.permissions.TokenScopePermission"],
    "DEFAULT_THROTTLE_CLASSES": [
        "tandem.api.throttles.TokenRateThrottle",
        "tandem.api.throttles.SessionRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "token": os.environ.get("TANDEM_API_TOKEN_RATE", "1000/hour"),
        "session": os.environ.get("TANDEM_API_SESSION_RATE", "2000/hour"),
    },
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "tandem.api.pagination.StablePagination",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "tandem.api.problems.problem_exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Tandem API",
    "DESCRIPTION": (
        "Organisations, people, programmes, enrolments, relationships (metadata), goals, "
        "conversations (shared record) and actions, with the same permissions as the pages."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    # Every operation documents its problem-details error responses (tandem/api/schema.py).
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "tandem.api.schema.document_problems",
    ],
    "ENUM_NAME_OVERRIDES": {
        "GoalStatusEnum": "tandem.relationships.models.record.GoalStatus",
        "ConversationStatusEnum": "tandem.relationships.models.record.ConversationStatus",
        "ModeEnum": "tandem.relationships.models.record.ConversationMode",
        "MatchRunModeEnum": "tandem.matching.models.RunMode",
        "MatchRunStatusEnum": "tandem.matching.models.RunStatus",
    },
}

# Single sign-on with Microsoft Entra ID and Google Workspace, each enabled only when its
# client id is set. Accounts are matched to existing people only by an address the
# provider's claims prove (tandem.accounts.sso).
SOCIALACCOUNT_PROVIDERS: dict[str, dict] = {}
# The one Google Workspace whose accounts may sign in, if the deployment names one.
TANDEM_GOOGLE_WORKSPACE_DOMAIN = (
    os.environ.get("TANDEM_GOOGLE_WORKSPACE_DOMAIN", "").strip().lower()
)
if os.environ.get("TANDEM_MICROSOFT_CLIENT_ID"):
    SOCIALACCOUNT_PROVIDERS["microsoft"] = {
        "APPS": [
            {
                "client_id": os.environ["TANDEM_MICROSOFT_CLIENT_ID"],
                "secret": os.environ.get("TANDEM_MICROSOFT_SECRET", ""),
                # "organizations" (any work account: multi-tenant) or one tenant's id.
                "settings": {"tenant": os.environ.get("TANDEM_MICROSOFT_TENANT", "organizations")},
            }
        ],
        "SCOPE": ["User.Read", "openid", "email", "profile"],
    }
if os.environ.get("TANDEM_GOOGLE_CLIENT_ID"):
    SOCIALACCOUNT_PROVIDERS["google"] = {
        "APPS": [
            {
                "client_id": os.environ["TANDEM_GOOGLE_CLIENT_ID"],
                "secret": os.environ.get("TANDEM_GOOGLE_SECRET", ""),
            }
        ],
        "SCOPE": ["openid", "email", "profile"],
        # Offers only that Workspace's accounts on Google's page (the hd parameter); the
        # returned ID token's hd claim is checked too (tandem.accounts.sso).
        "AUTH_PARAMS": (
            {"hd": TANDEM_GOOGLE_WORKSPACE_DOMAIN} if TANDEM_GOOGLE_WORKSPACE_DOMAIN else {}
        ),
    }
SOCIALACCOUNT_ADAPTER = "tandem.accounts.adapter.SocialAccountAdapter"
SOCIALACCOUNT_EMAIL_AUTHENTICATION = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = True
SOCIALACCOUNT_EMAIL_VERIFICATION = "none"
SOCIALACCOUNT_LOGIN_ON_GET = False
SOCIALACCOUNT_AUTO_SIGNUP = True
SOCIALACCOUNT_STORE_TOKENS = False

# Imports larger than this many rows are previewed and committed by a background worker.
TANDEM_IMPORT_INLINE_ROWS = int(os.environ.get("TANDEM_IMPORT_INLINE_ROWS", "300"))

# Matching runs for programmes with more mentees than this are computed by a background
# worker while the run page shows progress; smaller ones finish within the request.
TANDEM_MATCH_INLINE_MENTEES = int(os.environ.get("TANDEM_MATCH_INLINE_MENTEES", "500"))

# Retention periods overriding the defaults in tandem/privacy/retention.py, e.g.
# TANDEM_RETENTION=relationship=7y,import=30d (the system check rejects unknown names).
TANDEM_RETENTION = {
    name.strip(): period.strip()
    for name, _equals, period in (item.partition("=") for item in env_list("TANDEM_RETENTION"))
}

# Background work (reminder emails) goes through Django's task interface with the database
# backend, so any number of `tandem db_worker` processes share one queue in PostgreSQL.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TANDEM_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    },
}


# Operations: shared storage, health checks, background work and backups.
# Uploads go to S3-compatible object storage when a bucket is named, so every app server and
# worker reads the same files; otherwise to TANDEM_MEDIA_ROOT (one machine, or a shared mount).
def s3_storage(environ: Mapping[str, str]) -> dict[str, Any] | None:
    """The S3 storage named by TANDEM_S3_* in `environ`, or None without a bucket."""
    if not environ.get("TANDEM_S3_BUCKET"):
        return None
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": environ["TANDEM_S3_BUCKET"],
            "endpoint_url": environ.get("TANDEM_S3_ENDPOINT_URL") or None,
            "region_name": environ.get("TANDEM_S3_REGION") or None,
            "access_key": environ.get("TANDEM_S3_ACCESS_KEY_ID") or None,
            "secret_key": environ.get("TANDEM_S3_SECRET_ACCESS_KEY") or None,
            "location": environ.get("TANDEM_S3_PREFIX", ""),
            # Private files: downloads go through Tandem's permission checks; links to the
            # bucket itself are signed and short-lived, and nothing is overwritten.
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }


STORAGES["default"] = s3_storage(os.environ) or STORAGES["default"]
# Load balancers probe over plain HTTP inside the network.
SECURE_REDIRECT_EXEMPT = [r"^health/"]
# /health/ready fails when the oldest waiting task has waited longer than this.
TANDEM_HEALTH_MAX_BACKLOG_SECONDS = int(os.environ.get("TANDEM_HEALTH_MAX_BACKLOG_SECONDS", "600"))
# A running import or matching run touches its heartbeat this often; one not heard from for
# TANDEM_TASK_STALE_SECONDS was abandoned by a worker that died, and is failed so its owner
# can try again or discard it.
TANDEM_TASK_HEARTBEAT_SECONDS = float(os.environ.get("TANDEM_TASK_HEARTBEAT_SECONDS", "30"))
TANDEM_TASK_STALE_SECONDS = int(os.environ.get("TANDEM_TASK_STALE_SECONDS", "300"))
# The queue's record of a task still "running" after this long is failed by the sweep.
TANDEM_TASK_TIMEOUT_SECONDS = int(os.environ.get("TANDEM_TASK_TIMEOUT_SECONDS", str(6 * 3600)))
# Backups (`tandem backup`): where they are written and the Fernet key that encrypts them.
TANDEM_BACKUP_DIR = Path(os.environ.get("TANDEM_BACKUP_DIR", BASE_DIR / "backups"))
TANDEM_BACKUP_KEY = os.environ.get("TANDEM_BACKUP_KEY", "")
TANDEM_BACKUP_KEEP = int(os.environ.get("TANDEM_BACKUP_KEEP", "14"))

# Links in emails sent by background tasks (which have no request to build them from).
TANDEM_SITE_URL = os.environ.get(
    "TANDEM_SITE_URL", "http://127.0.0.1:8000" if DEBUG else "https://tandem.invalid"
)

# How long the one-time link in an invitation email works (tandem.accounts.invitations).
TANDEM_INVITATION_DAYS = int(os.environ.get("TANDEM_INVITATION_DAYS", "14"))

# Private mentoring notes are encrypted at rest with Fernet keys from the environment:
# comma-separated, newest first; older keys still decrypt, so keys can be rotated with
# `tandem rotate_note_keys`. Development derives a key from SECRET_KEY.
TANDEM_NOTE_KEYS = env_list("TANDEM_NOTE_KEYS")
if not TANDEM_NOTE_KEYS and not DEBUG:
    message = (
        "Set TANDEM_NOTE_KEYS to encrypt private notes: make a key with `python -c "
        '"from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())"`.'
    )
    raise ImproperlyConfigured(message)

# Logging and response headers (ASVS V16 security logging, V3.4 browser headers).
# Logs are JSON lines on stderr, timed in UTC, each with its request's id (X-Request-ID,
# taken from the proxy or made here) and the acting person's uuid; security events
# (sign-ins, failures, lockouts, refusals, reads and exports of confidential records) go to
# the `tandem.security` logger. tandem.logs says what a line may and may not hold.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_context": {"()": "tandem.logs.RequestContextFilter"}},
    "formatters": {"json": {"()": "tandem.logs.JsonLogFormatter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "filters": ["request_context"],
        },
    },
    "root": {"handlers": ["console"], "level": os.environ.get("TANDEM_LOG_LEVEL", "INFO")},
    "loggers": {
        # WeasyPrint and fontTools narrate every PDF step at INFO.
        **{name: {"level": "WARNING"} for name in ("weasyprint", "fontTools")},
        # One line per request (method, URL pattern, status, time): TANDEM_ACCESS_LOG=0
        # leaves that to the reverse proxy.
        "tandem.request": {
            "level": "NOTSET" if env_bool("TANDEM_ACCESS_LOG", default=True) else "WARNING",
        },
    },
}
# Browser features no page of Tandem uses are switched off for every page; passkeys
# (WebAuthn) stay available to the site itself.
TANDEM_PERMISSIONS_POLICY = ", ".join(
    [
        *(
            f"{feature}=()"
            for feature in (
                "accelerometer",
                "autoplay",
                "camera",
                "display-capture",
                "encrypted-media",
                "fullscreen",
                "geolocation",
                "gyroscope",
                "hid",
                "idle-detection",
                "magnetometer",
                "microphone",
                "midi",
                "payment",
                "picture-in-picture",
                "screen-wake-lock",
                "serial",
                "usb",
                "web-share",
                "xr-spatial-tracking",
            )
        ),
        "publickey-credentials-create=(self)",
        "publickey-credentials-get=(self)",
    ]
)

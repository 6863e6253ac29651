"""Gunicorn's settings for Tandem: `gunicorn -c gunicorn.conf.py tandem.wsgi`.

Threaded workers (gthread). Signing in spends a few hundred milliseconds hashing the
password; a sync worker does nothing else meanwhile, so with two sync workers a burst of
sign-ins queued every page behind it (p95 of reads rose to 0.9–2.9 s). Hashing runs in C
without Python's global lock, so a worker's other threads keep serving pages while one
thread hashes. bench/load.py measures reads with and without a sign-in burst.

Every value can be set from the environment (deploy/ sets them per machine).
"""

import multiprocessing
import os

bind = os.environ.get("TANDEM_BIND", "127.0.0.1:8000")
worker_class = os.environ.get("TANDEM_WEB_WORKER_CLASS", "gthread")
# One process per core; threads cover the time a request waits (database, hashing, disk).
workers = int(os.environ.get("TANDEM_WEB_WORKERS", str(multiprocessing.cpu_count())))
threads = int(os.environ.get("TANDEM_WEB_THREADS", "4"))
# A request that takes longer than this is stuck; its worker is restarted.
timeout = int(os.environ.get("TANDEM_WEB_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so slow leaks in libraries never grow without bound.
max_requests = int(os.environ.get("TANDEM_WEB_MAX_REQUESTS", "2000"))
max_requests_jitter = max_requests // 10
# The reverse proxy in front sets X-Forwarded-Proto; trust it from these addresses only.
forwarded_allow_ips = os.environ.get("TANDEM_FORWARDED_ALLOW_IPS", "127.0.0.1")
# Tandem logs each request itself (JSON, with its id and the URL pattern rather than a path
# that may hold a secret), so gunicorn's own access log stays off.
accesslog = None
errorlog = "-"
# Gunicorn's own messages in the same one-line JSON as the application's.
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "tandem.logs.JsonLogFormatter"}},
    "handlers": {
        "error_console": {"class": "logging.StreamHandler", "formatter": "json"},
        "console": {"class": "logging.StreamHandler", "formatter": "json"},
    },
    "loggers": {
        "gunicorn.error": {"level": "INFO", "handlers": ["error_console"], "propagate": False},
        "gunicorn.access": {"level": "INFO", "handlers": ["console"], "propagate": False},
    },
}

"""Production settings (TANDEM_DEBUG=0) for bench/load.py, with the changes a load generator
on one machine needs and nothing else: plain HTTP on 127.0.0.1, so cookies without the
Secure flag; and every simulated person signs in from the same address, so allauth's
per-address sign-in limits are lifted (the lockout itself is tested, not load-tested)."""

from tandem.settings import *  # noqa: F403

SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
ACCOUNT_RATE_LIMITS = False

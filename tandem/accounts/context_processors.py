"""What base.html needs about the signed-in session: when to warn that it will end."""

import time

from django.conf import settings
from django.http import HttpRequest

from tandem.accounts import sessions

# Warn this long before the session ends (WCAG 2.2.1: at least 20 seconds to respond).
WARN_SECONDS = 2 * 60


def session_timeout(request: HttpRequest) -> dict[str, object]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not hasattr(request, "session"):
        return {}
    idle = request.session.get(sessions.IDLE_SECONDS, settings.TANDEM_SESSION_IDLE_RECORDS_SECONDS)
    return {
        "session_seconds_left": sessions.seconds_left(request.session, time.time()),
        "session_warn_seconds": WARN_SECONDS,
        "session_idle_minutes": int(idle) // 60,
        "session_idle_seconds": int(idle),
    }

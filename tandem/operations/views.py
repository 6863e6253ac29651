"""Health endpoints for load balancers and uptime monitors: public, JSON, never cached."""

from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from tandem.operations.health import run_checks


@require_GET
@never_cache
def live(request: HttpRequest) -> JsonResponse:
    """The process answers (no database work): restart it if this fails."""
    return JsonResponse({"status": "ok"})


@require_GET
@never_cache
def ready(request: HttpRequest) -> JsonResponse:
    """Send traffic here only if the database, migrations, task queue and storage are fine."""
    outcomes = run_checks()
    is_ready = all(outcome.ok for outcome in outcomes.values())
    body = {
        "status": "ok" if is_ready else "unavailable",
        "checks": {
            name: {"ok": outcome.ok, "detail": outcome.detail, "ms": outcome.milliseconds}
            for name, outcome in outcomes.items()
        },
    }
    return JsonResponse(body, status=200 if is_ready else 503)

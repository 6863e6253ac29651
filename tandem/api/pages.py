"""Pages for people: their API tokens, and the API reference (no scripts, so CSP-safe)."""

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from drf_spectacular.generators import SchemaGenerator

from tandem.api.forms import TokenForm
from tandem.api.policy import get_token_for_user
from tandem.api.services import create_token, revoke_token
from tandem.http import AuthenticatedHttpRequest

HTTP_METHODS = ("get", "post", "put", "patch", "delete")


@require_http_methods(["GET", "POST"])
@login_required
def token_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = TokenForm(request.POST or None)
    new_token = None
    if request.method == "POST" and form.is_valid():
        _token, new_token = create_token(actor=request.user, **form.cleaned_data)
        form = TokenForm()
    tokens = request.user.api_tokens.order_by("revoked_at", "-created_at")
    context = {"form": form, "tokens": tokens, "new_token": new_token}
    return render(request, "api/token_list.html", context)


@require_POST
@login_required
def token_revoke(request: AuthenticatedHttpRequest, token_uuid: UUID) -> HttpResponse:
    token = get_token_for_user(request.user, token_uuid)
    revoke_token(actor=request.user, token=token)
    messages.success(request, f"Revoked “{token.name}”: it no longer works.")
    return redirect("api:token-list")


@require_GET
@login_required
def reference(request: AuthenticatedHttpRequest) -> HttpResponse:
    schema = SchemaGenerator().get_schema(request=None, public=True)
    operations = [
        {"path": route, "method": method.upper(), **operation}
        for route, item in schema["paths"].items()
        for method, operation in item.items()
        if method in HTTP_METHODS
    ]
    return render(request, "api/reference.html", {"schema": schema, "operations": operations})

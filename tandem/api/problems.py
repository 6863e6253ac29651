"""Errors as RFC 9457 problem details, with field errors; never a bare 500 for bad input."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

from tandem.relationships.services import EditConflictError

PROBLEM_CONTENT_TYPE = "application/problem+json"


def _field_errors(detail: Any) -> dict[str, list[str]]:
    if isinstance(detail, dict):
        return {
            str(name): [str(item) for item in (value if isinstance(value, list) else [value])]
            for name, value in detail.items()
        }
    if isinstance(detail, list):
        return {"non_field_errors": [str(item) for item in detail]}
    return {}


def _translate(error: Exception) -> Exception:
    """Service-layer errors become their API equivalents."""
    if isinstance(error, DjangoValidationError):
        detail = error.message_dict if hasattr(error, "error_dict") else error.messages
        return exceptions.ValidationError(detail)
    if isinstance(error, PermissionError):
        return exceptions.PermissionDenied(str(error) or None)
    if isinstance(error, EditConflictError):
        conflict = exceptions.APIException("Someone else changed this since you read it.")
        conflict.status_code = status.HTTP_412_PRECONDITION_FAILED
        return conflict
    if isinstance(error, Http404):
        return exceptions.NotFound()
    if isinstance(error, PermissionDenied):
        return exceptions.PermissionDenied()
    return error


def problem_exception_handler(error: Exception, context: dict) -> Response | None:
    response = exception_handler(_translate(error), context)
    if response is None:
        return None
    detail = response.data
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": response.status_text,
        "status": response.status_code,
    }
    if isinstance(detail, dict) and set(detail) == {"detail"}:
        body["detail"] = str(detail["detail"])
    else:
        body["detail"] = "The request has errors; see `errors`."
        body["errors"] = _field_errors(detail)
    response.data = body
    response.content_type = PROBLEM_CONTENT_TYPE
    return response

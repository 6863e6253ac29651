"""The error responses every operation can give, written into the OpenAPI schema, so a
client (and the schemathesis tests) know each status code and its problem-details body."""

from typing import Any

from tandem.api.problems import PROBLEM_CONTENT_TYPE

PROBLEM_SCHEMA = {
    "type": "object",
    "description": "An RFC 9457 problem: what went wrong, and each field's errors.",
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "errors": {
            "type": "object",
            "additionalProperties": {"type": "array", "items": {"type": "string"}},
        },
    },
    "required": ["type", "title", "status", "detail"],
}
EVERY_OPERATION = {
    "400": "The request has errors: each field's are in `errors`.",
    "401": "No valid access token or signed-in session.",
    "403": "You may see this but not change it, or the token's scope does not allow it.",
    "404": "No such record, or none you may see.",
    "429": "Too many requests for this token or session: wait and try again.",
}
WRITES = {
    "412": "Someone else changed the record since you read it (If-Match).",
    "415": "The body must be JSON.",
}


def document_problems(result: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    """drf-spectacular post-processing hook: add the problem responses to every operation."""
    result.setdefault("components", {}).setdefault("schemas", {})["Problem"] = PROBLEM_SCHEMA
    problem = {PROBLEM_CONTENT_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}}
    for path in result.get("paths", {}).values():
        for method, operation in path.items():
            errors = EVERY_OPERATION | (WRITES if method in {"post", "put", "patch"} else {})
            responses = operation.setdefault("responses", {})
            for code, description in errors.items():
                responses.setdefault(code, {"content": problem, "description": description})
    return result

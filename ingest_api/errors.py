"""Error responses: each names the field and the fix, and never echoes the request body.

FastAPI's default 422 body repeats the invalid input, which for POST /classify
would put ticket text into the response and into any log that records it.
"""

import logging

from fastapi import FastAPI, Request, status
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

log = logging.getLogger(__name__)

_FIXES = {
    "missing": "is required",
    "string_type": "must be a string",
    "int_type": "must be an integer",
    "int_parsing": "must be an integer",
    "enum": "must be one of the allowed values",
    "greater_than_equal": "is too small",
    "less_than_equal": "is too large",
    "model_attributes_type": "must be a JSON object",
    "dict_type": "must be a JSON object",
}


def _field_name(location: tuple) -> str:
    parts = [str(part) for part in location if part not in ("body", "query", "path", "header")]
    return ".".join(parts) or "body"


def describe_error(error: dict) -> dict:
    """Return one validation error as field and message, without the input value."""
    kind = error.get("type", "")
    field = _field_name(tuple(error.get("loc", ())))
    if kind == "json_invalid":
        return {"field": "body", "message": "the request body is not valid JSON; send a JSON object such as "
                                            '{"ticket_text": "..."}'}
    if kind == "enum":
        expected = error.get("ctx", {}).get("expected", "")
        return {"field": field, "message": f"{field} must be one of {expected}"}
    if kind == "value_error":
        # Messages of our own validators; they never contain the input.
        return {"field": field, "message": str(error.get("ctx", {}).get("error", error.get("msg")))}
    fix = _FIXES.get(kind, error.get("msg", "is invalid"))
    return {"field": field, "message": f"{field} {fix}"}


async def validation_error_handler(request: Request, exc: RequestValidationError) -> JSONResponse:
    """Return 422 with a readable message per invalid field."""
    content_type = request.headers.get("content-type", "")
    if request.method == "POST" and "application/json" not in content_type.lower():
        errors = [{"field": "Content-Type", "message": f"Content-Type must be application/json, got "
                                                         f"{content_type[:60] or 'none'}"}]
    else:
        errors = [describe_error(error) for error in exc.errors()]
    detail = "; ".join(error["message"] for error in errors)
    return JSONResponse(status_code=status.HTTP_422_UNPROCESSABLE_CONTENT, content={"detail": detail, "errors": errors})


async def unhandled_error_handler(request: Request, exc: Exception) -> JSONResponse:
    """Return 500 without details; log the error type with the request's ids."""
    log.error(
        "unhandled error",
        extra={"route": request.url.path, "error_type": type(exc).__name__,
               "audit_id": getattr(request.state, "audit_id", None),
               "customer_id": getattr(request.state, "customer_id", None)},
    )
    return JSONResponse(status_code=status.HTTP_500_INTERNAL_SERVER_ERROR,
                        content={"detail": "internal error; retry after 30 seconds. Contact support if it persists."})


def install_error_handlers(app: FastAPI) -> None:
    """Register the handlers on an app."""
    app.add_exception_handler(RequestValidationError, validation_error_handler)
    app.add_exception_handler(Exception, unhandled_error_handler)

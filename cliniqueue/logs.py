"""Structured logging for every CliniQueue process.

Records carry their context in `extra` fields (audit_id, customer_id, route,
status, duration_ms, ...). The JSON formatter writes only the message and those
fields. Callers never pass ticket text, API keys or PHI values. As a second
line of defense, the formatter drops any extra field named in FORBIDDEN_FIELDS
and prints exceptions without their messages.
"""

import json
import logging
import sys
import traceback
from datetime import datetime, timezone

# Attributes every LogRecord has; anything else on a record came from `extra`.
_STANDARD_ATTRIBUTES = frozenset(vars(logging.LogRecord("", 0, "", 0, "", None, None)).keys()) | {"message", "asctime"}

FORBIDDEN_FIELDS = frozenset({"ticket_text", "text", "scrubbed_text", "api_key", "password", "authorization"})

# Terminal colour variants that uvicorn attaches to its own records.
_IGNORED_FIELDS = frozenset({"color_message"})


def _context_fields(record: logging.LogRecord) -> dict:
    """Return the extra fields of a record, without forbidden ones."""
    return {
        name: value
        for name, value in vars(record).items()
        if name not in _STANDARD_ATTRIBUTES and name not in FORBIDDEN_FIELDS and name not in _IGNORED_FIELDS
        and not name.startswith("_")
    }


def format_exception_safely(exc_info) -> str:
    """Format an exception chain as types and stack frames, without exception messages.

    A library's exception message may quote its input (pydantic's validation
    errors do, for example), and on this service that input can be ticket text.
    Frames show file, line and function, never variable values.
    """
    _, error, _ = exc_info
    lines: list[str] = []
    seen: set[int] = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        lines.append(f"{type(error).__module__}.{type(error).__qualname__} (message omitted)")
        lines.extend(traceback.format_tb(error.__traceback__))
        error = error.__cause__ or error.__context__
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines).rstrip()


class JsonFormatter(logging.Formatter):
    """Format a record as one JSON object per line."""

    def format(self, record: logging.LogRecord) -> str:
        payload = {
            "time": datetime.fromtimestamp(record.created, tz=timezone.utc).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        payload.update(_context_fields(record))
        if record.exc_info:
            payload["exception"] = format_exception_safely(record.exc_info)
        return json.dumps(payload, default=str)


class TextFormatter(logging.Formatter):
    """Format a record as one readable line with key=value context."""

    def format(self, record: logging.LogRecord) -> str:
        base = f"{datetime.fromtimestamp(record.created):%H:%M:%S} {record.levelname:7} {record.name}: {record.getMessage()}"
        context = " ".join(f"{name}={value}" for name, value in _context_fields(record).items())
        line = f"{base} {context}".rstrip()
        if record.exc_info:
            line += "\n" + format_exception_safely(record.exc_info)
        return line


def configure_logging(*, log_format: str = "auto", level: str = "INFO", stream=None) -> None:
    """Install one handler on the root logger with the chosen format."""
    stream = stream or sys.stderr
    if log_format == "auto":
        log_format = "text" if stream.isatty() else "json"
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter() if log_format == "json" else TextFormatter())
    handler._cliniqueue = True

    # Replace only a handler this function installed earlier; handlers of the
    # embedding program (test capture, for example) stay.
    root = logging.getLogger()
    for existing in list(root.handlers):
        if getattr(existing, "_cliniqueue", False):
            root.removeHandler(existing)
    root.addHandler(handler)
    root.setLevel(level.upper())

    # Faust and aiokafka log at INFO on every rebalance and fetch; keep them at warnings.
    for noisy in ("aiokafka", "faust", "mode", "kafka", "uvicorn.access", "presidio-analyzer", "streams.transport"):
        logging.getLogger(noisy).setLevel(logging.WARNING)

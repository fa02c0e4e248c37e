"""Log formatting keeps exception messages, which may quote ticket text, out of log lines."""

import io
import json
import logging

from cliniqueue.logs import JsonFormatter, TextFormatter


def _log_chained_error(formatter: logging.Formatter) -> str:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(formatter)
    logger = logging.getLogger(f"test-logs-{id(formatter)}")
    logger.addHandler(handler)
    logger.propagate = False
    # Built at run time: traceback frames show source lines, and a literal here would appear in them.
    secret = " ".join(["Quillon", "Marbury,", "MRN", "55102"])
    try:
        try:
            raise ValueError(f"ticket_text='Patient {secret}'")
        except ValueError as error:
            raise RuntimeError(f"wrapped: {secret}") from error
    except RuntimeError:
        logger.exception("classification failed", extra={"audit_id": 7})
    return stream.getvalue()


def test_json_exception_omits_messages():
    line = _log_chained_error(JsonFormatter())
    record = json.loads(line)
    assert "Quillon" not in line
    assert "55102" not in line
    assert "builtins.RuntimeError" in record["exception"]
    assert "builtins.ValueError" in record["exception"]
    assert "test_logs.py" in record["exception"]
    assert record["audit_id"] == 7


def test_text_exception_omits_messages():
    output = _log_chained_error(TextFormatter())
    assert "Quillon" not in output
    assert "builtins.ValueError (message omitted)" in output


def test_forbidden_extra_fields_dropped():
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("test-logs-forbidden")
    logger.setLevel(logging.INFO)
    logger.addHandler(handler)
    logger.propagate = False
    logger.info("request", extra={"ticket_text": "Quillon Marbury", "api_key": "cq_x", "customer_id": "cus_1"})
    record = json.loads(stream.getvalue())
    assert "ticket_text" not in record
    assert "api_key" not in record
    assert record["customer_id"] == "cus_1"

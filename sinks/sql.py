"""Read-only SQL for operators and analysts on any ClickHouse the service uses."""

import re
from datetime import date, datetime
from decimal import Decimal
from uuid import UUID

MAX_ROWS = 10_000

# Statements that only read. Used on embedded chdb, where query settings such
# as readonly stay on the shared session after the query instead of applying
# to one query as on a ClickHouse server.
_READ_STATEMENT = re.compile(r"^\s*(SELECT|WITH|SHOW|DESCRIBE|DESC|EXPLAIN|EXISTS)\b", re.IGNORECASE)
_COMMENTS = re.compile(r"--[^\n]*|/\*.*?\*/", re.DOTALL)


def _json_value(value):
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, (Decimal, UUID)):
        return str(value)
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    if isinstance(value, (list, tuple)):
        return [_json_value(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _json_value(item) for key, item in value.items()}
    return value


def run_readonly_query(*, client, query: str, max_rows: int = MAX_ROWS) -> dict:
    """Run one read-only query; return column names and JSON-ready rows, at most max_rows.

    On a ClickHouse server the query runs with readonly=2, which rejects every
    statement that writes or changes the schema. On embedded chdb only a single
    statement of a reading kind is accepted (see _READ_STATEMENT).
    """
    if not query.strip():
        raise ValueError("the query is empty; pass a SELECT statement")

    if getattr(client, "embedded", False):
        statement = _COMMENTS.sub(" ", query).strip().rstrip(";")
        if ";" in statement or not _READ_STATEMENT.match(statement):
            raise ValueError("only one read-only statement (SELECT, WITH, SHOW, DESCRIBE, EXPLAIN) is allowed; "
                             "this is a readonly query interface")
        result = client.query(statement)
        rows = result.result_rows[:max_rows]
    else:
        result = client.query(query, settings={"readonly": 2, "max_result_rows": max_rows,
                                               "result_overflow_mode": "break"})
        rows = result.result_rows
    return {"columns": list(result.column_names), "rows": [_json_value(list(row)) for row in rows]}

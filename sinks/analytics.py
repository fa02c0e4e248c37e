"""Analytics reads over the views of migration 0002, and the SQL that grants an analyst one customer's rows.

Every read goes through a parameterized view (customer_*), so the customer
filter applies before FINAL and aggregation. Days are UTC dates and both ends
of a day range are included.
"""

import hashlib
import re
from datetime import date

# The plain views an analyst of one customer may read. Each returns customer_id.
ANALYST_VIEWS = (
    "analytics_classifications_daily",
    "analytics_phi_daily",
    "analytics_feedback_confusion",
    "analytics_feedback_agreement",
    "analytics_response_times_daily",
)

# Customer ids and database names end up inside SQL literals and identifiers of
# the access statements, so only these characters are accepted.
_SAFE_NAME = re.compile(r"^[A-Za-z0-9_]{1,64}$")


def _rows(result) -> list[dict]:
    return [dict(zip(result.column_names, row)) for row in result.result_rows]


def classifications_by_day(*, client, customer_id: str, start: date, end: date) -> list[dict]:
    """Return tickets, escalations and compliance flags per day, category, priority and team."""
    result = client.query(
        "SELECT day, category, priority, assigned_team, tickets, escalations, compliance_flags "
        "FROM customer_classifications_daily(customer_id = {customer_id:String}) "
        "WHERE day BETWEEN {start:Date} AND {end:Date} "
        "ORDER BY day, category, priority, assigned_team",
        parameters={"customer_id": customer_id, "start": start, "end": end},
    )
    return _rows(result)


def phi_flags_by_day(*, client, customer_id: str, start: date, end: date) -> list[dict]:
    """Return per day the tickets, the phi_exposure tickets and the tickets with phi_risk."""
    result = client.query(
        "SELECT day, tickets, phi_exposure_tickets, phi_risk_tickets "
        "FROM customer_phi_daily(customer_id = {customer_id:String}) "
        "WHERE day BETWEEN {start:Date} AND {end:Date} ORDER BY day",
        parameters={"customer_id": customer_id, "start": start, "end": end},
    )
    return _rows(result)


def feedback_agreement(*, client, customer_id: str) -> list[dict]:
    """Return per assigned category the corrections, those that kept it, and their share."""
    result = client.query(
        "SELECT category, feedback_rows, agreed_rows, agreement_rate "
        "FROM customer_feedback_agreement(customer_id = {customer_id:String}) ORDER BY category",
        parameters={"customer_id": customer_id},
    )
    return _rows(result)


def confusion_pairs(*, client, customer_id: str, start: date, end: date) -> list[dict]:
    """Return (original, corrected, corrections) of the corrections that changed the category, most frequent first."""
    result = client.query(
        "SELECT original_category, corrected_category, sum(corrections) AS corrections "
        "FROM customer_feedback_confusion(customer_id = {customer_id:String}) "
        "WHERE day BETWEEN {start:Date} AND {end:Date} AND original_category != corrected_category "
        "GROUP BY original_category, corrected_category "
        "ORDER BY corrections DESC, original_category, corrected_category",
        parameters={"customer_id": customer_id, "start": start, "end": end},
    )
    return _rows(result)


def response_times_by_day(*, client, customer_id: str, start: date, end: date,
                          route: str = "/classify") -> list[dict]:
    """Return per day the responses of one route and avg, p50, p95 and p99 of its HTTP 200 responses in ms."""
    result = client.query(
        "SELECT day, responses, ok_responses, avg_ms, p50_ms, p95_ms, p99_ms "
        "FROM customer_response_times_daily(customer_id = {customer_id:String}) "
        "WHERE route = {route:String} AND day BETWEEN {start:Date} AND {end:Date} ORDER BY day",
        parameters={"customer_id": customer_id, "route": route, "start": start, "end": end},
    )
    return _rows(result)


def _check_name(*, value: str, field: str) -> None:
    if not _SAFE_NAME.match(value):
        raise ValueError(f"invalid {field} {value!r}: use 1 to 64 letters, digits or underscores")


def analyst_user_name(*, customer_id: str) -> str:
    """Return the ClickHouse user name of a customer's analyst."""
    _check_name(value=customer_id, field="customer_id")
    return f"analyst_{customer_id}"


def analyst_access_statements(*, customer_id: str, password: str, database: str = "default") -> list[str]:
    """Build the statements that let a new ClickHouse user read one customer's rows of the analyst views.

    The user gets SELECT on the views only. The views run as their definer, so
    the row policies on the views, not those on the tables, restrict the rows.
    Only the SHA-256 digest of the password appears in the statements.
    """
    # NOTE: the tests only parse these statements, because chdb has no access
    # management. Check an analyst's login on the server before handing it over.
    _check_name(value=database, field="database")
    user = analyst_user_name(customer_id=customer_id)
    if not password:
        raise ValueError("missing password: pass the password the analyst will log in with")
    digest = hashlib.sha256(password.encode()).hexdigest()

    statements = [
        f"CREATE USER IF NOT EXISTS {user} IDENTIFIED WITH sha256_hash BY '{digest}' "
        f"DEFAULT DATABASE {database} "
        # Grafana's ClickHouse plugin (its clickhouse-go client) changes
        # max_execution_time, which readonly = 1 rejects unless it is changeable.
        "SETTINGS readonly = 1, max_execution_time = 60 CHANGEABLE_IN_READONLY",
    ]
    for view in ANALYST_VIEWS:
        statements.append(
            f"CREATE ROW POLICY IF NOT EXISTS {user} ON {database}.{view} "
            f"FOR SELECT USING customer_id = '{customer_id}' TO {user}"
        )
        statements.append(f"GRANT SELECT ON {database}.{view} TO {user}")
    return statements


def all_rows_policy_statements(*, grantees: list[str], database: str = "default") -> list[str]:
    """Build the row policies that keep every row of the analyst views visible to operator users.

    Once a view has a row policy, ClickHouse may hide all its rows from users
    that no policy names, depending on the server setting
    access_control_improvements.users_without_row_policies_can_read_rows.
    """
    _check_name(value=database, field="database")
    if not grantees:
        raise ValueError("missing grantees: name the operator users or roles that read every customer")
    for grantee in grantees:
        _check_name(value=grantee, field="grantee")
    names = ", ".join(grantees)
    return [f"CREATE ROW POLICY IF NOT EXISTS cliniqueue_operators ON {database}.{view} "
            f"FOR SELECT USING 1 TO {names}" for view in ANALYST_VIEWS]

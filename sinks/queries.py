"""Read queries over ClickHouse used by the edge, the worker and the CLI.

Every query filters by customer_id, so one customer never reads another's rows.
"""

from datetime import date

from schemas.messages import ClassificationResult


def fetch_classification(*, client, customer_id: str, audit_id: int) -> dict | None:
    """Return the stored classification of one of a customer's tickets, or None."""
    result = client.query(
        "SELECT audit_id, category, priority, phi_risk, escalate_immediately, compliance_flag, assigned_team, "
        "reasoning, suggested_reply, confidence, backend, embedding "
        "FROM classifications FINAL WHERE customer_id = {customer_id:String} AND audit_id = {audit_id:UInt64} LIMIT 1",
        parameters={"customer_id": customer_id, "audit_id": audit_id},
    )
    if not result.result_rows:
        return None
    return dict(zip(result.column_names, result.result_rows[0]))


def fetch_corrections(*, client) -> list[tuple[str, list[float], str]]:
    """Return (customer_id, embedding, corrected_category) of every correction with a stored embedding."""
    rows = client.query(
        "SELECT f.customer_id, c.embedding, f.corrected_category "
        "FROM (SELECT audit_id, customer_id, corrected_category FROM feedback FINAL) AS f "
        "INNER JOIN (SELECT audit_id, customer_id, embedding FROM classifications FINAL) AS c "
        "ON c.audit_id = f.audit_id AND c.customer_id = f.customer_id "
        "WHERE length(c.embedding) > 0"
    ).result_rows
    return [(customer_id, list(embedding), category) for customer_id, embedding, category in rows]


def month_summary(*, client, customer_id: str, month: date) -> dict:
    """Return the month's ticket count, PHI counts and mean response time of a customer."""
    counts = client.query(
        "SELECT count(), countIf(category = 'phi_exposure'), countIf(phi_risk) "
        "FROM classifications FINAL "
        "WHERE customer_id = {customer_id:String} AND toStartOfMonth(received_at) = {month:Date}",
        parameters={"customer_id": customer_id, "month": month},
    ).result_rows[0]
    response = client.query(
        "SELECT avg(response_ms) FROM responses FINAL "
        "WHERE customer_id = {customer_id:String} AND toStartOfMonth(responded_at) = {month:Date} AND status = 200",
        parameters={"customer_id": customer_id, "month": month},
    ).result_rows[0][0]
    return {
        "tickets": int(counts[0]),
        "phi_flags": int(counts[1]),
        "phi_in_text": int(counts[2]),
        "avg_response_ms": float(response) if response == response and response is not None else 0.0,
    }


def result_from_row(row: dict) -> dict:
    """Return the public response fields of a stored classification row."""
    fields = set(ClassificationResult.model_fields)
    return {name: value for name, value in row.items() if name in fields and name != "embedding"}

"""Analytics views, the documented queries, the access statements and the Grafana dashboard, on real ClickHouse."""

import json
import re
import statistics
import uuid
from datetime import date, datetime, timezone
from pathlib import Path

import pytest
from clickhouse_connect.driver.exceptions import DatabaseError

from schemas.labels import DEFAULT_TEAMS, Category, Priority, compliance_flag, escalate_immediately
from schemas.messages import ClassificationResult, FeedbackEvent, ResponseEvent
from sinks import analytics
from sinks.migrate import list_migrations, split_statements
from sinks.writer import (
    CLASSIFICATION_COLUMNS, FEEDBACK_COLUMNS, RESPONSE_COLUMNS, classification_row, feedback_row, response_row,
)

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "analytics.md"
DASHBOARD = ROOT / "deploy" / "grafana" / "cliniqueue-dashboard.json"
DOC_CUSTOMER = "cus_0123456789abcdef"
MARCH_START, MARCH_END = date(2026, 3, 1), date(2026, 3, 31)

# (audit_id, (month, day), category, priority, phi_risk, copies). Escalation,
# compliance flag and team follow from the labeling rules. Copies above 1
# imitate Kafka redelivery and must count once.
CLASSIFIED = [
    (1, (3, 2), Category.CLINICAL_URGENCY, Priority.CRITICAL, False, 2),
    (2, (3, 2), Category.CLINICAL_URGENCY, Priority.CRITICAL, True, 1),
    (3, (3, 2), Category.BILLING_CLAIMS, Priority.HIGH, False, 1),
    (4, (3, 2), Category.PHI_EXPOSURE, Priority.CRITICAL, True, 2),
    (5, (3, 3), Category.COMPLIANCE_REQUEST, Priority.MEDIUM, False, 1),
    (6, (3, 3), Category.REGULATORY_DEADLINE, Priority.HIGH, False, 1),
    (7, (3, 3), Category.BILLING_CLAIMS, Priority.MEDIUM, True, 1),
    (8, (3, 3), Category.PHI_EXPOSURE, Priority.CRITICAL, False, 1),
    (9, (3, 3), Category.PHI_EXPOSURE, Priority.CRITICAL, True, 2),
    (10, (4, 1), Category.ACCESS_LOGIN, Priority.MEDIUM, False, 1),
]

# (audit_id, (month, day, hour), original, corrected, copies). Ticket 8 is
# corrected twice, and the later correction (a confirmation) replaces the first.
CORRECTIONS = [
    (3, (3, 5, 9), Category.BILLING_CLAIMS, Category.BILLING_CLAIMS, 1),
    (7, (3, 5, 10), Category.BILLING_CLAIMS, Category.EHR_INTEGRATION, 1),
    (4, (3, 6, 9), Category.PHI_EXPOSURE, Category.PHI_EXPOSURE, 1),
    (8, (3, 6, 10), Category.PHI_EXPOSURE, Category.ACCESS_LOGIN, 1),
    (8, (3, 7, 10), Category.PHI_EXPOSURE, Category.PHI_EXPOSURE, 1),
    (9, (3, 6, 11), Category.PHI_EXPOSURE, Category.CLINICAL_URGENCY, 2),
    (1, (3, 6, 12), Category.CLINICAL_URGENCY, Category.CLINICAL_URGENCY, 1),
    (5, (4, 2, 9), Category.COMPLIANCE_REQUEST, Category.REGULATORY_DEADLINE, 1),
]

# POST /classify response times in ms: 1..100 on March 2 and four on March 3.
# Five 503 responses and one /feedback response must stay out of the percentiles.
CLASSIFY_MS_MARCH_2 = [float(value) for value in range(1, 101)]
CLASSIFY_MS_MARCH_3 = [10.0, 20.0, 30.0, 40.0]


def _at(month: int, day: int, hour: int = 12) -> datetime:
    return datetime(2026, month, day, hour, tzinfo=timezone.utc)


def _classification(*, customer_id: str, audit_id: int, received_at: datetime, category: Category,
                     priority: Priority, phi_risk: bool) -> ClassificationResult:
    return ClassificationResult(
        audit_id=audit_id, customer_id=customer_id, correlation_id=uuid.uuid4().hex, source="rest",
        received_at=received_at, classified_at=received_at, category=category, priority=priority,
        phi_risk=phi_risk, escalate_immediately=escalate_immediately(priority=priority),
        compliance_flag=compliance_flag(category=category), assigned_team=DEFAULT_TEAMS[category],
        reasoning=f"Classified as {category.value}", suggested_reply=None, confidence=0.9, backend="local",
        classify_ms=3.0, embedding=[0.1, 0.2],
    )


def _seed_main_customer(*, client, customer_id: str) -> None:
    classification_rows = []
    for audit_id, (month, day), category, priority, phi_risk, copies in CLASSIFIED:
        result = _classification(customer_id=customer_id, audit_id=audit_id, received_at=_at(month, day),
                                 category=category, priority=priority, phi_risk=phi_risk)
        classification_rows += [classification_row(result)] * copies
    client.insert("classifications", classification_rows, column_names=CLASSIFICATION_COLUMNS)

    feedback_rows = []
    for audit_id, (month, day, hour), original, corrected, copies in CORRECTIONS:
        event = FeedbackEvent(audit_id=audit_id, customer_id=customer_id, original_category=original,
                              corrected_category=corrected, created_at=_at(month, day, hour))
        feedback_rows += [feedback_row(event)] * copies
    client.insert("feedback", feedback_rows, column_names=FEEDBACK_COLUMNS)

    responses = []
    audit_id = 1000
    for day, values in ((2, CLASSIFY_MS_MARCH_2), (3, CLASSIFY_MS_MARCH_3)):
        for value in values:
            audit_id += 1
            responses.append(ResponseEvent(audit_id=audit_id, customer_id=customer_id, route="/classify",
                                           status=200, response_ms=value, responded_at=_at(3, day)))
    for _ in range(5):
        audit_id += 1
        responses.append(ResponseEvent(audit_id=audit_id, customer_id=customer_id, route="/classify",
                                       status=503, response_ms=5000.0, responded_at=_at(3, 2)))
    responses.append(ResponseEvent(audit_id=audit_id + 1, customer_id=customer_id, route="/feedback",
                                   status=200, response_ms=999.0, responded_at=_at(3, 2)))
    response_rows = [response_row(event) for event in responses]
    client.insert("responses", response_rows + response_rows[:3], column_names=RESPONSE_COLUMNS)


def _seed_other_customer(*, client, customer_id: str) -> None:
    """Rows of a second customer on the same days, which no result of the first may include."""
    rows = [classification_row(_classification(customer_id=customer_id, audit_id=audit_id, received_at=_at(3, 2),
                                               category=Category.PHI_EXPOSURE, priority=Priority.CRITICAL,
                                               phi_risk=True))
            for audit_id in (1, 2, 3)]
    client.insert("classifications", rows, column_names=CLASSIFICATION_COLUMNS)
    event = FeedbackEvent(audit_id=1, customer_id=customer_id, original_category=Category.BILLING_CLAIMS,
                          corrected_category=Category.EHR_INTEGRATION, created_at=_at(3, 5))
    client.insert("feedback", [feedback_row(event)], column_names=FEEDBACK_COLUMNS)
    response = ResponseEvent(audit_id=1, customer_id=customer_id, route="/classify", status=200,
                             response_ms=10_000.0, responded_at=_at(3, 2))
    client.insert("responses", [response_row(response)], column_names=RESPONSE_COLUMNS)


@pytest.fixture(scope="module")
def customers(clickhouse_client):
    """Ids of two customers with seeded rows: (main, other)."""
    main = f"cus_{uuid.uuid4().hex[:16]}"
    other = f"cus_{uuid.uuid4().hex[:16]}"
    _seed_main_customer(client=clickhouse_client, customer_id=main)
    _seed_other_customer(client=clickhouse_client, customer_id=other)
    return main, other


def _percentiles(values: list[float]) -> tuple[float, float, float]:
    """Return p50, p95 and p99 interpolated like numpy.percentile's default."""
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    return cuts[49], cuts[94], cuts[98]


def _doc_expectations() -> dict[str, list[tuple]]:
    march_2 = _percentiles(CLASSIFY_MS_MARCH_2)
    march_3 = _percentiles(CLASSIFY_MS_MARCH_3)
    month_ms = CLASSIFY_MS_MARCH_2 + CLASSIFY_MS_MARCH_3
    return {
        "tickets_per_day_by_category": [
            (date(2026, 3, 2), "billing_claims", 1), (date(2026, 3, 2), "clinical_urgency", 2),
            (date(2026, 3, 2), "phi_exposure", 1), (date(2026, 3, 3), "billing_claims", 1),
            (date(2026, 3, 3), "compliance_request", 1), (date(2026, 3, 3), "phi_exposure", 2),
            (date(2026, 3, 3), "regulatory_deadline", 1),
        ],
        "escalations_per_team": [
            ("privacy_office", 3, 3, 0), ("clinical_operations", 2, 2, 0), ("revenue_cycle", 2, 0, 0),
            ("compliance", 1, 0, 1), ("regulatory_affairs", 1, 0, 1),
        ],
        "phi_flags_per_day": [(date(2026, 3, 2), 4, 1, 2), (date(2026, 3, 3), 5, 2, 2)],
        "agreement_per_category": [
            ("billing_claims", 2, 1, 0.5), ("clinical_urgency", 1, 1, 1.0), ("compliance_request", 1, 0, 0.0),
            ("phi_exposure", 3, 2, round(2 / 3, 4)),
        ],
        "confusion_pairs": [("billing_claims", "ehr_integration", 1), ("phi_exposure", "clinical_urgency", 1)],
        "agreement_in_range": [("billing_claims", 2, 1), ("clinical_urgency", 1, 1), ("phi_exposure", 3, 2)],
        "response_times": [
            (date(2026, 3, 2), 105, 100, round(statistics.mean(CLASSIFY_MS_MARCH_2), 2),
             *(round(value, 2) for value in march_2)),
            (date(2026, 3, 3), 4, 4, round(statistics.mean(CLASSIFY_MS_MARCH_3), 2),
             *(round(value, 2) for value in march_3)),
        ],
        "parameterized_view": [(date(2026, 3, 2), 1, 2), (date(2026, 3, 3), 2, 2), (date(2026, 4, 1), 0, 0)],
        "month_percentiles": [(len(month_ms), round(_percentiles(month_ms)[1], 2))],
    }


def _doc_sql_blocks() -> list[str]:
    return re.findall(r"```sql\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.DOTALL)


def _parses(*, client, statement: str) -> bool:
    """Return whether ClickHouse's SQL parser accepts a statement, without running it."""
    formatted = client.query("SELECT formatQuery({statement:String})", parameters={"statement": statement})
    return bool(formatted.result_rows[0][0])


def _view_names(*, client) -> set[str]:
    result = client.query("SELECT name FROM system.tables WHERE database = currentDatabase() AND engine = 'View'")
    return {row[0] for row in result.result_rows}


def test_migration_rerun_keeps_views(clickhouse_client):
    sql = next(text for version, _, text in list_migrations() if version == 2)
    for statement in split_statements(sql):
        clickhouse_client.command(statement)

    views = _view_names(client=clickhouse_client)
    assert set(analytics.ANALYST_VIEWS) <= views
    twins = {name.replace("analytics_", "customer_", 1) for name in analytics.ANALYST_VIEWS}
    assert twins <= views


def test_views_read_final_and_return_customer_id(clickhouse_client):
    for view in analytics.ANALYST_VIEWS:
        definition = clickhouse_client.query(
            "SELECT create_table_query FROM system.tables WHERE database = currentDatabase() AND name = {v:String}",
            parameters={"v": view},
        ).result_rows[0][0]
        columns = [column for column in clickhouse_client.query(f"SELECT * FROM {view} LIMIT 0").column_names]
        assert " FINAL" in definition, view
        assert "SQL SECURITY DEFINER" in definition, view
        assert "customer_id" in columns, view
        assert not [column for column in columns if "text" in column], view


def test_doc_examples_return_seeded_numbers(clickhouse_client, customers):
    main, _ = customers
    expected = _doc_expectations()
    examples = {}
    for block in _doc_sql_blocks():
        first_line = block.splitlines()[0]
        if first_line.startswith("-- example: "):
            examples[first_line.removeprefix("-- example: ").strip()] = block
        else:
            assert first_line.startswith("-- server only:"), f"sql block without a marker: {first_line!r}"

    assert set(examples) == set(expected)
    for name, sql in examples.items():
        assert DOC_CUSTOMER in sql, f"{name} does not filter by the example customer"
        rows = clickhouse_client.query(sql.replace(DOC_CUSTOMER, main)).result_rows
        assert [tuple(row) for row in rows] == expected[name], name


def test_doc_examples_exclude_other_customer(clickhouse_client, customers):
    _, other = customers
    block = next(block for block in _doc_sql_blocks() if block.startswith("-- example: phi_flags_per_day"))
    rows = clickhouse_client.query(block.replace(DOC_CUSTOMER, other)).result_rows
    assert [tuple(row) for row in rows] == [(date(2026, 3, 2), 3, 3, 3)]


def test_reads_return_one_customer(clickhouse_client, customers):
    main, other = customers
    client = clickhouse_client

    daily = analytics.classifications_by_day(client=client, customer_id=main, start=MARCH_START, end=MARCH_END)
    assert sum(row["tickets"] for row in daily) == 9
    assert sum(row["escalations"] for row in daily) == 5
    assert sum(row["compliance_flags"] for row in daily) == 2
    assert {row["assigned_team"] for row in daily if row["category"] == "phi_exposure"} == {"privacy_office"}

    phi = analytics.phi_flags_by_day(client=client, customer_id=main, start=MARCH_START, end=MARCH_END)
    assert [(row["day"], row["phi_exposure_tickets"], row["phi_risk_tickets"]) for row in phi] == [
        (date(2026, 3, 2), 1, 2), (date(2026, 3, 3), 2, 2)]
    other_phi = analytics.phi_flags_by_day(client=client, customer_id=other, start=MARCH_START, end=MARCH_END)
    assert [(row["day"], row["tickets"]) for row in other_phi] == [(date(2026, 3, 2), 3)]

    agreement = {row["category"]: row for row in analytics.feedback_agreement(client=client, customer_id=main)}
    assert agreement["phi_exposure"]["feedback_rows"] == 3
    assert agreement["phi_exposure"]["agreement_rate"] == pytest.approx(2 / 3)
    assert agreement["billing_claims"]["agreement_rate"] == pytest.approx(0.5)

    pairs = analytics.confusion_pairs(client=client, customer_id=main, start=MARCH_START, end=MARCH_END)
    assert [(row["original_category"], row["corrected_category"], row["corrections"]) for row in pairs] == [
        ("billing_claims", "ehr_integration", 1), ("phi_exposure", "clinical_urgency", 1)]

    times = analytics.response_times_by_day(client=client, customer_id=main, start=MARCH_START, end=MARCH_END)
    assert [row["day"] for row in times] == [date(2026, 3, 2), date(2026, 3, 3)]
    assert (times[0]["p50_ms"], times[0]["p95_ms"], times[0]["p99_ms"]) == pytest.approx(
        _percentiles(CLASSIFY_MS_MARCH_2))
    assert times[0]["responses"] == 105
    other_times = analytics.response_times_by_day(client=client, customer_id=other, start=MARCH_START,
                                                  end=MARCH_END)
    assert [row["p99_ms"] for row in other_times] == [10_000.0]


def test_reads_of_unknown_customer_are_empty(clickhouse_client, customers):
    unknown = f"cus_{uuid.uuid4().hex[:16]}"
    assert analytics.phi_flags_by_day(client=clickhouse_client, customer_id=unknown, start=MARCH_START,
                                      end=MARCH_END) == []
    assert analytics.feedback_agreement(client=clickhouse_client, customer_id=unknown) == []


def test_parameterized_view_needs_customer(clickhouse_client, customers):
    with pytest.raises(DatabaseError):
        clickhouse_client.query("SELECT count() FROM customer_phi_daily")


def test_chdb_rejects_access_control(clickhouse_client, customers):
    if not clickhouse_client.embedded:
        pytest.skip("chdb's access limits only; a server runs these statements")
    main, _ = customers
    statements = analytics.analyst_access_statements(customer_id=main, password="analyst-password")
    create_user = statements[0]
    create_policy = next(statement for statement in statements if statement.startswith("CREATE ROW POLICY"))

    for statement in (create_user, create_policy):
        with pytest.raises(DatabaseError, match="ACCESS_DENIED"):
            clickhouse_client.command(statement)


def test_access_statements_parse(clickhouse_client, customers):
    main, _ = customers
    statements = analytics.analyst_access_statements(customer_id=main, password="analyst-password")
    statements += analytics.all_rows_policy_statements(grantees=["cliniqueue", "grafana_admin"])
    for block in _doc_sql_blocks():
        if block.startswith("-- server only:"):
            statements += split_statements(block)

    assert len(statements) > 2 * len(analytics.ANALYST_VIEWS)
    for statement in statements:
        assert _parses(client=clickhouse_client, statement=statement), statement
    with pytest.raises(DatabaseError, match="Syntax error"):
        _parses(client=clickhouse_client, statement="CREATE ROW POLICY p ON t USIN customer_id = 'x' TO u")


def test_access_statements_cover_every_view():
    statements = analytics.analyst_access_statements(customer_id="cus_0123456789abcdef", password="s3cret-pass")
    user = "analyst_cus_0123456789abcdef"

    assert statements[0].startswith(f"CREATE USER IF NOT EXISTS {user} ")
    assert "readonly = 1" in statements[0]
    assert not [statement for statement in statements if "s3cret-pass" in statement]
    for view in analytics.ANALYST_VIEWS:
        assert (f"CREATE ROW POLICY IF NOT EXISTS {user} ON default.{view} "
                f"FOR SELECT USING customer_id = 'cus_0123456789abcdef' TO {user}") in statements
        assert f"GRANT SELECT ON default.{view} TO {user}" in statements
    assert not [statement for statement in statements if "ON default.customer_" in statement]
    assert not [statement for statement in statements if " ON default.classifications" in statement]


@pytest.mark.parametrize("customer_id", ["cus_x'; DROP TABLE feedback; --", "", "cus x", "a" * 65])
def test_access_statements_reject_unsafe_id(customer_id):
    with pytest.raises(ValueError, match="invalid customer_id"):
        analytics.analyst_access_statements(customer_id=customer_id, password="analyst-password")


def test_access_statements_need_password():
    with pytest.raises(ValueError, match="missing password"):
        analytics.analyst_access_statements(customer_id="cus_0123456789abcdef", password="")


def _grafana_sql(sql: str, *, customer_id: str) -> str:
    """Replace the dashboard's variable and macro the way Grafana and the ClickHouse plugin expand them."""
    sql = sql.replace("${customer_id:sqlstring}", f"'{customer_id}'")
    sql = sql.replace("$__dateFilter(day)", f"day >= toDate('{MARCH_START}') AND day <= toDate('{MARCH_END}')")
    return sql


def _dashboard_panels() -> dict[str, dict]:
    dashboard = json.loads(DASHBOARD.read_text(encoding="utf-8"))
    return {panel["title"]: panel for panel in dashboard["panels"]}


def test_dashboard_queries_run_on_views(clickhouse_client, customers):
    main, _ = customers
    views = {name for name in _view_names(client=clickhouse_client) if name.startswith("analytics_")}
    panels = _dashboard_panels()

    assert len(panels) == 5
    for title, panel in panels.items():
        for target in panel["targets"]:
            assert target["datasource"]["type"] == "grafana-clickhouse-datasource", title
            sql = target["rawSql"]
            referenced = set(re.findall(r"\bFROM\s+([A-Za-z_][A-Za-z0-9_]*)", sql))
            assert referenced, title
            assert referenced <= views, f"{title} reads {referenced - views}"
            assert "${customer_id:sqlstring}" in sql, title

            expanded = _grafana_sql(sql, customer_id=main)
            assert "$" not in expanded, title
            assert clickhouse_client.query(expanded).result_rows, title


def test_dashboard_numbers_match_seed(clickhouse_client, customers):
    main, _ = customers
    panels = _dashboard_panels()

    def run(title: str):
        sql = _grafana_sql(panels[title]["targets"][0]["rawSql"], customer_id=main)
        result = clickhouse_client.query(sql)
        return [dict(zip(result.column_names, row)) for row in result.result_rows]

    per_category = run("Tickets per day by category")
    assert sum(value for row in per_category for name, value in row.items() if name != "time") == 9
    assert [row["phi_exposure"] for row in per_category] == [1, 2]

    escalations = run("Escalations and compliance flags")
    assert [(row["escalations"], row["compliance_flags"]) for row in escalations] == [(3, 0), (2, 2)]

    phi = run("PHI flags")
    assert [(row["phi_exposure_tickets"], row["phi_risk_tickets"]) for row in phi] == [(1, 2), (2, 2)]

    agreement = {row["category"]: row["agreement_rate"] for row in run("Feedback agreement per category")}
    assert agreement == pytest.approx({"billing_claims": 0.5, "clinical_urgency": 1.0, "phi_exposure": 2 / 3})

    times = run("Response time of POST /classify")
    assert (times[0]["p50_ms"], times[0]["p95_ms"], times[0]["p99_ms"]) == pytest.approx(
        _percentiles(CLASSIFY_MS_MARCH_2))


def test_dashboard_customer_variable_lists_seeded(clickhouse_client, customers):
    dashboard = json.loads(DASHBOARD.read_text(encoding="utf-8"))
    variable = next(item for item in dashboard["templating"]["list"] if item["name"] == "customer_id")
    listed = {row[0] for row in clickhouse_client.query(variable["query"]).result_rows}
    assert set(customers) <= listed

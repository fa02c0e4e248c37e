"""Every endpoint and error code of the public API, through the real broker and ClickHouse."""

import time

import pytest

from customers import service as customers_service
from tests.conftest import wait_for

URGENT = "Our physician cannot pull up patient records and there is a patient in the exam room right now"
RESPONSE_FIELDS = {"audit_id", "category", "priority", "phi_risk", "escalate_immediately", "compliance_flag",
                   "assigned_team", "reasoning", "suggested_reply", "confidence", "backend"}
CATEGORIES = {"clinical_urgency", "phi_exposure", "ehr_integration", "billing_claims", "access_login",
              "compliance_request", "regulatory_deadline", "training_onboarding"}


def classify(http, api_key, text):
    return http.post("/classify", json={"ticket_text": text}, headers={"X-API-Key": api_key})


def test_health_without_key(service):
    with service.http() as http:
        response = http.get("/health")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"


def test_ready_checks_kafka_and_clickhouse(service):
    with service.http() as http:
        body = http.get("/health/ready").json()
    assert body["kafka"] == "ok"
    assert body["clickhouse"] == "ok"
    assert body["status"] == "ok"


def test_classify_returns_contract_fields(service, customer_factory):
    _, _, api_key = customer_factory()
    with service.http() as http:
        response = classify(http, api_key, URGENT)
    assert response.status_code == 200
    body = response.json()
    assert set(body) == RESPONSE_FIELDS
    assert body["category"] in CATEGORIES
    assert 1 <= body["audit_id"] <= 2**53 - 1
    assert 0 <= body["confidence"] <= 1
    assert body["escalate_immediately"] == (body["priority"] == "critical")
    assert body["compliance_flag"] == (body["category"] in ("compliance_request", "regulatory_deadline"))
    assert body["suggested_reply"] is None
    assert body["reasoning"]


def test_classify_urgent_example_is_critical(service, customer_factory):
    _, _, api_key = customer_factory()
    with service.http() as http:
        body = classify(http, api_key, URGENT).json()
    assert body["category"] == "clinical_urgency"
    assert body["priority"] == "critical"
    assert body["assigned_team"] == "clinical_operations"


def test_drafts_and_team_overrides_apply(service, customer_factory):
    _, _, api_key = customer_factory(drafts_enabled=True, team_overrides={"clinical_urgency": "er_desk"})
    with service.http() as http:
        body = classify(http, api_key, URGENT).json()
    assert body["assigned_team"] == "er_desk"
    assert isinstance(body["suggested_reply"], str)
    assert body["suggested_reply"]


@pytest.mark.parametrize("headers", [{}, {"X-API-Key": "cq_unknown_key"}, {"X-API-Key": ""}])
def test_classify_rejects_missing_or_unknown_key(service, headers):
    with service.http() as http:
        response = http.post("/classify", json={"ticket_text": URGENT}, headers=headers)
    assert response.status_code == 401
    assert "X-API-Key" in response.json()["detail"] or "API key" in response.json()["detail"]


def test_revoked_key_rejected_within_seconds(service, customer_factory, clickhouse_client):
    _, key_id, api_key = customer_factory()
    with service.http() as http:
        assert classify(http, api_key, URGENT).status_code == 200
        customers_service.revoke_key(client=clickhouse_client, key_id=key_id)
        time.sleep(service.state.settings.key_cache_ttl_s + 0.5)
        response = classify(http, api_key, URGENT)
    assert response.status_code == 401


@pytest.mark.parametrize(
    ("body", "field_hint"),
    [
        ({}, "ticket_text is required"),
        ({"ticket_text": 42}, "ticket_text must be a string"),
        ({"ticket_text": ["a"]}, "ticket_text must be a string"),
        ({"ticket_text": ""}, "ticket_text is empty"),
        ({"ticket_text": "  \n\t "}, "ticket_text is empty"),
        ({"ticket_text": None}, "ticket_text must be a string"),
    ],
)
def test_classify_rejects_bad_ticket_text(service, customer_factory, body, field_hint):
    _, _, api_key = customer_factory()
    with service.http() as http:
        response = http.post("/classify", json=body, headers={"X-API-Key": api_key})
    assert response.status_code == 422
    assert field_hint in response.json()["detail"]


def test_classify_rejects_malformed_json(service, customer_factory):
    _, _, api_key = customer_factory()
    with service.http() as http:
        response = http.post("/classify", content=b'{"ticket_text": "no closing',
                             headers={"X-API-Key": api_key, "Content-Type": "application/json"})
    assert response.status_code == 422
    assert "not valid JSON" in response.json()["detail"]


def test_classify_rejects_wrong_content_type(service, customer_factory):
    _, _, api_key = customer_factory()
    with service.http() as http:
        response = http.post("/classify", content=b"ticket_text=hello",
                             headers={"X-API-Key": api_key, "Content-Type": "text/plain"})
    assert response.status_code == 422
    assert "Content-Type must be application/json" in response.json()["detail"]


def test_error_bodies_never_echo_ticket_text(service, customer_factory):
    _, _, api_key = customer_factory()
    secret = "Wilhelmina Zorbatronic"
    with service.http() as http:
        responses = [
            http.post("/classify", json={"ticket_text": [secret]}, headers={"X-API-Key": api_key}),
            http.post("/classify", content=f'{{"ticket_text": "{secret}'.encode(),
                      headers={"X-API-Key": api_key, "Content-Type": "application/json"}),
            http.post("/classify", json={"ticket_text": secret * 3000}, headers={"X-API-Key": api_key}),
        ]
    for response in responses:
        assert response.status_code in (413, 422)
        assert secret not in response.text


def test_classify_rejects_too_long_text(service, customer_factory):
    _, _, api_key = customer_factory()
    limit = service.state.settings.max_ticket_chars
    with service.http() as http:
        response = classify(http, api_key, "a" * (limit + 1))
        at_limit = classify(http, api_key, "printer question " + "a" * (limit - 17))
    assert response.status_code == 413
    assert str(limit) in response.json()["detail"]
    assert at_limit.status_code == 200


def test_classify_quota_exhausted_returns_429(service, customer_factory):
    _, _, api_key = customer_factory(monthly_limit=2)
    with service.http() as http:
        statuses = [classify(http, api_key, URGENT).status_code for _ in range(3)]
        response = classify(http, api_key, URGENT)
    assert statuses == [200, 200, 429]
    body = response.json()
    assert response.status_code == 429
    assert body["monthly_limit"] == 2
    assert body["tickets_this_month"] == 2
    assert body["reset_at"].startswith(("20",))
    assert "limit" in body["detail"]


def test_timeout_returns_503_and_still_records(service, customer_factory):
    _, _, api_key = customer_factory()
    settings = service.state.settings
    original = settings.classify_timeout_s
    settings.classify_timeout_s = 0.001
    try:
        with service.http() as http:
            response = classify(http, api_key, URGENT)
    finally:
        settings.classify_timeout_s = original
    assert response.status_code == 503
    assert int(response.headers["Retry-After"]) > 0
    audit_id = response.json()["audit_id"]

    with service.http() as http:
        stored = wait_for(lambda: (r := http.get(f"/classifications/{audit_id}", headers={"X-API-Key": api_key}))
                          .status_code == 200 and r.json())
    assert stored["audit_id"] == audit_id
    assert stored["category"] == "clinical_urgency"
    assert set(stored) == RESPONSE_FIELDS


def test_get_classification_is_tenant_scoped(service, customer_factory):
    _, _, key_a = customer_factory()
    _, _, key_b = customer_factory()
    with service.http() as http:
        answered = classify(http, key_a, URGENT).json()
        audit_id = answered["audit_id"]
        own = wait_for(lambda: (r := http.get(f"/classifications/{audit_id}", headers={"X-API-Key": key_a}))
                       .status_code == 200 and r)
        other = http.get(f"/classifications/{audit_id}", headers={"X-API-Key": key_b})
        missing = http.get("/classifications/12345", headers={"X-API-Key": key_a})
    assert own.json() == answered
    assert other.status_code == 404
    assert missing.status_code == 404


def test_feedback_accepted_and_recorded(service, customer_factory, clickhouse_client):
    customer, _, api_key = customer_factory()
    with service.http() as http:
        original = classify(http, api_key, URGENT).json()
        response = http.post("/feedback", json={"audit_id": original["audit_id"], "corrected_category": "ehr_integration"},
                             headers={"X-API-Key": api_key})
    assert response.status_code == 200
    assert response.json() == {"accepted": True, "audit_id": original["audit_id"], "corrected_category": "ehr_integration"}

    row = wait_for(lambda: clickhouse_client.query(
        "SELECT corrected_category, original_category, created_at FROM feedback FINAL "
        "WHERE customer_id = {c:String} AND audit_id = {a:UInt64}",
        parameters={"c": customer.customer_id, "a": original["audit_id"]},
    ).result_rows)
    assert row[0][0] == "ehr_integration"
    assert row[0][1] == original["category"]
    assert row[0][2] is not None


def test_feedback_rejects_unknown_or_foreign_audit_id(service, customer_factory):
    _, _, key_a = customer_factory()
    _, _, key_b = customer_factory()
    with service.http() as http:
        audit_id = classify(http, key_a, URGENT).json()["audit_id"]
        foreign = http.post("/feedback", json={"audit_id": audit_id, "corrected_category": "billing_claims"},
                            headers={"X-API-Key": key_b})
        unknown = http.post("/feedback", json={"audit_id": 99, "corrected_category": "billing_claims"},
                            headers={"X-API-Key": key_a})
    assert foreign.status_code == 404
    assert unknown.status_code == 404


@pytest.mark.parametrize("body", [
    {"audit_id": 1, "corrected_category": "printer_problems"},
    {"audit_id": "abc", "corrected_category": "billing_claims"},
    {"corrected_category": "billing_claims"},
    {"audit_id": 1},
])
def test_feedback_rejects_invalid_body(service, customer_factory, body):
    _, _, api_key = customer_factory()
    with service.http() as http:
        response = http.post("/feedback", json=body, headers={"X-API-Key": api_key})
    assert response.status_code == 422
    assert response.json()["detail"]


def test_feedback_names_valid_categories(service, customer_factory):
    _, _, api_key = customer_factory()
    with service.http() as http:
        response = http.post("/feedback", json={"audit_id": 1, "corrected_category": "printer_problems"},
                             headers={"X-API-Key": api_key})
    assert "corrected_category" in response.json()["detail"]
    assert "training_onboarding" in response.json()["detail"]


def test_analytics_summary_counts_this_month(service, customer_factory):
    customer, _, api_key = customer_factory(monthly_limit=50)
    other_customer, _, other_key = customer_factory()
    texts = [
        URGENT,
        "We faxed the lab results for Marguerite Okonkwo-Baptiste DOB 04/12/1958 MRN 5512-9904 to the wrong clinic",
        "How do I add a new nurse to the scheduling module?",
    ]
    with service.http() as http:
        results = [classify(http, api_key, text).json() for text in texts]
        classify(http, other_key, URGENT)

        expected_flags = sum(result["category"] == "phi_exposure" for result in results)
        expected_phi = sum(result["phi_risk"] for result in results)

        def summary_complete():
            # Classifications and response times reach ClickHouse in separate sink batches.
            body = http.get("/analytics/summary", headers={"X-API-Key": api_key}).json()
            stored = (body["avg_response_ms"] > 0 and body["phi_flags_month"] == expected_flags
                      and body["phi_in_text_month"] == expected_phi)
            return body if stored else None

        body = wait_for(summary_complete)
    assert body["customer_name"] == customer.name
    assert body["plan"] == "compliant"
    assert body["monthly_limit"] == 50
    assert body["tickets_this_month"] == 3
    assert body["tickets_remaining"] == 47
    assert body["phi_flags_month"] == sum(result["category"] == "phi_exposure" for result in results)
    assert body["phi_in_text_month"] == sum(result["phi_risk"] for result in results)
    assert body["phi_in_text_month"] >= 1
    assert set(body) == {"customer_name", "plan", "tickets_this_month", "monthly_limit", "tickets_remaining",
                         "avg_response_ms", "phi_flags_month", "phi_in_text_month"}


def test_analytics_requires_key(service):
    with service.http() as http:
        assert http.get("/analytics/summary").status_code == 401


def test_openapi_documents_fields_and_errors(service):
    with service.http() as http:
        spec = http.get("/openapi.json").json()
    classify_spec = spec["paths"]["/classify"]["post"]
    assert {"200", "401", "413", "422", "429", "503"} <= set(classify_spec["responses"])
    assert {"401", "404", "422"} <= set(spec["paths"]["/feedback"]["post"]["responses"])
    assert "/analytics/summary" in spec["paths"]
    assert "/health" in spec["paths"]
    response_schema = spec["components"]["schemas"]["ClassifyResponse"]
    assert all(field.get("description") for field in response_schema["properties"].values())
    assert not any(path.startswith("/admin") for path in spec["paths"])


def test_sql_command_reads_only(service, customer_factory, capsys):
    from cliniqueue.cli import main

    customer, _, api_key = customer_factory()
    with service.http() as http:
        classify(http, api_key, URGENT)
    query = f"SELECT count() AS tickets FROM classifications FINAL WHERE customer_id = '{customer.customer_id}'"
    wait_for(lambda: main(["sql", query, "--format", "json"]) == 0 and '"tickets": 1' in capsys.readouterr().out)

    assert main(["sql", "DROP TABLE classifications"]) == 1
    assert "read" in capsys.readouterr().err.lower()
    assert main(["sql", "SELECT count() FROM classifications"]) == 0


def test_admin_sql_route_needs_token(service):
    with service.http() as http:
        refused = http.post("/admin/sql", json={"query": "SELECT 1"})
        wrong = http.post("/admin/sql", json={"query": "SELECT 1"}, headers={"X-Admin-Token": "nope"})
        allowed = http.post("/admin/sql", json={"query": "SELECT 1 AS one"},
                            headers={"X-Admin-Token": service.state.admin_token or ""})
        write = http.post("/admin/sql", json={"query": "INSERT INTO feedback (audit_id) VALUES (1)"},
                          headers={"X-Admin-Token": service.state.admin_token or ""})
    assert refused.status_code == 401
    assert wrong.status_code == 401
    if service.state.admin_token is None:
        return
    assert allowed.json() == {"columns": ["one"], "rows": [[1]]}
    # chdb rejects the statement before running it (422); a server rejects it in readonly mode (400).
    assert write.status_code == (422 if service.state.client.embedded else 400)
    assert "read" in write.json()["detail"].lower()

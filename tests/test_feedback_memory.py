"""A correction sent to POST /feedback decides the customer's next near-identical ticket."""

from tests.conftest import wait_for

TICKET = ("Quick one: the after-visit summary prints the clinic logo twice on every page since the template "
          "update. Cosmetic, nothing is blocked.")


def test_feedback_correction_applies_to_same_customer_only(service, customer_factory):
    _, _, key_a = customer_factory()
    _, _, key_b = customer_factory()
    with service.http() as http:
        first = http.post("/classify", json={"ticket_text": TICKET}, headers={"X-API-Key": key_a}).json()
        corrected = next(category for category in ("regulatory_deadline", "compliance_request")
                         if category != first["category"])
        wait_for(lambda: http.get(f"/classifications/{first['audit_id']}",
                                  headers={"X-API-Key": key_a}).status_code == 200)

        response = http.post("/feedback", json={"audit_id": first["audit_id"], "corrected_category": corrected},
                             headers={"X-API-Key": key_a})
        assert response.status_code == 200

        def reclassified():
            body = http.post("/classify", json={"ticket_text": TICKET}, headers={"X-API-Key": key_a}).json()
            return body if body["backend"] == "memory" else None

        again = wait_for(reclassified, timeout_s=20, interval_s=0.5)
        other = http.post("/classify", json={"ticket_text": TICKET}, headers={"X-API-Key": key_b}).json()

    assert again["category"] == corrected
    assert again["compliance_flag"] is True
    assert other["backend"] != "memory"
    assert other["category"] == first["category"]

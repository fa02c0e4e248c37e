"""evaluate_scrubber counts removed and kept values and phi_risk hits."""

from phi.evaluate import evaluate_scrubber
from phi.models import ScrubResult
from phi.service import scrub_text


def test_metrics_with_a_fake_scrubber():
    rows = [
        {"id": "1", "ticket_text": "pt Ann Lee MRN 1234", "phi_risk": True, "phi_values": ["Ann Lee", "1234"], "keep_values": []},
        {"id": "2", "ticket_text": "claim 55 denied", "phi_risk": False, "phi_values": [], "keep_values": ["55", "denied"]},
    ]

    def remove_ann_and_claim(text: str) -> ScrubResult:
        return ScrubResult(text=text.replace("Ann Lee", "<PATIENT_NAME>").replace("55", "<X>"), entity_types=(), phi_risk=False)

    metrics = evaluate_scrubber(rows=rows, scrub=remove_ann_and_claim)
    assert metrics["rows"] == 2
    assert metrics["phi_values_total"] == 2
    assert metrics["phi_values_still_present"] == 1
    assert metrics["phi_values_removed_share"] == 0.5
    assert metrics["keep_values_removed_share"] == 0.5
    assert metrics["phi_risk_accuracy"] == 0.5
    assert metrics["leaked_row_ids"] == ["1"]
    assert metrics["lost_keep_row_ids"] == ["2"]
    assert metrics["wrong_phi_risk_row_ids"] == ["1"]
    assert metrics["latency_ms_p50"] >= 0


def test_metrics_with_the_real_scrubber():
    rows = [{"id": "1", "ticket_text": "pt Harold Brandt dob 3/3/1950", "phi_risk": True, "phi_values": ["Harold Brandt", "3/3/1950"], "keep_values": ["pt"]}]
    metrics = evaluate_scrubber(rows=rows, scrub=lambda text: scrub_text(text=text))
    assert metrics["phi_values_removed_share"] == 1.0
    assert metrics["keep_values_removed_share"] == 0.0
    assert metrics["phi_risk_accuracy"] == 1.0

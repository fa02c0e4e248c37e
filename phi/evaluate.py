"""Measure a scrubber on labeled tickets: PHI removed, operational values kept, phi_risk, latency."""

import statistics
import time
from collections.abc import Callable, Iterable

from phi.models import ScrubResult


def evaluate_scrubber(*, rows: Iterable[dict], scrub: Callable[[str], ScrubResult]) -> dict:
    """Scrub every row's ticket_text one at a time and return the metrics as a dict.

    Each row needs ticket_text, phi_risk, phi_values and keep_values (exact
    substrings of the text). A value counts as removed when it no longer
    occurs anywhere in the scrubbed text. The result contains counts, shares,
    wall-clock latency and thread CPU time in milliseconds. It also lists
    the ids of rows that leaked, lost values or got phi_risk wrong, but
    never ticket text or values.
    """
    phi_total = phi_left = keep_total = keep_removed = risk_correct = row_count = 0
    latencies_ms: list[float] = []
    cpu_ms: list[float] = []
    leaked_ids: list[str] = []
    lost_ids: list[str] = []
    wrong_risk_ids: list[str] = []

    for row in rows:
        row_count += 1
        started = time.perf_counter()
        cpu_started = time.thread_time()
        result = scrub(row["ticket_text"])
        cpu_ms.append((time.thread_time() - cpu_started) * 1000)
        latencies_ms.append((time.perf_counter() - started) * 1000)

        phi_values = [value for value in row.get("phi_values") or [] if value]
        keep_values = [value for value in row.get("keep_values") or [] if value]
        left = sum(1 for value in phi_values if value in result.text)
        removed = sum(1 for value in keep_values if value not in result.text)
        phi_total += len(phi_values)
        phi_left += left
        keep_total += len(keep_values)
        keep_removed += removed
        risk_correct += bool(result.phi_risk) == bool(row.get("phi_risk"))

        row_id = str(row.get("id", row_count))
        if left:
            leaked_ids.append(row_id)
        if removed:
            lost_ids.append(row_id)
        if bool(result.phi_risk) != bool(row.get("phi_risk")):
            wrong_risk_ids.append(row_id)

    return {
        "rows": row_count,
        "phi_values_total": phi_total,
        "phi_values_still_present": phi_left,
        "phi_values_removed_share": _share(phi_total - phi_left, phi_total),
        "keep_values_total": keep_total,
        "keep_values_removed": keep_removed,
        "keep_values_removed_share": _share(keep_removed, keep_total),
        "phi_risk_accuracy": _share(risk_correct, row_count),
        "latency_ms_p50": _percentile(latencies_ms, 50),
        "latency_ms_p95": _percentile(latencies_ms, 95),
        # CPU time of the calling thread: close to the wall-clock latency on
        # an idle machine, and much less inflated when other processes compete.
        "cpu_ms_p50": _percentile(cpu_ms, 50),
        "cpu_ms_p95": _percentile(cpu_ms, 95),
        "leaked_row_ids": leaked_ids,
        "lost_keep_row_ids": lost_ids,
        "wrong_phi_risk_row_ids": wrong_risk_ids,
    }


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _percentile(values: list[float], percent: int) -> float | None:
    if not values:
        return None
    if len(values) == 1:
        return values[0]
    # statistics.quantiles with n=100 returns the 1st..99th percentile cut points.
    return statistics.quantiles(values, n=100, method="inclusive")[percent - 1]

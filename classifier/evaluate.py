"""Evaluation of the classifier on a labeled JSON lines file (`cliniqueue eval`).

In process, each ticket goes through the worker's own steps: scrub with
phi.service.scrub_text, classify_ticket, then the mechanical fields from
schemas.labels. With a URL, each ticket is sent to a running service's
POST /classify instead. The report never contains ticket text unless the
caller asks for it, and then only the scrubbed text.
"""

import json
import logging
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from schemas.labels import Category, assigned_team, compliance_flag, escalate_immediately

log = logging.getLogger(__name__)

EVALUATED_FIELDS = ("category", "priority", "escalate_immediately", "compliance_flag", "assigned_team", "phi_risk")


@dataclass
class Prediction:
    """The fields returned for one ticket, with the time they took."""

    fields: dict[str, Any]
    latency_ms: float
    scrub_ms: float | None = None
    scrubbed_text: str | None = None
    # Count of phi_values entries still present in the scrubbed text, or None when unknown.
    leaked_values: int | None = None
    error: str | None = None


@dataclass
class Report:
    """Figures of one evaluation run."""

    rows: int = 0
    errors: int = 0
    accuracy: dict[str, dict[str, float]] = field(default_factory=dict)
    confusion: dict[str, dict[str, int]] = field(default_factory=dict)
    per_category: dict[str, dict[str, float]] = field(default_factory=dict)
    phi_values_total: int = 0
    phi_values_leaked: int | None = None
    latency_ms: dict[str, float] = field(default_factory=dict)
    scrub_latency_ms: dict[str, float] = field(default_factory=dict)
    wrong: list[dict[str, Any]] = field(default_factory=list)
    mode: str = "in-process"


def read_rows(*, path: Path) -> list[dict]:
    """Read JSON lines rows that have an id and a ticket_text."""
    rows = []
    with path.open(encoding="utf-8") as handle:
        for line_number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as error:
                raise ValueError(f"{path}:{line_number}: invalid JSON: {error.msg}") from error
            if not isinstance(row.get("ticket_text"), str):
                raise ValueError(f"{path}:{line_number}: missing ticket_text")
            row.setdefault("id", f"line-{line_number}")
            rows.append(row)
    return rows


def make_local_predictor(*, drafts_enabled: bool = False) -> tuple[Callable[[str], Prediction], bool]:
    """Return a predictor running scrub and classify in process, and whether a scrubber was found."""
    from classifier.scrubbing import load_scrub_function
    from classifier.service import classify_ticket, warm_up

    scrub = load_scrub_function()
    warm_up()

    def predict(text: str) -> Prediction:
        started = time.perf_counter()
        if scrub is not None:
            result = scrub(text)
            scrubbed, phi_risk = result.text, bool(result.phi_risk)
        else:
            scrubbed, phi_risk = text, None
        scrubbed_at = time.perf_counter()
        verdict = classify_ticket(scrubbed_text=scrubbed, drafts_enabled=drafts_enabled)
        finished = time.perf_counter()
        fields = {
            "category": verdict.category.value,
            "priority": verdict.priority.value,
            "escalate_immediately": escalate_immediately(priority=verdict.priority),
            "compliance_flag": compliance_flag(category=verdict.category),
            "assigned_team": assigned_team(category=verdict.category),
            "phi_risk": phi_risk,
        }
        return Prediction(
            fields=fields,
            latency_ms=(finished - scrubbed_at) * 1000,
            scrub_ms=(scrubbed_at - started) * 1000 if scrub is not None else None,
            # Without a scrubber the text is raw, so it is neither shown nor
            # counted as scrubbed.
            scrubbed_text=scrubbed if scrub is not None else None,
        )

    return predict, scrub is not None


def make_http_predictor(*, url: str, api_key: str, timeout_s: float = 30.0) -> Callable[[str], Prediction]:
    """Return a predictor that posts each ticket to a running service's POST /classify."""
    import httpx

    endpoint = url.rstrip("/")
    if not endpoint.endswith("/classify"):
        endpoint += "/classify"
    client = httpx.Client(timeout=timeout_s, headers={"X-API-Key": api_key})

    def predict(text: str) -> Prediction:
        started = time.perf_counter()
        try:
            response = client.post(endpoint, json={"ticket_text": text})
        except httpx.HTTPError as error:
            return Prediction(fields={}, latency_ms=0.0, error=f"request failed: {error.__class__.__name__}")
        latency = (time.perf_counter() - started) * 1000
        if response.status_code != 200:
            return Prediction(fields={}, latency_ms=latency, error=f"HTTP {response.status_code}")
        body = response.json()
        fields = {name: body.get(name) for name in EVALUATED_FIELDS}
        return Prediction(fields=fields, latency_ms=latency)

    return predict


def evaluate(
    *,
    rows: list[dict],
    predict: Callable[[str], Prediction],
    show_progress: bool = False,
    scrub_for_display: Callable[[str], str] | None = None,
    with_text: bool = False,
    mode: str = "in-process",
) -> Report:
    """Run predict on every row and compute the report."""
    report = Report(rows=len(rows), mode=mode)
    predictions = [predict(row["ticket_text"]) for row in _progress(rows, show_progress)]

    for row, prediction in zip(rows, predictions):
        if prediction.scrubbed_text is not None and row.get("phi_values"):
            prediction.leaked_values = sum(1 for value in row["phi_values"] if value and value in prediction.scrubbed_text)

    report.errors = sum(1 for prediction in predictions if prediction.error)
    good = [(row, prediction) for row, prediction in zip(rows, predictions) if not prediction.error]
    report.accuracy = _accuracy(good)
    report.confusion, report.per_category = _category_tables(good)
    _phi_share(report=report, rows=rows, predictions=predictions, mode=mode)
    report.latency_ms = _percentiles([prediction.latency_ms for _row, prediction in good])
    scrub_times = [prediction.scrub_ms for _row, prediction in good]
    if scrub_times and all(value is not None for value in scrub_times):
        report.scrub_latency_ms = _percentiles(scrub_times)
    report.wrong = _wrong_rows(rows=rows, predictions=predictions, with_text=with_text, scrub_for_display=scrub_for_display)
    return report


def _progress(rows: list[dict], enabled: bool) -> Iterable[dict]:
    if not enabled:
        return rows
    from tqdm import tqdm

    return tqdm(rows, desc="eval", unit="ticket", file=sys.stderr)


def _accuracy(pairs: list[tuple[dict, Prediction]]) -> dict[str, dict[str, float]]:
    accuracy = {}
    for name in EVALUATED_FIELDS:
        judged = [(row[name], prediction.fields.get(name)) for row, prediction in pairs if name in row]
        judged = [(expected, got) for expected, got in judged if got is not None]
        if not judged:
            continue
        correct = sum(1 for expected, got in judged if expected == got)
        accuracy[name] = {"accuracy": correct / len(judged), "correct": correct, "rows": len(judged)}
    return accuracy


def _category_tables(pairs: list[tuple[dict, Prediction]]) -> tuple[dict, dict]:
    names = [category.value for category in Category]
    confusion = {expected: {got: 0 for got in names} for expected in names}
    for row, prediction in pairs:
        expected, got = row.get("category"), prediction.fields.get("category")
        if expected in confusion and got in confusion[expected]:
            confusion[expected][got] += 1

    per_category = {}
    for name in names:
        true_positive = confusion[name][name]
        predicted = sum(confusion[other][name] for other in names)
        actual = sum(confusion[name].values())
        precision = true_positive / predicted if predicted else 0.0
        recall = true_positive / actual if actual else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_category[name] = {"precision": precision, "recall": recall, "f1": f1, "support": actual}
    return confusion, per_category


def _phi_share(*, report: Report, rows: list[dict], predictions: list[Prediction], mode: str) -> None:
    report.phi_values_total = sum(len(row.get("phi_values") or []) for row in rows)
    if mode != "in-process" or any(prediction.scrubbed_text is None for prediction in predictions):
        report.phi_values_leaked = None
        return
    report.phi_values_leaked = sum(prediction.leaked_values or 0 for prediction in predictions)


def _percentiles(values: list[float]) -> dict[str, float]:
    if not values:
        return {}
    return {"p50": float(np.percentile(values, 50)), "p95": float(np.percentile(values, 95)), "max": float(max(values))}


def _wrong_rows(
    *,
    rows: list[dict],
    predictions: list[Prediction],
    with_text: bool,
    scrub_for_display: Callable[[str], str] | None,
) -> list[dict[str, Any]]:
    wrong = []
    for row, prediction in zip(rows, predictions):
        entry: dict[str, Any] = {"id": row["id"]}
        if prediction.error:
            entry["error"] = prediction.error
        else:
            mismatches = {
                name: {"expected": row[name], "got": prediction.fields.get(name)}
                for name in EVALUATED_FIELDS
                if name in row and prediction.fields.get(name) is not None and row[name] != prediction.fields.get(name)
            }
            if not mismatches:
                continue
            entry["fields"] = mismatches
        if with_text:
            entry["scrubbed_text"] = _display_text(row=row, prediction=prediction, scrub_for_display=scrub_for_display)
        wrong.append(entry)
    return wrong


def _display_text(*, row: dict, prediction: Prediction, scrub_for_display: Callable[[str], str] | None) -> str | None:
    if prediction.scrubbed_text is not None:
        return prediction.scrubbed_text
    if scrub_for_display is not None:
        return scrub_for_display(row["ticket_text"])
    # Without a scrubber the raw text could contain PHI, so none is shown.
    return None


def report_to_dict(report: Report) -> dict[str, Any]:
    """Return the report as a JSON-serialisable dict."""
    share = None
    if report.phi_values_leaked is not None and report.phi_values_total:
        share = report.phi_values_leaked / report.phi_values_total
    return {
        "mode": report.mode,
        "rows": report.rows,
        "errors": report.errors,
        "accuracy": report.accuracy,
        "category_confusion": report.confusion,
        "per_category": report.per_category,
        "phi_values": {
            "total": report.phi_values_total,
            "still_present": report.phi_values_leaked,
            "share_still_present": share,
            "available": report.phi_values_leaked is not None,
        },
        "latency_ms": report.latency_ms,
        "scrub_latency_ms": report.scrub_latency_ms,
        "wrong": report.wrong,
    }


def format_report(report: Report) -> str:
    """Return the report as human-readable text."""
    lines = [f"Rows: {report.rows} ({report.mode}), errors: {report.errors}", "", "Accuracy:"]
    for name, figures in report.accuracy.items():
        lines.append(f"  {name:22} {figures['accuracy']:.1%}  ({figures['correct']}/{figures['rows']})")

    names = [category.value for category in Category]
    short = [name[:8] for name in names]
    lines += ["", "Category confusion (rows: expected, columns: predicted):"]
    lines.append(" " * 22 + " ".join(f"{label:>8}" for label in short))
    for expected in names:
        counts = " ".join(f"{report.confusion[expected][got]:>8}" for got in names)
        lines.append(f"  {expected:20}{counts}")

    lines += ["", "Per category:", f"  {'category':22}{'precision':>10}{'recall':>8}{'f1':>8}{'support':>9}"]
    for name, figures in report.per_category.items():
        if figures["support"] == 0:
            # No labeled row of this category: the figures are undefined, not zero.
            lines.append(f"  {name:22}{'-':>10}{'-':>8}{'-':>8}{0:>9}")
            continue
        lines.append(
            f"  {name:22}{figures['precision']:>10.3f}{figures['recall']:>8.3f}{figures['f1']:>8.3f}{figures['support']:>9}"
        )

    lines.append("")
    if report.phi_values_leaked is None:
        lines.append(f"PHI values still present after scrubbing: unavailable ({report.phi_values_total} values labeled)")
    elif report.phi_values_total:
        share = report.phi_values_leaked / report.phi_values_total
        lines.append(
            f"PHI values still present after scrubbing: {report.phi_values_leaked}/{report.phi_values_total} ({share:.1%})"
        )
    else:
        lines.append("PHI values still present after scrubbing: no phi_values labeled")

    label = "classify latency (after scrubbing)" if report.mode == "in-process" else "request latency"
    if report.latency_ms:
        lines.append(f"{label}: p50 {report.latency_ms['p50']:.1f} ms, p95 {report.latency_ms['p95']:.1f} ms")
    if report.scrub_latency_ms:
        lines.append(
            f"scrub latency: p50 {report.scrub_latency_ms['p50']:.1f} ms, p95 {report.scrub_latency_ms['p95']:.1f} ms"
        )

    lines += ["", f"Wrong rows: {len(report.wrong)}"]
    for entry in report.wrong:
        if "error" in entry:
            lines.append(f"  {entry['id']}: {entry['error']}")
        else:
            details = ", ".join(
                f"{name} {pair['expected']} -> {pair['got']}" for name, pair in entry["fields"].items()
            )
            lines.append(f"  {entry['id']}: {details}")
        if "scrubbed_text" in entry:
            text = entry["scrubbed_text"]
            lines.append(f"    scrubbed text: {text!r}" if text is not None else "    scrubbed text: unavailable (no scrubber)")
    return "\n".join(lines)


"""Measure the PHI scrubber and vanilla Presidio on labeled JSONL tickets.

Usage: python benchmarks/phi_bench.py FILE.jsonl [FILE.jsonl ...] [--no-vanilla] [--rules-only] [--ids]

Prints, per scrubber: share of phi_values removed, share of keep_values
removed, phi_risk accuracy and single-thread latency p50/p95 per ticket.
Both scrubbers are warmed up before timing. It also prints the time from
the start of a fresh `cliniqueue scrub` process to its first scrubbed ticket
(a synthetic one). The output contains no ticket text.
"""

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from phi.evaluate import evaluate_scrubber  # noqa: E402
from phi.tagger import WEIGHTS_ENVIRONMENT_VARIABLE  # noqa: E402


def load_rows(*, paths: list[Path]) -> list[dict]:
    """Read labeled rows from JSON lines files, skipping blank lines."""
    rows = []
    for path in paths:
        with path.open(encoding="utf-8") as handle:
            rows.extend(json.loads(line) for line in handle if line.strip())
    return rows


# Synthetic ticket for the startup measurement; it names no real person.
STARTUP_TICKET = "pt Harold Brandt dob 3/3/1950 acct 55120934 statement shows a duplicate copay"


def measure_first_ticket_seconds(*, runs: int) -> list[float]:
    """Time `cliniqueue scrub` from process start to exit after its first scrubbed ticket, once per run."""
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        completed = subprocess.run(
            [sys.executable, "-m", "cliniqueue.cli", "scrub", STARTUP_TICKET],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        elapsed = time.perf_counter() - started
        if completed.returncode != 0 or "<PATIENT_NAME>" not in completed.stdout:
            raise RuntimeError(f"cliniqueue scrub failed with exit code {completed.returncode}; run it by hand to see the error")
        timings.append(elapsed)
    return timings


def print_metrics(*, name: str, metrics: dict, show_ids: bool) -> None:
    """Print one scrubber's figures."""
    print(f"{name}:")
    print(f"  phi_values removed   {metrics['phi_values_removed_share']:.4f}  ({metrics['phi_values_total'] - metrics['phi_values_still_present']}/{metrics['phi_values_total']})")
    print(f"  keep_values removed  {metrics['keep_values_removed_share']:.4f}  ({metrics['keep_values_removed']}/{metrics['keep_values_total']})")
    print(f"  phi_risk accuracy    {metrics['phi_risk_accuracy']:.4f}  ({metrics['rows']} rows)")
    print(f"  latency p50 / p95    {metrics['latency_ms_p50']:.1f} / {metrics['latency_ms_p95']:.1f} ms per ticket, one thread")
    print(f"  CPU time p50 / p95   {metrics['cpu_ms_p50']:.1f} / {metrics['cpu_ms_p95']:.1f} ms per ticket")
    if show_ids:
        for key in ("leaked_row_ids", "lost_keep_row_ids", "wrong_phi_risk_row_ids"):
            print(f"  {key}: {' '.join(metrics[key]) or '-'}")


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", type=Path, help="labeled JSON lines files")
    parser.add_argument("--no-vanilla", action="store_true", help="skip the vanilla Presidio baseline")
    parser.add_argument(
        "--rules-only", action="store_true", help="also measure the scrubber with the learned tagger off (its rules alone), in a fresh process"
    )
    parser.add_argument("--title", default="CliniQueue scrubber", help=argparse.SUPPRESS)
    parser.add_argument("--ids", action="store_true", help="list the ids of rows with a leak, a lost value or a wrong phi_risk")
    parser.add_argument(
        "--startup-runs", type=int, default=3, help="fresh `cliniqueue scrub` processes to time from start to first ticket (0 skips)"
    )
    args = parser.parse_args(argv)

    rows = load_rows(paths=args.files)
    print(f"{len(rows)} rows from {', '.join(str(path) for path in args.files)}")
    print(f"machine: {platform.platform()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, load average {os.getloadavg()[0]:.2f}")

    if args.startup_runs > 0:
        timings = measure_first_ticket_seconds(runs=args.startup_runs)
        listed = ", ".join(f"{seconds:.2f}" for seconds in timings)
        print(f"process start to first scrubbed ticket (cliniqueue scrub): {listed} s over {len(timings)} runs")

    from phi.service import scrub_text, warm_up

    started = time.perf_counter()
    warm_up()
    print(f"CliniQueue scrubber warm-up: {time.perf_counter() - started:.2f} s")
    metrics = evaluate_scrubber(rows=rows, scrub=lambda text: scrub_text(text=text))
    print_metrics(name=args.title, metrics=metrics, show_ids=args.ids)

    if args.rules_only:
        # A fresh process, so that spaCy's vocabulary is as cold as in the run
        # above: in this process the first run already added every new word.
        rules = subprocess.run(
            [sys.executable, __file__, *map(str, args.files), "--no-vanilla", "--startup-runs", "0", "--title", "CliniQueue scrubber, rules only (learned tagger off)"]
            + (["--ids"] if args.ids else []),
            env={**os.environ, WEIGHTS_ENVIRONMENT_VARIABLE: "off"},
            capture_output=True,
            text=True,
            timeout=3600,
            check=False,
        )
        if rules.returncode != 0:
            raise RuntimeError(f"the rules-only run failed with exit code {rules.returncode}; run it by hand with {WEIGHTS_ENVIRONMENT_VARIABLE}=off to see the error")
        print("\n".join(line for line in rules.stdout.splitlines() if line.startswith(" ") or line.startswith("CliniQueue")))

    if not args.no_vanilla:
        from phi.vanilla import vanilla_scrub_text

        vanilla_scrub_text(text="warm up John Smith 555-123-4567")
        vanilla = evaluate_scrubber(rows=rows, scrub=lambda text: vanilla_scrub_text(text=text))
        print_metrics(name="Vanilla Presidio (default US recognizers, same small spaCy model)", metrics=vanilla, show_ids=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())

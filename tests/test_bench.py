"""Tests of `cliniqueue bench`: one quick run against the real embedded service, plus its parsing helpers."""

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from cliniqueue import bench

REPO_ROOT = Path(__file__).resolve().parent.parent
NUMBER = r"(\d+(?:\.\d+)?)"

METRICS_PAGE = """\
# HELP cliniqueue_stage_duration_seconds Time per pipeline stage.
# TYPE cliniqueue_stage_duration_seconds histogram
cliniqueue_stage_duration_seconds_bucket{stage="scrub",le="0.01"} 1.0
cliniqueue_stage_duration_seconds_bucket{stage="scrub",le="+Inf"} 4.0
cliniqueue_stage_duration_seconds_count{stage="scrub"} 4.0
cliniqueue_stage_duration_seconds_sum{stage="scrub"} 0.08
cliniqueue_stage_duration_seconds_count{stage="classify"} 2.0
cliniqueue_stage_duration_seconds_sum{stage="classify"} 0.05
# HELP cliniqueue_http_request_duration_seconds HTTP request duration by route.
# TYPE cliniqueue_http_request_duration_seconds histogram
cliniqueue_http_request_duration_seconds_count{route="/classify"} 9.0
cliniqueue_http_request_duration_seconds_sum{route="/classify"} 0.9
"""


@pytest.fixture(scope="module")
def quick_run(tmp_path_factory) -> tuple[subprocess.CompletedProcess, Path]:
    """Run `cliniqueue bench --quick --write-docs` once on a page that already has an old section."""
    page = tmp_path_factory.mktemp("bench") / "benchmarks.md"
    page.write_text(f"# Benchmarks\n\nIntro stays.\n\n{bench.DOCS_START}\nold figures\n{bench.DOCS_END}\n\n"
                    "## After\n\nOutro stays.\n", encoding="utf-8")
    completed = subprocess.run(
        [sys.executable, "-m", "cliniqueue.cli", "bench", "--quick", "--write-docs", str(page)],
        cwd=REPO_ROOT, capture_output=True, text=True, timeout=240,
    )
    return completed, page


@pytest.mark.slow
def test_quick_bench_exits_zero(quick_run):
    completed, _ = quick_run
    assert completed.returncode == 0, completed.stderr[-3000:]


@pytest.mark.slow
def test_quick_bench_prints_load_rows(quick_run):
    completed, _ = quick_run
    assert "| concurrency | requests | errors | req/s | p50 ms | p95 ms | p99 ms |" in completed.stdout
    for concurrency in (1, 4):
        row = re.search(rf"^\| {concurrency} \| 20 \| 0 \| {NUMBER} \| {NUMBER} \| {NUMBER} \| {NUMBER} \| {NUMBER} \|$",
                        completed.stdout, flags=re.MULTILINE)
        assert row is not None, f"no error-free row for concurrency {concurrency}:\n{completed.stdout}"
        figures = [float(value) for value in row.groups()]
        assert all(value > 0 for value in figures), row.group(0)
        p50, p95, p99 = figures[1:4]
        assert p50 <= p95 <= p99, row.group(0)


@pytest.mark.slow
def test_quick_bench_prints_in_process_row(quick_run):
    completed, _ = quick_run
    row = re.search(rf"^\| in-process, sequential \| 20 \| 0 \| {NUMBER} \| {NUMBER} \| {NUMBER} \| {NUMBER} \|",
                    completed.stdout, flags=re.MULTILINE)
    assert row is not None, completed.stdout
    assert all(float(value) > 0 for value in row.groups()), row.group(0)


@pytest.mark.slow
def test_quick_bench_prints_stage_means(quick_run):
    completed, _ = quick_run
    for stage in ("auth", "quota", "scrub", "publish_to_reply", "classify"):
        row = re.search(rf"^\| {stage} \| {NUMBER} \| {NUMBER} \|$", completed.stdout, flags=re.MULTILINE)
        assert row is not None, f"no stage row for {stage}:\n{completed.stdout}"
        assert all(float(value) > 0 for value in row.groups()), row.group(0)


@pytest.mark.slow
def test_quick_bench_prints_memory(quick_run):
    completed, _ = quick_run
    for process in (r"service \(`cliniqueue run`\)", "Tansu broker"):
        row = re.search(rf"^\| {process} \| (\d+) \| (\d+) \|$", completed.stdout, flags=re.MULTILINE)
        assert row is not None, f"no memory row for {process}:\n{completed.stdout}"
        rss, high_water = (int(value) for value in row.groups())
        assert rss > 0
        assert high_water >= rss


@pytest.mark.slow
def test_quick_bench_prints_ratio_lines(quick_run):
    completed, _ = quick_run
    ratios = re.search(rf"^throughput ratio \(service / in-process\): c=1 {NUMBER}, c=4 {NUMBER}$",
                       completed.stdout, flags=re.MULTILINE)
    assert ratios is not None, completed.stdout
    assert all(float(value) > 0 for value in ratios.groups())
    overhead = re.search(rf"^p50 overhead at c=1: service {NUMBER} ms - in-process {NUMBER} ms = (-?[\d.]+) ms$",
                         completed.stdout, flags=re.MULTILINE)
    assert overhead is not None, completed.stdout
    service_p50, in_process_p50, difference = (float(value) for value in overhead.groups())
    assert difference == pytest.approx(service_p50 - in_process_p50, abs=0.11)
    # The quick run has no c=32 level, so that figure is reported as not measured.
    assert "p99 at c=32: not measured" in completed.stdout


@pytest.mark.slow
def test_quick_bench_prints_target_verdicts(quick_run):
    completed, _ = quick_run
    verdicts = re.findall(r"^target: .*: (met|NOT MET|not measured)$", completed.stdout, flags=re.MULTILINE)
    assert len(verdicts) == 4, completed.stdout
    assert verdicts[2] == "not measured"


@pytest.mark.slow
def test_quick_bench_output_has_no_ticket_text(quick_run):
    completed, _ = quick_run
    texts = bench.load_ticket_texts(path=bench.EVAL_FILE, count=25)
    for text in texts:
        fragment = text[:40]
        assert fragment not in completed.stdout
        assert fragment not in completed.stderr


@pytest.mark.slow
def test_quick_bench_rewrites_docs_section(quick_run):
    _, page = quick_run
    content = page.read_text(encoding="utf-8")
    assert "old figures" not in content
    assert content.startswith("# Benchmarks\n\nIntro stays.\n")
    assert content.rstrip().endswith("## After\n\nOutro stays.")
    assert content.count(bench.DOCS_START) == 1
    assert content.count(bench.DOCS_END) == 1
    assert "`cliniqueue bench --tickets 20 --concurrency 1,4 --warm-up 5" in content
    assert "| in-process, sequential |" in content


def test_percentile_nearest_rank():
    values = [float(number) for number in range(1, 101)]
    assert bench.percentile(values=values, share=0.50) == 50.0
    assert bench.percentile(values=values, share=0.99) == 99.0
    assert bench.percentile(values=[7.0], share=0.99) == 7.0


def test_stage_means_from_scrape_deltas():
    before = bench.parse_stage_totals(text=METRICS_PAGE)
    assert before["scrub"] == (0.08, 4.0)
    assert "/classify" not in before
    after = dict(before)
    after["scrub"] = (0.18, 6.0)
    means = bench.stage_means_ms(before=before, after=after)
    assert means["scrub"] == pytest.approx(50.0)
    assert means["classify"] is None
    assert means["sink_lag"] is None


def test_docs_section_appended_when_missing(tmp_path):
    page = tmp_path / "page.md"
    page.write_text("# Title\n", encoding="utf-8")
    bench.write_docs_section(path=page, body="first")
    bench.write_docs_section(path=page, body="second")
    content = page.read_text(encoding="utf-8")
    assert content == f"# Title\n\n{bench.DOCS_START}\nsecond\n{bench.DOCS_END}\n"


def test_concurrency_list_rejects_zero():
    assert bench.parse_concurrencies("1,8,32") == [1, 8, 32]
    with pytest.raises(argparse.ArgumentTypeError, match="at least 1"):
        bench.parse_concurrencies("1,0")
    with pytest.raises(argparse.ArgumentTypeError, match="integers"):
        bench.parse_concurrencies("one")


def test_eval_tickets_wrap_around():
    rows = sum(1 for line in bench.EVAL_FILE.read_text(encoding="utf-8").splitlines() if line.strip())
    texts = bench.load_ticket_texts(path=bench.EVAL_FILE, count=rows + 2)
    assert len(texts) == rows + 2
    assert texts[rows] == texts[0]
    assert json.loads(bench.EVAL_FILE.read_text(encoding="utf-8").splitlines()[0])["ticket_text"] == texts[0]

"""`cliniqueue bench`: measure the whole service against the in-process pipeline.

The bench starts `cliniqueue run` as a child process on a free 127.0.0.1 port
with a temporary chdb directory, creates a customer and a key through the CLI,
and sends evaluation tickets to POST /classify at each concurrency level. It
then scrubs and classifies the same tickets in its own process, without HTTP
or Kafka, and prints how the two compare. It reports targets as met or not met
and never fails on one. Output holds figures only, never ticket text.
"""

import argparse
import asyncio
import datetime
import json
import logging
import math
import os
import platform
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

log = logging.getLogger(__name__)

EVAL_FILE = Path(__file__).resolve().parent.parent / "data" / "tickets" / "eval" / "eval.jsonl"
STAGES = ("auth", "quota", "scrub", "publish_to_reply", "kafka_round_trip", "classify", "sink_lag")
DOCS_START = "<!-- bench:start -->"
DOCS_END = "<!-- bench:end -->"

# Targets of the service against the in-process pipeline; see docs/benchmarks.md.
TARGET_THROUGHPUT_RATIO = 0.70
TARGET_P50_OVERHEAD_MS = 15.0
TARGET_P99_MS = 250.0
TARGET_P99_CONCURRENCY = 32
TARGET_EDGE_RSS_MB = 500.0

READY_TIMEOUT_S = 180.0
STOP_TIMEOUT_S = 30.0
REQUEST_TIMEOUT_S = 30.0


class BenchError(RuntimeError):
    """Raised when the service cannot be started or prepared for the bench."""


@dataclass
class LevelResult:
    """Client-side figures of one concurrency level, with the stage means from /metrics."""

    concurrency: int
    requests: int
    errors: dict[int, int]
    seconds: float
    latencies_ms: list[float] = field(repr=False)
    stage_means_ms: dict[str, float | None]

    @property
    def throughput(self) -> float:
        return len(self.latencies_ms) / self.seconds if self.seconds > 0 else 0.0


@dataclass
class InProcessResult:
    """Sequential scrub + classify in the bench process."""

    tickets: int
    seconds: float
    latencies_ms: list[float] = field(repr=False)

    @property
    def throughput(self) -> float:
        return self.tickets / self.seconds if self.seconds > 0 else 0.0


@dataclass
class MemoryFigures:
    """VmRSS and VmHWM in MB of the service process and of its Tansu child."""

    edge_rss_mb: float | None
    edge_hwm_mb: float | None
    broker_rss_mb: float | None
    broker_hwm_mb: float | None
    # VmRSS and VmHWM of each scrubbing worker process of the service.
    helper_mb: list[tuple[float | None, float | None]] = field(default_factory=list)


def percentile(*, values: list[float], share: float) -> float:
    """Return the nearest-rank percentile (share in 0-1) of the values."""
    ordered = sorted(values)
    rank = max(1, math.ceil(share * len(ordered)))
    return ordered[rank - 1]


def load_ticket_texts(*, path: Path, count: int, offset: int = 0) -> list[str]:
    """Read `count` ticket texts from a JSONL file, starting at `offset` and wrapping around."""
    with path.open(encoding="utf-8") as handle:
        texts = [json.loads(line)["ticket_text"] for line in handle if line.strip()]
    if not texts:
        raise BenchError(f"{path} contains no tickets; pass a JSONL file with ticket_text fields")
    return [texts[(offset + index) % len(texts)] for index in range(count)]


# --- The service under test -------------------------------------------------


def _cli_command(*arguments: str) -> list[str]:
    return [sys.executable, "-m", "cliniqueue.cli", *arguments]


def start_service(*, workdir: Path, port: int) -> tuple[subprocess.Popen, dict[str, str]]:
    """Start `cliniqueue run` on 127.0.0.1:port with its data in workdir; return the process and its env."""
    environment = dict(os.environ)
    # A configured cluster would bench that cluster instead of the local broker.
    environment.pop("CLINIQUEUE_KAFKA_BOOTSTRAP_SERVERS", None)
    environment.pop("CLINIQUEUE_CLICKHOUSE_URL", None)
    environment.update({
        "CLINIQUEUE_HOST": "127.0.0.1",
        "CLINIQUEUE_PORT": str(port),
        "CLINIQUEUE_CHDB_PATH": str(workdir / "chdb"),
        "CLINIQUEUE_LOG_LEVEL": "WARNING",
    })
    # The service log contains ids and timings only. It stays in the temp dir and is printed on a start failure.
    log_file = (workdir / "service.log").open("wb")
    process = subprocess.Popen(_cli_command("run"), env=environment, stdin=subprocess.DEVNULL, stdout=log_file,
                               stderr=subprocess.STDOUT)
    log_file.close()
    return process, environment


def service_log_tail(*, workdir: Path, lines: int = 20) -> str:
    """Return the last lines of the service's log file."""
    path = workdir / "service.log"
    if not path.exists():
        return ""
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])


def wait_until_ready(*, process: subprocess.Popen, base_url: str, timeout_s: float) -> None:
    """Poll GET /health/ready until it returns 200, or raise BenchError."""
    deadline = time.monotonic() + timeout_s
    with httpx.Client(base_url=base_url, timeout=2.0) as client:
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise BenchError(f"the service exited with status {process.returncode} before it was ready")
            try:
                if client.get("/health/ready").status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.25)
    raise BenchError(f"timed out after {timeout_s:g} s waiting for GET /health/ready to return 200")


def create_customer_and_key(*, environment: dict[str, str], monthly_limit: int) -> tuple[str, str]:
    """Create a customer and issue a key through the CLI; return the customer id and the API key."""
    created = subprocess.run(
        _cli_command("customers", "create", "--name", "Benchmark", "--monthly-limit", str(monthly_limit)),
        env=environment, capture_output=True, text=True, timeout=120,
    )
    if created.returncode != 0:
        raise BenchError(f"`cliniqueue customers create` failed: {created.stderr.strip()}")
    customer_id = json.loads(created.stdout)["customer_id"]

    issued = subprocess.run(_cli_command("keys", "issue", customer_id), env=environment, capture_output=True,
                            text=True, timeout=120)
    if issued.returncode != 0:
        raise BenchError(f"`cliniqueue keys issue` failed: {issued.stderr.strip()}")
    match = re.search(r"^api_key:\s*(\S+)", issued.stdout, flags=re.MULTILINE)
    if match is None:
        raise BenchError("`cliniqueue keys issue` printed no api_key line")
    return customer_id, match.group(1)


@dataclass
class KafkaResult:
    """Throughput of the direct Kafka path: produce every ticket, then wait for every result."""

    label: str
    tickets: int
    received: int
    seconds: float

    @property
    def throughput(self) -> float:
        return self.received / self.seconds if self.seconds > 0 else 0.0


def run_kafka_path(*, bootstrap_servers: str, customer_id: str, api_key: str, texts: list[str],
                   scrub_locally: bool, run_id: str) -> KafkaResult:
    """Send the tickets through the inbound topic and time until all results arrived."""
    from cliniqueue.client import ResultConsumer, TicketProducer

    label = "kafka, scrubbed by the client" if scrub_locally else "kafka, scrubbed by the service"
    consumer = ResultConsumer(bootstrap_servers=bootstrap_servers, customer_id=customer_id)
    producer = TicketProducer(bootstrap_servers=bootstrap_servers, api_key=api_key, scrub_locally=scrub_locally)
    wanted = {f"{run_id}-{number}" for number in range(len(texts))}
    # Neither the consumer group join nor loading the client-side scrubber belongs in the timing.
    consumer.wait_until_assigned()
    if scrub_locally:
        from phi.service import warm_up

        warm_up()

    started = time.perf_counter()
    for number, text in enumerate(texts):
        producer.send(message_id=f"{run_id}-{number}", ticket_text=text)
    producer.close()
    seen: set[str] = set()
    for result in consumer.results(timeout_s=REQUEST_TIMEOUT_S):
        if result.get("message_id") in wanted and "category" in result:
            seen.add(result["message_id"])
        if seen == wanted:
            break
    seconds = time.perf_counter() - started
    consumer.close()
    return KafkaResult(label=label, tickets=len(texts), received=len(seen), seconds=seconds)


def find_child_pids(*, pid: int) -> list[int]:
    """Return the ids of the direct children of a process, by parent id in /proc/*/stat."""
    children: list[int] = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            # The command name in brackets may contain spaces; the parent id follows it.
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == pid:
            children.append(int(stat.parent.name))
    return children


def find_broker_pid(*, service_pid: int) -> int | None:
    """Return the pid of the Tansu process that the service started, if any."""
    for child in find_child_pids(pid=service_pid):
        try:
            if Path(f"/proc/{child}/comm").read_text().strip() == "tansu":
                return child
        except OSError:
            continue
    return None


def find_helper_pids(*, service_pid: int) -> list[int]:
    """Return the pids of the service's Python children (PHI scrubbing workers), not the broker."""
    helpers = []
    for child in find_child_pids(pid=service_pid):
        try:
            command = Path(f"/proc/{child}/cmdline").read_bytes()
        except OSError:
            continue
        # multiprocessing's resource tracker is a child too, but does no scrubbing.
        if b"spawn_main" in command:
            helpers.append(child)
    return helpers


def read_memory_mb(*, pid: int | None) -> tuple[float | None, float | None]:
    """Return VmRSS and VmHWM of a process in MB (MiB), or None where unreadable."""
    if pid is None:
        return None, None
    figures: dict[str, float] = {}
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            name, _, value = line.partition(":")
            if name in ("VmRSS", "VmHWM"):
                figures[name] = int(value.split()[0]) / 1024
    except OSError:
        return None, None
    return figures.get("VmRSS"), figures.get("VmHWM")


def stop_process(*, process: subprocess.Popen, timeout_s: float) -> None:
    """Stop a child process by its pid: SIGINT, then SIGTERM and SIGKILL if it does not exit in time."""
    if process.poll() is not None:
        return
    for stop_signal in (signal.SIGINT, signal.SIGTERM, signal.SIGKILL):
        process.send_signal(stop_signal)
        try:
            process.wait(timeout=timeout_s)
            return
        except subprocess.TimeoutExpired:
            log.warning("process did not stop in time", extra={"pid": process.pid, "signal": stop_signal.name})


def stop_orphan(*, pid: int | None) -> None:
    """Terminate a process the service started if it outlived the service (after a SIGKILL)."""
    if pid is None:
        return
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    log.warning("stopped the local broker that outlived the service", extra={"pid": pid})


# --- Load and metrics ---------------------------------------------------------


def parse_stage_totals(*, text: str) -> dict[str, tuple[float, float]]:
    """Return (sum in seconds, count) per stage from a Prometheus text page."""
    from prometheus_client.parser import text_string_to_metric_families

    totals: dict[str, list[float]] = {}
    for family in text_string_to_metric_families(text):
        if family.name != "cliniqueue_stage_duration_seconds":
            continue
        for sample in family.samples:
            stage = sample.labels.get("stage")
            if stage is None:
                continue
            entry = totals.setdefault(stage, [0.0, 0.0])
            if sample.name.endswith("_sum"):
                entry[0] = sample.value
            elif sample.name.endswith("_count"):
                entry[1] = sample.value
    return {stage: (entry[0], entry[1]) for stage, entry in totals.items()}


def stage_means_ms(*, before: dict[str, tuple[float, float]],
                   after: dict[str, tuple[float, float]]) -> dict[str, float | None]:
    """Return the mean time per stage in ms between two scrapes; None where no observation fell between them."""
    means: dict[str, float | None] = {}
    for stage in STAGES:
        sum_before, count_before = before.get(stage, (0.0, 0.0))
        sum_after, count_after = after.get(stage, (0.0, 0.0))
        count = count_after - count_before
        means[stage] = (sum_after - sum_before) / count * 1000 if count > 0 else None
    return means


async def scrape_stages(*, client: httpx.AsyncClient) -> dict[str, tuple[float, float]]:
    """Fetch GET /metrics and return the stage totals."""
    response = await client.get("/metrics")
    response.raise_for_status()
    return parse_stage_totals(text=response.text)


async def send_tickets(*, client: httpx.AsyncClient, api_key: str, texts: list[str], concurrency: int,
                       progress) -> tuple[list[float], dict[int, int], float]:
    """POST each text to /classify with `concurrency` requests in flight; return latencies, errors, seconds."""
    latencies_ms: list[float] = []
    errors: dict[int, int] = {}
    pending = iter(texts)

    async def worker() -> None:
        # One shared iterator, so each worker takes the next ticket as soon as its last request returns.
        for text in pending:
            started = time.perf_counter()
            try:
                response = await client.post("/classify", json={"ticket_text": text},
                                             headers={"X-API-Key": api_key})
                status = response.status_code
            except httpx.TransportError:
                status = 0
            elapsed_ms = (time.perf_counter() - started) * 1000
            if status == 200:
                latencies_ms.append(elapsed_ms)
            else:
                errors[status] = errors.get(status, 0) + 1
            if progress is not None:
                progress.update(1)

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return latencies_ms, errors, time.perf_counter() - started


async def run_levels(*, base_url: str, api_key: str, warm_up_texts: list[str], texts: list[str],
                     concurrencies: list[int], show_progress: bool) -> list[LevelResult]:
    """Warm the service up, then load it at each concurrency level and collect the figures."""
    from tqdm import tqdm

    limits = httpx.Limits(max_connections=max(concurrencies), max_keepalive_connections=max(concurrencies))
    results: list[LevelResult] = []
    async with httpx.AsyncClient(base_url=base_url, timeout=REQUEST_TIMEOUT_S, limits=limits) as client:
        _, warm_up_errors, _ = await send_tickets(client=client, api_key=api_key, texts=warm_up_texts, concurrency=1,
                                                  progress=None)
        if warm_up_errors:
            raise BenchError(f"warm-up requests failed with status codes {warm_up_errors}")

        for concurrency in concurrencies:
            progress = tqdm(total=len(texts), desc=f"c={concurrency}", unit="req", file=sys.stderr,
                            leave=False) if show_progress else None
            before = await scrape_stages(client=client)
            latencies_ms, errors, seconds = await send_tickets(client=client, api_key=api_key, texts=texts,
                                                               concurrency=concurrency, progress=progress)
            after = await scrape_stages(client=client)
            if progress is not None:
                progress.close()
            results.append(LevelResult(concurrency=concurrency, requests=len(texts), errors=errors, seconds=seconds,
                                       latencies_ms=latencies_ms,
                                       stage_means_ms=stage_means_ms(before=before, after=after)))
    return results


def run_in_process(*, warm_up_texts: list[str], texts: list[str], show_progress: bool) -> InProcessResult:
    """Scrub and classify the tickets one after another in this process, after a warm-up."""
    from tqdm import tqdm

    from classifier import service as classifier_service
    from phi import service as phi_service

    def handle(text: str) -> None:
        scrubbed = phi_service.scrub_text(text=text)
        classifier_service.classify_ticket(scrubbed_text=scrubbed.text, drafts_enabled=False, customer_id=None)

    phi_service.warm_up()
    classifier_service.warm_up()
    for text in warm_up_texts:
        handle(text)

    latencies_ms: list[float] = []
    started = time.perf_counter()
    for text in tqdm(texts, desc="in-process", unit="ticket", file=sys.stderr, leave=False,
                     disable=not show_progress):
        ticket_started = time.perf_counter()
        handle(text)
        latencies_ms.append((time.perf_counter() - ticket_started) * 1000)
    return InProcessResult(tickets=len(texts), seconds=time.perf_counter() - started, latencies_ms=latencies_ms)


# --- Report -------------------------------------------------------------------


def describe_machine() -> dict[str, str]:
    """Return the CPU model, core count, memory and Python version of this machine."""
    cpu_model = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu_model = line.partition(":")[2].strip()
                break
    except OSError:
        pass
    memory = "unknown"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                break
    except OSError:
        pass
    return {"cpu": cpu_model, "cores": str(os.cpu_count()), "memory": memory,
            "python": platform.python_version(), "os": platform.platform()}


def read_load_average() -> float | None:
    """Return the 1-minute load average from /proc/loadavg, or None where unreadable."""
    try:
        return float(Path("/proc/loadavg").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return None


def describe_load(*, before: float | None) -> str:
    """Build the load line, warning when other processes already used the CPU before the run."""
    line = f"load average (1 min) before the run: {_format_load(before)}"
    # A heuristic: above about half a core, other processes take CPU from the service and the bench.
    if before is not None and before > 0.5:
        line += "; other processes were using the CPU, so the figures are lower than on an idle machine"
    return line


def _format_load(value: float | None) -> str:
    return "unknown" if value is None else f"{value:.2f}"


def _format_ms(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def _format_mb(value: float | None) -> str:
    return "-" if value is None else f"{value:.0f}"


def format_results(*, levels: list[LevelResult], in_process: InProcessResult, memory: MemoryFigures) -> str:
    """Build the Markdown tables of the run: load per level, stages, memory and in-process figures."""
    lines = [
        "| concurrency | requests | errors | req/s | p50 ms | p95 ms | p99 ms | service / in-process req/s |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for level in levels:
        error_text = ", ".join(f"{count}x{status or 'transport'}" for status, count in sorted(level.errors.items()))
        if level.latencies_ms:
            p50, p95, p99 = (percentile(values=level.latencies_ms, share=share) for share in (0.50, 0.95, 0.99))
        else:
            p50 = p95 = p99 = None
        ratio = level.throughput / in_process.throughput if in_process.throughput else 0.0
        lines.append(f"| {level.concurrency} | {level.requests} | {error_text or 0} | {level.throughput:.1f} | "
                     f"{_format_ms(p50)} | {_format_ms(p95)} | {_format_ms(p99)} | {ratio:.2f} |")
    in_p50, in_p95, in_p99 = (percentile(values=in_process.latencies_ms, share=share) for share in (0.50, 0.95, 0.99))
    lines.append(f"| in-process, sequential | {in_process.tickets} | 0 | {in_process.throughput:.1f} | "
                 f"{in_p50:.1f} | {in_p95:.1f} | {in_p99:.1f} | 1.00 |")

    lines += ["", "Mean time per stage in ms, from /metrics before and after each level:", "",
              "| stage | " + " | ".join(f"c={level.concurrency}" for level in levels) + " |",
              "|---|" + "---|" * len(levels)]
    for stage in STAGES:
        lines.append(f"| {stage} | " + " | ".join(_format_ms(level.stage_means_ms.get(stage)) for level in levels)
                     + " |")

    lines += ["", "| process | VmRSS MB | VmHWM MB |", "|---|---|---|",
              f"| service (`cliniqueue run`) | {_format_mb(memory.edge_rss_mb)} | {_format_mb(memory.edge_hwm_mb)} |",
              f"| Tansu broker | {_format_mb(memory.broker_rss_mb)} | {_format_mb(memory.broker_hwm_mb)} |"]
    for rss, hwm in memory.helper_mb:
        lines.append(f"| PHI scrubbing worker | {_format_mb(rss)} | {_format_mb(hwm)} |")
    return "\n".join(lines)


def format_kafka(*, kafka: list[KafkaResult], levels: list[LevelResult]) -> str:
    """Build the table of the direct Kafka path against the best REST throughput."""
    best_rest = max((level.throughput for level in levels), default=0.0)
    lines = ["Direct Kafka path on the same tickets (produce all, then wait for every result):", "",
             "| path | tickets | results | tickets/s | Kafka / best REST req/s |", "|---|---|---|---|---|"]
    for result in kafka:
        ratio = result.throughput / best_rest if best_rest else 0.0
        lines.append(f"| {result.label} | {result.tickets} | {result.received} | {result.throughput:.1f} | "
                     f"{ratio:.2f} |")
    return "\n".join(lines)


def format_ratios(*, levels: list[LevelResult], in_process: InProcessResult, memory: MemoryFigures) -> str:
    """Build the ratio lines and the target verdicts, one per line."""
    by_concurrency = {level.concurrency: level for level in levels}
    in_p50 = percentile(values=in_process.latencies_ms, share=0.50)
    lines = []

    ratios = {level.concurrency: (level.throughput / in_process.throughput if in_process.throughput else 0.0)
              for level in levels}
    lines.append("throughput ratio (service / in-process): "
                 + ", ".join(f"c={concurrency} {ratio:.2f}" for concurrency, ratio in ratios.items()))
    best = max(ratios, key=ratios.get)

    first = by_concurrency.get(1)
    overhead_ms = None
    if first is not None and first.latencies_ms:
        service_p50 = percentile(values=first.latencies_ms, share=0.50)
        overhead_ms = service_p50 - in_p50
        lines.append(f"p50 overhead at c=1: service {service_p50:.1f} ms - in-process {in_p50:.1f} ms "
                     f"= {overhead_ms:.1f} ms")
    else:
        lines.append("p50 overhead at c=1: not measured (no successful level with concurrency 1)")

    top = by_concurrency.get(TARGET_P99_CONCURRENCY)
    p99_ms = None
    if top is not None and top.latencies_ms:
        p99_ms = percentile(values=top.latencies_ms, share=0.99)
        lines.append(f"p99 at c={TARGET_P99_CONCURRENCY}: {p99_ms:.1f} ms")
    else:
        lines.append(f"p99 at c={TARGET_P99_CONCURRENCY}: not measured (no level with concurrency "
                     f"{TARGET_P99_CONCURRENCY})")

    def verdict(value: float | None, passed: bool) -> str:
        if value is None:
            return "not measured"
        return "met" if passed else "NOT MET"

    lines.append(f"target: throughput ratio >= {TARGET_THROUGHPUT_RATIO:.2f} at the best concurrency "
                 f"(c={best}: {ratios[best]:.2f}): {verdict(ratios[best], ratios[best] >= TARGET_THROUGHPUT_RATIO)}")
    lines.append(f"target: p50 at c=1 at most {TARGET_P50_OVERHEAD_MS:g} ms above in-process "
                 f"({_format_ms(overhead_ms)} ms): "
                 f"{verdict(overhead_ms, overhead_ms is not None and overhead_ms <= TARGET_P50_OVERHEAD_MS)}")
    lines.append(f"target: p99 at c={TARGET_P99_CONCURRENCY} < {TARGET_P99_MS:g} ms ({_format_ms(p99_ms)} ms): "
                 f"{verdict(p99_ms, p99_ms is not None and p99_ms < TARGET_P99_MS)}")
    rss = memory.edge_rss_mb
    lines.append(f"target: service RSS < {TARGET_EDGE_RSS_MB:g} MB ({_format_mb(rss)} MB): "
                 f"{verdict(rss, rss is not None and rss < TARGET_EDGE_RSS_MB)}")
    return "\n".join(lines)


def write_docs_section(*, path: Path, body: str) -> None:
    """Replace the text between the bench markers of a Markdown page, appending the section if it has none."""
    section = f"{DOCS_START}\n{body.rstrip()}\n{DOCS_END}"
    page = path.read_text(encoding="utf-8") if path.exists() else ""
    start, end = page.find(DOCS_START), page.find(DOCS_END)
    if start != -1 and end > start:
        page = page[:start] + section + page[end + len(DOCS_END):]
    else:
        page = page.rstrip() + ("\n\n" if page else "") + section + "\n"
    path.write_text(page, encoding="utf-8")


def build_docs_body(*, command: str, machine: dict[str, str], load: str, tables: str, ratios: str) -> str:
    """Build the generated docs section: date, command, machine, load, tables and ratio lines."""
    today = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    return "\n".join([
        f"Measured on {today} with `{command}`.",
        "",
        f"Machine: {machine['cpu']}, {machine['cores']} cores, {machine['memory']} memory, "
        f"Python {machine['python']}, {machine['os']}.",
        "",
        f"The {load}.",
        "",
        tables,
        "",
        "```text",
        ratios,
        "```",
    ])


# --- Command ------------------------------------------------------------------


def parse_concurrencies(value: str) -> list[int]:
    """Parse a comma-separated list of positive integers, e.g. 1,8,32."""
    try:
        levels = [int(part) for part in value.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid concurrency list {value!r}; use integers like 1,8,32") from None
    if not levels or any(level < 1 for level in levels):
        raise argparse.ArgumentTypeError(f"invalid concurrency list {value!r}; each level must be at least 1")
    return levels


def positive_int(value: str) -> int:
    """Parse an integer of at least 1."""
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid number {value!r}; use a whole number such as 400") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"invalid number {value!r}; it must be at least 1")
    return number


def _canonical_command(args: argparse.Namespace) -> str:
    parts = ["cliniqueue bench", f"--tickets {args.tickets}",
             f"--concurrency {','.join(str(level) for level in args.concurrency)}", f"--warm-up {args.warm_up}"]
    if args.write_docs:
        parts.append(f"--write-docs {args.write_docs}")
    return " ".join(parts)


def _measure_service(*, workdir: Path, args: argparse.Namespace, warm_up_texts: list[str], texts: list[str],
                     show_progress: bool) -> tuple[list[LevelResult], list[KafkaResult], MemoryFigures]:
    from cliniqueue.localbroker import find_free_port

    port = find_free_port()
    base_url = f"http://127.0.0.1:{port}"
    process, environment = start_service(workdir=workdir, port=port)
    broker_pid = None
    try:
        try:
            wait_until_ready(process=process, base_url=base_url, timeout_s=READY_TIMEOUT_S)
            broker_pid = find_broker_pid(service_pid=process.pid)
            monthly_limit = (len(warm_up_texts) + len(texts) * len(args.concurrency)) * 10
            monthly_limit += len(texts) * 2
            customer_id, api_key = create_customer_and_key(environment=environment, monthly_limit=monthly_limit)
        except BenchError as error:
            raise BenchError(f"{error}\nlast lines of the service log:\n{service_log_tail(workdir=workdir)}") from None

        levels = asyncio.run(run_levels(base_url=base_url, api_key=api_key, warm_up_texts=warm_up_texts, texts=texts,
                                        concurrencies=args.concurrency, show_progress=show_progress))
        edge_rss, edge_hwm = read_memory_mb(pid=process.pid)
        broker_rss, broker_hwm = read_memory_mb(pid=broker_pid)
        helper_mb = [read_memory_mb(pid=pid) for pid in find_helper_pids(service_pid=process.pid)]

        # The embedded service records its broker's address next to its data.
        admin = json.loads((Path(environment["CLINIQUEUE_CHDB_PATH"]) / "admin.json").read_text())
        kafka = [run_kafka_path(bootstrap_servers=admin["kafka_bootstrap_servers"], customer_id=customer_id,
                                api_key=api_key, texts=texts, scrub_locally=scrub_locally, run_id=f"bench-{mode}")
                 for mode, scrub_locally in (("service", False), ("client", True))]
        return levels, kafka, MemoryFigures(edge_rss_mb=edge_rss, edge_hwm_mb=edge_hwm, broker_rss_mb=broker_rss,
                                            broker_hwm_mb=broker_hwm, helper_mb=helper_mb)
    finally:
        stop_process(process=process, timeout_s=STOP_TIMEOUT_S)
        stop_orphan(pid=broker_pid)


def cmd_bench(args: argparse.Namespace) -> int:
    """Run the service bench and print the tables, the ratios and the target verdicts."""
    from cliniqueue.logs import configure_logging

    configure_logging(log_format="text", level="WARNING")
    if args.quick:
        args.tickets, args.concurrency, args.warm_up = 20, [1, 4], 5
    show_progress = sys.stderr.isatty()
    load_before = read_load_average()

    warm_up_texts = load_ticket_texts(path=EVAL_FILE, count=args.warm_up)
    texts = load_ticket_texts(path=EVAL_FILE, count=args.tickets, offset=args.warm_up)

    # The in-process run comes after the service has stopped, so neither takes CPU from the other.
    with tempfile.TemporaryDirectory(prefix="cliniqueue-bench-") as workdir:
        try:
            levels, kafka, memory = _measure_service(workdir=Path(workdir), args=args, warm_up_texts=warm_up_texts,
                                              texts=texts, show_progress=show_progress)
        except BenchError as error:
            print(f"error: {error}", file=sys.stderr)
            return 1
    in_process = run_in_process(warm_up_texts=warm_up_texts, texts=texts, show_progress=show_progress)

    load = describe_load(before=load_before)
    machine = describe_machine()
    tables = format_results(levels=levels, in_process=in_process, memory=memory) + "\n\n" + format_kafka(
        kafka=kafka, levels=levels)
    ratios = format_ratios(levels=levels, in_process=in_process, memory=memory)
    print(f"machine: {machine['cpu']}, {machine['cores']} cores, {machine['memory']}, Python {machine['python']}")
    print(f"tickets per level: {args.tickets} from {EVAL_FILE.name}, after {args.warm_up} warm-up tickets")
    print(load)
    print()
    print(tables)
    print()
    print(ratios)

    if args.write_docs:
        body = build_docs_body(command=_canonical_command(args), machine=machine, load=load, tables=tables,
                               ratios=ratios)
        write_docs_section(path=Path(args.write_docs), body=body)
        print(f"\nwrote the results to {args.write_docs}")
    return 0


def register(subparsers) -> None:
    """Add the bench command."""
    parser = subparsers.add_parser("bench", help="measure the running service against the in-process pipeline")
    parser.add_argument("--tickets", type=positive_int, default=400, help="tickets per concurrency level (default 400)")
    parser.add_argument("--concurrency", type=parse_concurrencies, default=[1, 8, 32],
                        help="comma-separated requests in flight per level (default 1,8,32)")
    parser.add_argument("--warm-up", type=positive_int, default=30, help="tickets sent once before the first level (default 30)")
    parser.add_argument("--write-docs", metavar="PATH",
                        help="rewrite the marked results section of this Markdown page, e.g. docs/benchmarks.md")
    parser.add_argument("--quick", action="store_true",
                        help="20 tickets per level at concurrency 1,4 after 5 warm-up tickets, for tests; "
                             "overrides --tickets, --concurrency and --warm-up")
    parser.set_defaults(func=cmd_bench)

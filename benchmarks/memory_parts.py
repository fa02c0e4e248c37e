"""Print how much resident memory each part of CliniQueue adds to one process.

Usage: python benchmarks/memory_parts.py
It loads the parts one after another in this process and prints VmRSS after
each: the web and Kafka libraries of the edge, the PHI scrubber, embedded
ClickHouse (chdb, in a temporary directory) and the local classifier.
"""

import tempfile
from pathlib import Path


def rss_mb() -> float:
    """Return this process's resident memory in MiB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("VmRSS not found in /proc/self/status")


def main() -> None:
    steps = []
    steps.append(("python", rss_mb()))

    import ingest_api.main  # noqa: F401

    steps.append(("edge imports (FastAPI, Kafka clients, Faust)", rss_mb()))

    from phi.service import warm_up as warm_up_scrubber

    warm_up_scrubber()
    steps.append(("PHI scrubber (Presidio, spaCy)", rss_mb()))

    import clickhouse_connect

    client = clickhouse_connect.get_client(interface="chdb", path=tempfile.mkdtemp(prefix="memory-parts-"))
    client.query("SELECT 1")
    steps.append(("embedded ClickHouse (chdb)", rss_mb()))

    from classifier.service import warm_up as warm_up_classifier

    warm_up_classifier()
    steps.append(("local classifier (ONNX MiniLM, scikit-learn)", rss_mb()))

    previous = 0.0
    print(f"{'after loading':48} {'VmRSS MB':>9} {'added MB':>9}")
    for name, value in steps:
        print(f"{name:48} {value:9.0f} {value - previous:9.0f}")
        previous = value


if __name__ == "__main__":
    main()

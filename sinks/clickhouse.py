"""ClickHouse client factory: a server over HTTP, or embedded chdb on a data directory.

chdb allows one process per data directory. The process that opens it takes an
exclusive lock file there, so a second process fails at once with
ChdbDirectoryBusy and a clear message instead of a crash inside chdb.
"""

import fcntl
import logging
import os
import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit

import clickhouse_connect
from clickhouse_connect.driver.client import Client

from cliniqueue.config import Settings, get_settings

log = logging.getLogger(__name__)

LOCK_FILE_NAME = ".cliniqueue.lock"


class ChdbDirectoryBusy(RuntimeError):
    """Raised when another process already uses the chdb data directory."""


class LockedClient:
    """A clickhouse-connect client whose calls are serialized by a lock.

    The edge, the agents and the sink share one client in the embedded process
    and call it from executor threads. chdb's embedded session is not
    documented as safe for concurrent queries.
    """

    def __init__(self, client: Client, *, embedded: bool) -> None:
        self._client = client
        self._lock = threading.Lock()
        self.embedded = embedded

    def command(self, *args, **kwargs):
        with self._lock:
            return self._client.command(*args, **kwargs)

    def query(self, *args, **kwargs):
        with self._lock:
            return self._client.query(*args, **kwargs)

    def insert(self, *args, **kwargs):
        with self._lock:
            return self._client.insert(*args, **kwargs)

    def close(self) -> None:
        with self._lock:
            self._client.close()


_lock_handles: dict[Path, int] = {}
_embedded_clients: dict[Path, "LockedClient"] = {}
_embedded_lock = threading.Lock()


def lock_chdb_directory(*, path: Path) -> None:
    """Take the exclusive lock of a chdb data directory for this process."""
    path = path.resolve()
    if path in _lock_handles:
        return
    path.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path / LOCK_FILE_NAME, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(descriptor)
        raise ChdbDirectoryBusy(
            f"the embedded ClickHouse directory {path} is in use by another CliniQueue process; "
            "stop that process, or set CLINIQUEUE_CHDB_PATH to another directory, "
            "or set CLINIQUEUE_CLICKHOUSE_URL to use a ClickHouse server"
        ) from None
    os.ftruncate(descriptor, 0)
    os.write(descriptor, str(os.getpid()).encode())
    _lock_handles[path] = descriptor


def chdb_directory_in_use(*, path: Path) -> bool:
    """Return whether another process holds the lock of a chdb data directory."""
    lock_path = path.resolve() / LOCK_FILE_NAME
    if path.resolve() in _lock_handles or not lock_path.exists():
        return False
    descriptor = os.open(lock_path, os.O_RDWR)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(descriptor)
    return False


def create_client(*, settings: Settings | None = None) -> LockedClient:
    """Create a client for the configured ClickHouse server, or chdb when no URL is set."""
    settings = settings or get_settings()

    if settings.clickhouse_url:
        parts = urlsplit(settings.clickhouse_url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(
                "CLINIQUEUE_CLICKHOUSE_URL must look like http://user:password@host:8123/database"
            )
        client = clickhouse_connect.get_client(
            host=parts.hostname,
            port=parts.port or (8443 if parts.scheme == "https" else 8123),
            username=unquote(parts.username or "default"),
            password=unquote(parts.password or ""),
            database=parts.path.strip("/") or "default",
            secure=parts.scheme == "https",
        )
        log.info("connected to ClickHouse server", extra={"host": parts.hostname, "port": parts.port})
        return LockedClient(client, embedded=False)

    path = settings.chdb_path.resolve()
    with _embedded_lock:
        # chdb serves one data directory per process: every caller in this
        # process shares the one client of that directory.
        if path in _embedded_clients:
            return _embedded_clients[path]
        if _embedded_clients:
            opened = next(iter(_embedded_clients))
            raise ChdbDirectoryBusy(f"this process already uses the embedded ClickHouse directory {opened}; "
                                    f"chdb cannot open a second one ({path})")
        lock_chdb_directory(path=path)
        client = LockedClient(clickhouse_connect.get_client(interface="chdb", path=str(path)), embedded=True)
        _embedded_clients[path] = client
    log.info("opened embedded ClickHouse", extra={"path": str(path)})
    return client


_shared_client: LockedClient | None = None
_shared_lock = threading.Lock()


def get_client() -> LockedClient:
    """Return the process-wide client, created on first use."""
    global _shared_client
    with _shared_lock:
        if _shared_client is None:
            _shared_client = create_client()
        return _shared_client

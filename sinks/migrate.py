"""Versioned schema migrations: SQL files applied in order, each once.

Files are named NNNN_description.sql in sinks/migrations. Each file's
statements are separated by a semicolon at the end of a line and use
IF NOT EXISTS, so re-running a file after a partial failure is safe.
"""

import logging
import re
from datetime import datetime, timezone
from pathlib import Path

log = logging.getLogger(__name__)

_FILE_PATTERN = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


def list_migrations() -> list[tuple[int, str, str]]:
    """Return (version, file name, SQL) of every migration file, in order."""
    folder = Path(__file__).parent / "migrations"
    migrations = []
    for entry in folder.iterdir():
        match = _FILE_PATTERN.match(entry.name)
        if match:
            migrations.append((int(match.group(1)), entry.name, entry.read_text(encoding="utf-8")))
    return sorted(migrations)


def split_statements(sql: str) -> list[str]:
    """Split a migration file into statements, dropping comment-only lines."""
    lines = [line for line in sql.splitlines() if not line.strip().startswith("--")]
    return [statement.strip() for statement in re.split(r";\s*$", "\n".join(lines), flags=re.MULTILINE) if statement.strip()]


def applied_versions(*, client) -> set[int]:
    """Return the versions already recorded in schema_migrations."""
    client.command(
        "CREATE TABLE IF NOT EXISTS schema_migrations "
        "(version UInt32, name String, applied_at DateTime64(3, 'UTC')) "
        "ENGINE = ReplacingMergeTree(applied_at) ORDER BY version"
    )
    return {row[0] for row in client.query("SELECT version FROM schema_migrations FINAL").result_rows}


def migrate(*, client) -> list[str]:
    """Apply every migration not yet applied; return the names applied now."""
    done = applied_versions(client=client)
    applied_now = []

    for version, name, sql in list_migrations():
        if version in done:
            continue
        for statement in split_statements(sql):
            client.command(statement)
        client.insert(
            "schema_migrations",
            [[version, name, datetime.now(timezone.utc)]],
            column_names=["version", "name", "applied_at"],
        )
        applied_now.append(name)
        log.info("applied migration", extra={"migration": name})

    return applied_now

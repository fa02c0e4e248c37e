"""Configuration of every CliniQueue process, read from CLINIQUEUE_* variables.

The defaults run the embedded stack: a local Tansu broker and chdb, both on
this machine, with every listener on 127.0.0.1.
"""

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """All settings; each field maps to CLINIQUEUE_<FIELD NAME IN CAPITALS>."""

    model_config = SettingsConfigDict(env_prefix="CLINIQUEUE_", extra="ignore")

    # Kafka.
    kafka_bootstrap_servers: str = Field(
        default="",
        description="host:port list of the Kafka brokers; empty starts a local Tansu broker (embedded stack only).",
    )
    kafka_fetch_wait_ms: int = Field(
        default=10,
        ge=1,
        le=5000,
        description="Consumer fetch wait in ms. Tansu returns a fetch response only when this wait ends, so it bounds each hop.",
    )
    kafka_session_timeout_ms: int = Field(default=10_000, ge=6_000, le=300_000, description="Consumer group session timeout in ms.")
    topic_prefix: str = Field(default="cliniqueue", description="Prefix of every topic name.")
    topic_retention_ms: int = Field(
        default=3_600_000,
        ge=60_000,
        description="retention.ms set on topics that carry scrubbed text (requests, inbound).",
    )
    topic_partitions: int = Field(default=4, ge=1, le=256, description="Partitions of topics the service creates.")

    # ClickHouse.
    clickhouse_url: str = Field(
        default="",
        description="http(s)://user:password@host:port/database of a ClickHouse server; empty uses embedded chdb.",
    )
    chdb_path: Path = Field(default=Path("var/chdb"), description="Data directory of embedded chdb.")

    # HTTP edge.
    host: str = Field(default="127.0.0.1", description="Listen address of the HTTP edge.")
    port: int = Field(default=8000, ge=1, le=65535, description="Listen port of the HTTP edge.")
    classify_timeout_s: float = Field(
        default=5.0, gt=0, le=120, description="Seconds POST /classify waits for the pipeline before responding 503."
    )
    max_ticket_chars: int = Field(default=20_000, ge=100, le=1_000_000, description="Longest accepted ticket_text.")
    scrub_processes: int = Field(
        default=1, ge=0, le=64,
        description="Worker processes that scrub PHI for the edge; 0 scrubs in two threads of the edge process.",
    )
    key_cache_ttl_s: float = Field(
        default=2.0, ge=0, le=300, description="Seconds an edge caches an API key lookup; bounds revocation delay."
    )
    instance_id: int = Field(
        default=0,
        ge=0,
        le=31,
        description="Number of this process among processes that issue audit ids (0-31); unique per running process.",
    )

    worker_metrics_port: int = Field(
        default=0, ge=0, le=65535,
        description="Port of `cliniqueue worker`'s Prometheus endpoint on CLINIQUEUE_HOST; 0 turns it off.",
    )

    # Sink.
    sink_batch_size: int = Field(default=1000, ge=1, le=100_000, description="Rows per ClickHouse insert, at most.")
    sink_batch_seconds: float = Field(default=1.0, gt=0, le=60, description="Maximum wait in seconds before a partial batch is inserted.")

    # Classifier.
    classifier_mode: Literal["local", "openai", "hybrid"] = Field(
        default="local", description="local model only, the OpenAI-compatible LLM only, or local first with LLM fallback."
    )
    hybrid_threshold: float = Field(
        default=0.6, ge=0, le=1, description="In hybrid mode, local confidence below this asks the LLM."
    )
    openai_base_url: str = Field(default="", description="Base URL of an OpenAI-compatible API; empty uses the SDK default.")
    openai_api_key: str = Field(default="", description="API key for the LLM endpoint.", repr=False)
    openai_model: str = Field(default="gpt-4o-mini", description="Model name sent to the LLM endpoint.")
    # The defaults keep one timed-out request plus one retry (about 4.5 s with
    # backoff) inside the default 5 s classify timeout. The local fallback then
    # still returns a result before the edge gives up.
    openai_timeout_s: float = Field(default=2.0, gt=0, le=300, description="Timeout of one LLM request in seconds.")
    openai_max_retries: int = Field(default=1, ge=0, le=10, description="Retries of a failed LLM request, with backoff.")
    feedback_memory_threshold: float = Field(
        default=0.92, ge=0, le=1, description="Cosine similarity at which a corrected ticket decides a new one."
    )

    # Logging.
    log_format: Literal["json", "text", "auto"] = Field(
        default="auto", description="json, text, or auto (text on a terminal, json otherwise)."
    )
    log_level: str = Field(default="INFO", description="Level of the root logger.")


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """Return the process-wide settings, read once from the environment."""
    return Settings()

"""Prometheus metrics of the edge, the agents and the sink.

Labels carry routes (as templates, e.g. /classifications/{audit_id}), status
codes, stages, categories, priorities, backends, tables and topics only:
never ticket text, an API key, a customer id or an audit id.
"""

from prometheus_client import Counter, Gauge, Histogram

# Buckets in seconds, fine below 100 ms where this service responds.
_LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.0075, 0.01, 0.015, 0.02, 0.03, 0.05, 0.075, 0.1, 0.15, 0.25, 0.5,
                    1.0, 2.5, 5.0, 10.0)

HTTP_REQUESTS = Counter("cliniqueue_http_requests_total", "HTTP requests by route, method and status.",
                        ["route", "method", "status"])
HTTP_LATENCY = Histogram("cliniqueue_http_request_duration_seconds", "HTTP request duration by route.", ["route"],
                         buckets=_LATENCY_BUCKETS)
STAGE_LATENCY = Histogram(
    "cliniqueue_stage_duration_seconds",
    "Time per pipeline stage: auth, quota, scrub, publish_to_reply, kafka_round_trip, classify, sink_lag.",
    ["stage"],
    buckets=_LATENCY_BUCKETS,
)
CLASSIFICATIONS = Counter("cliniqueue_classifications_total", "Classifications by category, priority and backend.",
                          ["category", "priority", "backend"])
PHI_IN_TEXT = Counter("cliniqueue_phi_in_text_total", "Tickets whose text contained patient identifiers.", ["source"])
PHI_EXPOSURE_FLAGS = Counter("cliniqueue_phi_exposure_flags_total", "Tickets classified as phi_exposure.")
QUOTA_REJECTIONS = Counter("cliniqueue_quota_rejections_total", "Tickets rejected because the monthly limit was reached.",
                           ["source"])
PIPELINE_TIMEOUTS = Counter("cliniqueue_pipeline_timeouts_total", "POST /classify answers of 503 after the timeout.")
CONSUMER_LAG = Gauge("cliniqueue_kafka_consumer_lag_messages",
                     "Messages not yet consumed per topic, as the broker reports its end offsets.", ["topic"])
SINK_BATCH_ROWS = Histogram("cliniqueue_sink_batch_rows", "Rows per ClickHouse insert by table.", ["table"],
                            buckets=(1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 5000))
SINK_FAILURES = Counter("cliniqueue_sink_failures_total", "ClickHouse inserts that failed after all retries.", ["table"])
DEAD_LETTERS = Counter("cliniqueue_dead_letters_total", "Inbound Kafka messages sent to the dead-letter topic.",
                       ["reason"])

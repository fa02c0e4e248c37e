-- Customers, API keys, classifications, feedback and response times.
-- Every table is a ReplacingMergeTree keyed so that a row delivered twice
-- (at-least-once Kafka delivery) collapses into one; queries read with FINAL.
-- No table has a column for ticket text.

CREATE TABLE IF NOT EXISTS customers
(
    customer_id String,
    name String,
    plan LowCardinality(String),
    monthly_limit UInt32,
    drafts_enabled Bool,
    team_overrides Map(String, String),
    updated_at DateTime64(3, 'UTC'),
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY customer_id;

CREATE TABLE IF NOT EXISTS api_keys
(
    key_hash String,
    key_id String,
    customer_id String,
    created_at DateTime64(3, 'UTC'),
    revoked Bool,
    updated_at DateTime64(3, 'UTC'),
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY key_hash;

CREATE TABLE IF NOT EXISTS classifications
(
    audit_id UInt64,
    customer_id String,
    source LowCardinality(String),
    message_id String,
    category LowCardinality(String),
    priority LowCardinality(String),
    phi_risk Bool,
    escalate_immediately Bool,
    compliance_flag Bool,
    assigned_team LowCardinality(String),
    confidence Float32,
    backend LowCardinality(String),
    reasoning String,
    suggested_reply Nullable(String),
    phi_entity_types Array(LowCardinality(String)),
    embedding Array(Float32),
    received_at DateTime64(3, 'UTC'),
    classified_at DateTime64(3, 'UTC'),
    classify_ms Float32,
    inserted_at DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree(inserted_at)
PARTITION BY toYYYYMM(received_at)
ORDER BY (customer_id, audit_id);

-- Monthly quota counter. uniqExact over audit ids makes a duplicated
-- classification row count once.
CREATE TABLE IF NOT EXISTS usage_monthly
(
    customer_id String,
    month Date,
    tickets AggregateFunction(uniqExact, UInt64)
)
ENGINE = AggregatingMergeTree
ORDER BY (customer_id, month);

CREATE MATERIALIZED VIEW IF NOT EXISTS usage_monthly_mv TO usage_monthly AS
SELECT
    customer_id,
    toDate(toStartOfMonth(received_at)) AS month,
    uniqExactState(audit_id) AS tickets
FROM classifications
GROUP BY customer_id, month;

CREATE TABLE IF NOT EXISTS feedback
(
    audit_id UInt64,
    customer_id String,
    corrected_category LowCardinality(String),
    original_category LowCardinality(String),
    created_at DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(created_at)
ORDER BY (customer_id, audit_id);

CREATE TABLE IF NOT EXISTS responses
(
    audit_id UInt64,
    customer_id String,
    route LowCardinality(String),
    status UInt16,
    response_ms Float32,
    responded_at DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(responded_at)
PARTITION BY toYYYYMM(responded_at)
ORDER BY (customer_id, audit_id);

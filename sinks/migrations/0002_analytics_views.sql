-- Views for customers' analysts. Each one reads its tables with FINAL, so a
-- row delivered twice counts once, and each one returns customer_id, so a
-- query, a row policy or a parameterized view can restrict it to one customer.
-- Days are UTC dates.
--
-- SQL SECURITY DEFINER runs a view's query with the rights of the user who
-- created it (the migration user). A ClickHouse server can then grant an
-- analyst SELECT on the views alone and restrict rows with a row policy on
-- each view; docs/analytics.md has the statements.

CREATE VIEW IF NOT EXISTS analytics_classifications_daily
SQL SECURITY DEFINER
AS SELECT
    customer_id,
    toDate(received_at) AS day,
    category,
    priority,
    assigned_team,
    count() AS tickets,
    countIf(escalate_immediately) AS escalations,
    countIf(compliance_flag) AS compliance_flags
FROM classifications FINAL
GROUP BY customer_id, day, category, priority, assigned_team;

-- phi_exposure_tickets: tickets classified as a PHI exposure incident.
-- phi_risk_tickets: tickets whose text held patient identifiers (phi_risk).
CREATE VIEW IF NOT EXISTS analytics_phi_daily
SQL SECURITY DEFINER
AS SELECT
    customer_id,
    toDate(received_at) AS day,
    count() AS tickets,
    countIf(category = 'phi_exposure') AS phi_exposure_tickets,
    countIf(phi_risk) AS phi_risk_tickets
FROM classifications FINAL
GROUP BY customer_id, day;

-- Every (original, corrected) pair of the latest correction per ticket,
-- including the pairs where the customer confirmed the category.
CREATE VIEW IF NOT EXISTS analytics_feedback_confusion
SQL SECURITY DEFINER
AS SELECT
    customer_id,
    toDate(created_at) AS day,
    original_category,
    corrected_category,
    count() AS corrections
FROM feedback FINAL
GROUP BY customer_id, day, original_category, corrected_category;

-- Share of corrections that kept the category the service assigned, per
-- assigned category, over all time.
CREATE VIEW IF NOT EXISTS analytics_feedback_agreement
SQL SECURITY DEFINER
AS SELECT
    customer_id,
    original_category AS category,
    count() AS feedback_rows,
    countIf(corrected_category = original_category) AS agreed_rows,
    agreed_rows / feedback_rows AS agreement_rate
FROM feedback FINAL
GROUP BY customer_id, category;

-- Response times of successful (HTTP 200) responses. The percentiles
-- interpolate between neighbouring values, as numpy.percentile does by
-- default. A day without an HTTP 200 response has NaN there.
CREATE VIEW IF NOT EXISTS analytics_response_times_daily
SQL SECURITY DEFINER
AS SELECT
    customer_id,
    toDate(responded_at) AS day,
    route,
    count() AS responses,
    countIf(status = 200) AS ok_responses,
    avgIf(response_ms, status = 200) AS avg_ms,
    quantileExactInclusiveIf(0.5)(response_ms, status = 200) AS p50_ms,
    quantileExactInclusiveIf(0.95)(response_ms, status = 200) AS p95_ms,
    quantileExactInclusiveIf(0.99)(response_ms, status = 200) AS p99_ms
FROM responses FINAL
GROUP BY customer_id, day, route;

-- Parameterized views: customer_phi_daily(customer_id = 'cus_...') and so on.
-- They filter before FINAL and aggregation. They restrict nothing by
-- themselves, because any caller can pass any customer id; they suit a
-- caller that binds the id from the identity it authenticated.
CREATE VIEW IF NOT EXISTS customer_classifications_daily
SQL SECURITY DEFINER
AS SELECT
    customer_id,
    toDate(received_at) AS day,
    category,
    priority,
    assigned_team,
    count() AS tickets,
    countIf(escalate_immediately) AS escalations,
    countIf(compliance_flag) AS compliance_flags
FROM classifications FINAL
WHERE customer_id = {customer_id:String}
GROUP BY customer_id, day, category, priority, assigned_team;

CREATE VIEW IF NOT EXISTS customer_phi_daily
SQL SECURITY DEFINER
AS SELECT
    customer_id,
    toDate(received_at) AS day,
    count() AS tickets,
    countIf(category = 'phi_exposure') AS phi_exposure_tickets,
    countIf(phi_risk) AS phi_risk_tickets
FROM classifications FINAL
WHERE customer_id = {customer_id:String}
GROUP BY customer_id, day;

CREATE VIEW IF NOT EXISTS customer_feedback_confusion
SQL SECURITY DEFINER
AS SELECT
    customer_id,
    toDate(created_at) AS day,
    original_category,
    corrected_category,
    count() AS corrections
FROM feedback FINAL
WHERE customer_id = {customer_id:String}
GROUP BY customer_id, day, original_category, corrected_category;

CREATE VIEW IF NOT EXISTS customer_feedback_agreement
SQL SECURITY DEFINER
AS SELECT
    customer_id,
    original_category AS category,
    count() AS feedback_rows,
    countIf(corrected_category = original_category) AS agreed_rows,
    agreed_rows / feedback_rows AS agreement_rate
FROM feedback FINAL
WHERE customer_id = {customer_id:String}
GROUP BY customer_id, category;

CREATE VIEW IF NOT EXISTS customer_response_times_daily
SQL SECURITY DEFINER
AS SELECT
    customer_id,
    toDate(responded_at) AS day,
    route,
    count() AS responses,
    countIf(status = 200) AS ok_responses,
    avgIf(response_ms, status = 200) AS avg_ms,
    quantileExactInclusiveIf(0.5)(response_ms, status = 200) AS p50_ms,
    quantileExactInclusiveIf(0.95)(response_ms, status = 200) AS p95_ms,
    quantileExactInclusiveIf(0.99)(response_ms, status = 200) AS p99_ms
FROM responses FINAL
WHERE customer_id = {customer_id:String}
GROUP BY customer_id, day, route;

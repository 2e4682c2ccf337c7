-- The steps of one instance, in order.
-- psql "$NIGHTSHIFT_DB" -v hub=default -v id=INSTANCE -f infra/sql/postgres/history-of-instance.sql
SET search_path TO nightshift;
SELECT execution_id, sequence, event_type, task_id, name, payload, failure, timestamp
FROM v_history
WHERE hub = :'hub' AND instance_id = :'id'
ORDER BY timestamp, execution_id, sequence;

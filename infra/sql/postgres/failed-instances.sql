-- Every failed instance with its failure and its last recorded failed step.
-- psql "$NIGHTSHIFT_DB" -v hub=default -f infra/sql/postgres/failed-instances.sql
SET search_path TO nightshift;
SELECT i.instance_id, i.name, i.failure, i.completed_at,
       (SELECT h.event_type || ' ' || coalesce(h.name, '')
        FROM v_history h
        WHERE h.hub = i.hub AND h.instance_id = i.instance_id AND h.execution_id = i.execution_id
          AND h.event_type IN ('TaskFailed', 'SubOrchestrationFailed')
        ORDER BY h.sequence DESC LIMIT 1) AS failed_step
FROM v_instances i
WHERE i.hub = :'hub' AND i.status = 'Failed'
ORDER BY i.completed_at DESC;

-- The steps of one instance, in order; pass the id with: sqlite3 -cmd ".param set :id 'INSTANCE'" nightshift.db < this file
SELECT execution_id, sequence, event_type, task_id, name, payload, failure, timestamp
FROM v_history
WHERE instance_id = :id
ORDER BY timestamp, execution_id, sequence;

-- Nightshift schema, version 1. Every table carries the task hub, so productions can share one file.
CREATE TABLE IF NOT EXISTS instances (
    hub                 TEXT    NOT NULL,
    instance_id         TEXT    NOT NULL,
    execution_id        TEXT    NOT NULL,
    name                TEXT    NOT NULL,
    status              TEXT    NOT NULL,
    input               TEXT,
    output              TEXT,
    custom_status       TEXT,
    failure             TEXT,
    parent_instance_id  TEXT,
    created_at          TEXT    NOT NULL,
    updated_at          TEXT    NOT NULL,
    completed_at        TEXT,
    episode             INTEGER NOT NULL DEFAULT 0,
    locked_by           TEXT,
    locked_until        TEXT,
    PRIMARY KEY (hub, instance_id)
);
CREATE INDEX IF NOT EXISTS ix_instances_status  ON instances (hub, status, completed_at);
CREATE INDEX IF NOT EXISTS ix_instances_created ON instances (hub, created_at);
CREATE INDEX IF NOT EXISTS ix_instances_parent  ON instances (hub, parent_instance_id);

CREATE TABLE IF NOT EXISTS history (
    hub           TEXT    NOT NULL,
    instance_id   TEXT    NOT NULL,
    execution_id  TEXT    NOT NULL,
    sequence      INTEGER NOT NULL,
    event_type    TEXT    NOT NULL,
    task_id       INTEGER NOT NULL,
    name          TEXT,
    payload       TEXT,
    failure       TEXT,
    details       TEXT,
    timestamp     TEXT    NOT NULL,
    PRIMARY KEY (hub, instance_id, execution_id, sequence)
);

CREATE TABLE IF NOT EXISTS new_events (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    hub           TEXT    NOT NULL,
    instance_id   TEXT    NOT NULL,
    execution_id  TEXT,
    event_type    TEXT    NOT NULL,
    task_id       INTEGER NOT NULL,
    name          TEXT,
    payload       TEXT,
    failure       TEXT,
    details       TEXT,
    visible_at    TEXT    NOT NULL,
    dequeue_count INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT    NOT NULL
);
CREATE INDEX IF NOT EXISTS ix_new_events_visible  ON new_events (hub, visible_at);
CREATE INDEX IF NOT EXISTS ix_new_events_instance ON new_events (hub, instance_id, visible_at);

CREATE TABLE IF NOT EXISTS new_tasks (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    hub           TEXT    NOT NULL,
    instance_id   TEXT    NOT NULL,
    execution_id  TEXT    NOT NULL,
    task_id       INTEGER NOT NULL,
    name          TEXT    NOT NULL,
    input         TEXT,
    visible_at    TEXT    NOT NULL,
    locked_by     TEXT,
    dequeue_count INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT    NOT NULL
);
CREATE INDEX IF NOT EXISTS ix_new_tasks_visible  ON new_tasks (hub, visible_at);
CREATE INDEX IF NOT EXISTS ix_new_tasks_instance ON new_tasks (hub, instance_id);

-- Views for operators: JSON payloads as text, times as ISO-8601 UTC.
DROP VIEW IF EXISTS v_instances;
CREATE VIEW v_instances AS
SELECT hub,
       instance_id,
       name,
       status,
       json(input)                                   AS input,
       json(output)                                  AS output,
       json(custom_status)                           AS custom_status,
       json_extract(failure, '$.errorType') || ': ' || json_extract(failure, '$.errorMessage') AS failure,
       parent_instance_id,
       execution_id,
       strftime('%Y-%m-%dT%H:%M:%fZ', created_at)    AS created_at,
       strftime('%Y-%m-%dT%H:%M:%fZ', updated_at)    AS updated_at,
       strftime('%Y-%m-%dT%H:%M:%fZ', completed_at)  AS completed_at,
       episode,
       locked_by
FROM instances;

DROP VIEW IF EXISTS v_history;
CREATE VIEW v_history AS
SELECT hub,
       instance_id,
       execution_id,
       sequence,
       event_type,
       CASE WHEN task_id >= 0 THEN task_id END       AS task_id,
       name,
       json(payload)                                 AS payload,
       json_extract(failure, '$.errorType') || ': ' || json_extract(failure, '$.errorMessage') AS failure,
       json(details)                                 AS details,
       strftime('%Y-%m-%dT%H:%M:%fZ', timestamp)     AS timestamp
FROM history;

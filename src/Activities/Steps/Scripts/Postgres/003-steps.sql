-- Nightshift schema, version 3, for PostgreSQL: the steps ledger (Nightshift.Activities.Steps); the same table,
-- columns and view as the SQLite store's 003-steps.sql. One row per step of a pipeline scope; a step run through the
-- ledger returns the recorded result when its input hash and code version match. Reset deletes rows (and products)
-- after running their undo.
CREATE TABLE IF NOT EXISTS steps (
    hub           text COLLATE "C" NOT NULL,
    scope         text COLLATE "C" NOT NULL,   -- what the steps belong to: a field, a production, a run directory
    step_key      text COLLATE "C" NOT NULL,   -- e.g. facet3/facetselfcal; '/' separates levels, reset selects by prefix
    status        text        NOT NULL,        -- running, completed, failed
    input_hash    text        NOT NULL,        -- SHA-256 of the step's input as JSON
    code_version  text,
    instance_id   text COLLATE "C" NOT NULL,   -- the instance that ran (or runs) it
    result        text,                        -- the step's result as JSON
    products      text,                        -- JSON array of the paths it wrote (deleted on reset)
    undo          text,                        -- JSON {activity, input}: what a reset runs first
    error         text,
    started_at    timestamptz NOT NULL,
    completed_at  timestamptz,
    updated_at    timestamptz NOT NULL,
    PRIMARY KEY (hub, scope, step_key)
);
CREATE INDEX IF NOT EXISTS ix_steps_instance ON steps (hub, instance_id);

CREATE OR REPLACE VIEW v_steps AS
SELECT hub,
       scope,
       step_key,
       status,
       input_hash,
       code_version,
       instance_id,
       result::json                     AS result,
       products::json                   AS products,
       undo::json                       AS undo,
       error,
       started_at AT TIME ZONE 'UTC'    AS started_at,
       completed_at AT TIME ZONE 'UTC'  AS completed_at,
       updated_at AT TIME ZONE 'UTC'    AS updated_at
FROM steps;

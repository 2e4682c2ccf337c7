-- Nightshift schema, version 3: the steps ledger (Nightshift.Activities.Steps). One row per step of a pipeline scope
-- (for example scope 'facet:/data/field1', step 'facet3/facetselfcal'); a step run through the ledger returns the
-- recorded result when its input hash and code version match, so re-running a configuration skips finished work even
-- after the instance that did it has ended. Reset deletes rows (and their products) after running their undo.
CREATE TABLE IF NOT EXISTS steps (
    hub           TEXT NOT NULL,
    scope         TEXT NOT NULL,   -- what the steps belong to: a field, a production, a run directory
    step_key      TEXT NOT NULL,   -- e.g. facet3/facetselfcal; '/' separates levels, reset selects by prefix
    status        TEXT NOT NULL,   -- running, completed, failed
    input_hash    TEXT NOT NULL,   -- SHA-256 of the step's input as JSON
    code_version  TEXT,
    instance_id   TEXT NOT NULL,   -- the instance that ran (or runs) it
    result        TEXT,            -- the step's result as JSON
    products      TEXT,            -- JSON array of the paths it wrote (deleted on reset)
    undo          TEXT,            -- JSON {activity, input}: what a reset runs first (e.g. add a subtracted model back)
    error         TEXT,
    started_at    TEXT NOT NULL,
    completed_at  TEXT,
    updated_at    TEXT NOT NULL,
    PRIMARY KEY (hub, scope, step_key)
);
CREATE INDEX IF NOT EXISTS ix_steps_instance ON steps (hub, instance_id);

DROP VIEW IF EXISTS v_steps;
CREATE VIEW v_steps AS
SELECT hub,
       scope,
       step_key,
       status,
       input_hash,
       code_version,
       instance_id,
       json(result)                                  AS result,
       json(products)                                AS products,
       json(undo)                                    AS undo,
       error,
       strftime('%Y-%m-%dT%H:%M:%fZ', started_at)    AS started_at,
       strftime('%Y-%m-%dT%H:%M:%fZ', completed_at)  AS completed_at,
       strftime('%Y-%m-%dT%H:%M:%fZ', updated_at)    AS updated_at
FROM steps;

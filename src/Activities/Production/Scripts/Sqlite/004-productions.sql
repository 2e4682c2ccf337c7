-- Nightshift schema, version 4: SNfactory-style productions (Nightshift.Activities.Production).
-- A production is named and versioned: (name, code_version, output_version). Its rows never mix with another
-- production's, so a test production (another name or output version) cannot disturb the main one, and a production
-- run with --no-register writes none of these rows at all.
CREATE TABLE IF NOT EXISTS productions (
    hub             TEXT    NOT NULL,
    name            TEXT    NOT NULL,
    code_version    TEXT    NOT NULL,
    output_version  INTEGER NOT NULL,
    instance_id     TEXT    NOT NULL,   -- the latest run (orchestration) of this production
    mode            TEXT    NOT NULL,   -- full, incremental, flux: the latest run's mode
    raw_dir         TEXT    NOT NULL,
    output_dir      TEXT    NOT NULL,
    status          TEXT    NOT NULL,   -- running, completed, failed
    nights_done     INTEGER NOT NULL DEFAULT 0,
    nights_failed   INTEGER NOT NULL DEFAULT 0,
    targets_done    INTEGER NOT NULL DEFAULT 0,
    targets_failed  INTEGER NOT NULL DEFAULT 0,
    targets_blocked INTEGER NOT NULL DEFAULT 0,  -- waiting for a night that is not done
    started_at      TEXT    NOT NULL,
    ended_at        TEXT,
    updated_at      TEXT    NOT NULL,
    PRIMARY KEY (hub, name, code_version, output_version)
);

-- Night plans per night: done (all seven plans), failed (failed_plan says which), stopped (the run stopped first).
CREATE TABLE IF NOT EXISTS production_nights (
    hub             TEXT    NOT NULL,
    name            TEXT    NOT NULL,
    code_version    TEXT    NOT NULL,
    output_version  INTEGER NOT NULL,
    night           TEXT    NOT NULL,
    status          TEXT    NOT NULL,
    photometric     INTEGER,            -- 1/0 from photometricity, NULL until known
    extinction_rms  REAL,               -- scatter of the standards about the extinction law (mag)
    failed_plan     TEXT,
    error           TEXT,
    instance_id     TEXT    NOT NULL,   -- the night-plan orchestration; its jobs are in jobs.instance_id
    updated_at      TEXT    NOT NULL,
    PRIMARY KEY (hub, name, code_version, output_version, night)
);

-- Target plans per target, and the nights they were run on.
CREATE TABLE IF NOT EXISTS production_targets (
    hub             TEXT    NOT NULL,
    name            TEXT    NOT NULL,
    code_version    TEXT    NOT NULL,
    output_version  INTEGER NOT NULL,
    target          TEXT    NOT NULL,
    status          TEXT    NOT NULL,   -- done, failed, stopped, blocked
    nights          TEXT    NOT NULL,   -- comma-separated
    failed_plan     TEXT,
    error           TEXT,
    instance_id     TEXT,
    updated_at      TEXT    NOT NULL,
    PRIMARY KEY (hub, name, code_version, output_version, target)
);

-- Every file a plan's job wrote, registered when its chain ended.
CREATE TABLE IF NOT EXISTS production_outputs (
    hub             TEXT    NOT NULL,
    name            TEXT    NOT NULL,
    code_version    TEXT    NOT NULL,
    output_version  INTEGER NOT NULL,
    path            TEXT    NOT NULL,
    unit_kind       TEXT    NOT NULL,   -- night or target
    unit            TEXT    NOT NULL,   -- the night or target name
    plan            TEXT    NOT NULL,   -- file_quality, cube_generation, ...
    job_key         TEXT    NOT NULL,
    bytes           INTEGER NOT NULL,
    registered_at   TEXT    NOT NULL,
    PRIMARY KEY (hub, name, code_version, output_version, path)
);
CREATE INDEX IF NOT EXISTS ix_production_outputs_unit ON production_outputs (hub, name, code_version, output_version, unit_kind, unit);

DROP VIEW IF EXISTS v_productions;
CREATE VIEW v_productions AS
SELECT hub, name, code_version, output_version, instance_id, mode, status, nights_done, nights_failed,
       targets_done, targets_failed, targets_blocked, raw_dir, output_dir,
       strftime('%Y-%m-%dT%H:%M:%fZ', started_at) AS started_at,
       strftime('%Y-%m-%dT%H:%M:%fZ', ended_at)   AS ended_at
FROM productions;

DROP VIEW IF EXISTS v_production_nights;
CREATE VIEW v_production_nights AS
SELECT hub, name, code_version, output_version, night, status, photometric, extinction_rms, failed_plan, error, instance_id,
       strftime('%Y-%m-%dT%H:%M:%fZ', updated_at) AS updated_at
FROM production_nights;

DROP VIEW IF EXISTS v_production_targets;
CREATE VIEW v_production_targets AS
SELECT hub, name, code_version, output_version, target, status, nights, failed_plan, error, instance_id,
       strftime('%Y-%m-%dT%H:%M:%fZ', updated_at) AS updated_at
FROM production_targets;

DROP VIEW IF EXISTS v_production_outputs;
CREATE VIEW v_production_outputs AS
SELECT hub, name, code_version, output_version, unit_kind, unit, plan, path, bytes, job_key,
       strftime('%Y-%m-%dT%H:%M:%fZ', registered_at) AS registered_at
FROM production_outputs;

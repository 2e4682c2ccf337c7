-- Nightshift schema, version 4, for PostgreSQL: SNfactory-style productions (Nightshift.Activities.Production).
-- A production is named and versioned: (name, code_version, output_version). Its rows never mix with another
-- production's, so a test production (another name or output version) cannot disturb the main one, and a production
-- run with --no-register writes none of these rows at all.
CREATE TABLE IF NOT EXISTS productions (
    hub             text COLLATE "C" NOT NULL,
    name            text COLLATE "C" NOT NULL,
    code_version    text        NOT NULL,
    output_version  integer     NOT NULL,
    instance_id     text COLLATE "C" NOT NULL,   -- the latest run (orchestration) of this production
    mode            text        NOT NULL,   -- full, incremental, flux: the latest run's mode
    raw_dir         text        NOT NULL,
    output_dir      text        NOT NULL,
    status          text        NOT NULL,   -- running, completed, failed
    nights_done     integer NOT NULL DEFAULT 0,
    nights_failed   integer NOT NULL DEFAULT 0,
    targets_done    integer NOT NULL DEFAULT 0,
    targets_failed  integer NOT NULL DEFAULT 0,
    targets_blocked integer NOT NULL DEFAULT 0,  -- waiting for a night that is not done
    started_at      timestamptz        NOT NULL,
    ended_at        timestamptz,
    updated_at      timestamptz        NOT NULL,
    PRIMARY KEY (hub, name, code_version, output_version)
);

-- Night plans per night: done (all seven plans), failed (failed_plan says which), stopped (the run stopped first).
CREATE TABLE IF NOT EXISTS production_nights (
    hub             text COLLATE "C" NOT NULL,
    name            text COLLATE "C" NOT NULL,
    code_version    text        NOT NULL,
    output_version  integer     NOT NULL,
    night           text        NOT NULL,
    status          text        NOT NULL,
    photometric     integer,            -- 1/0 from photometricity, NULL until known
    extinction_rms  double precision,               -- scatter of the standards about the extinction law (mag)
    failed_plan     text,
    error           text,
    instance_id     text        NOT NULL,   -- the night-plan orchestration; its jobs are in jobs.instance_id
    updated_at      timestamptz        NOT NULL,
    PRIMARY KEY (hub, name, code_version, output_version, night)
);

-- Target plans per target, and the nights they were run on.
CREATE TABLE IF NOT EXISTS production_targets (
    hub             text COLLATE "C" NOT NULL,
    name            text COLLATE "C" NOT NULL,
    code_version    text        NOT NULL,
    output_version  integer     NOT NULL,
    target          text        NOT NULL,
    status          text        NOT NULL,   -- done, failed, stopped, blocked
    nights          text        NOT NULL,   -- comma-separated
    failed_plan     text,
    error           text,
    instance_id     text,
    updated_at      timestamptz        NOT NULL,
    PRIMARY KEY (hub, name, code_version, output_version, target)
);

-- Every file a plan's job wrote, registered when its chain ended.
CREATE TABLE IF NOT EXISTS production_outputs (
    hub             text COLLATE "C" NOT NULL,
    name            text COLLATE "C" NOT NULL,
    code_version    text        NOT NULL,
    output_version  integer     NOT NULL,
    path            text        NOT NULL,
    unit_kind       text        NOT NULL,   -- night or target
    unit            text        NOT NULL,   -- the night or target name
    plan            text        NOT NULL,   -- file_quality, cube_generation, ...
    job_key         text        NOT NULL,
    bytes           bigint      NOT NULL,
    registered_at   timestamptz        NOT NULL,
    PRIMARY KEY (hub, name, code_version, output_version, path)
);
CREATE INDEX IF NOT EXISTS ix_production_outputs_unit ON production_outputs (hub, name, code_version, output_version, unit_kind, unit);

CREATE OR REPLACE VIEW v_productions AS
SELECT hub, name, code_version, output_version, instance_id, mode, status, nights_done, nights_failed,
       targets_done, targets_failed, targets_blocked, raw_dir, output_dir,
       started_at AT TIME ZONE 'UTC' AS started_at,
       ended_at AT TIME ZONE 'UTC' AS ended_at
FROM productions;

CREATE OR REPLACE VIEW v_production_nights AS
SELECT hub, name, code_version, output_version, night, status, photometric, extinction_rms, failed_plan, error, instance_id,
       updated_at AT TIME ZONE 'UTC' AS updated_at
FROM production_nights;

CREATE OR REPLACE VIEW v_production_targets AS
SELECT hub, name, code_version, output_version, target, status, nights, failed_plan, error, instance_id,
       updated_at AT TIME ZONE 'UTC' AS updated_at
FROM production_targets;

CREATE OR REPLACE VIEW v_production_outputs AS
SELECT hub, name, code_version, output_version, unit_kind, unit, plan, path, bytes, job_key,
       registered_at AT TIME ZONE 'UTC' AS registered_at
FROM production_outputs;

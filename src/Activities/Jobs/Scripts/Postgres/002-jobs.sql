-- Nightshift schema, version 2, for PostgreSQL: the batch job ledger (Nightshift.Activities.Jobs) and the job
-- monitor leases; the same tables, columns and view as the SQLite store's 002-jobs.sql.
-- A row per attempt of a job; the monitor's whole state is this table, so a restarted monitor resumes from it.
CREATE TABLE IF NOT EXISTS jobs (
    hub             text COLLATE "C" NOT NULL,
    job_key         text COLLATE "C" NOT NULL,  -- instance/step/attempt: deterministic, also the external event name
    instance_id     text COLLATE "C" NOT NULL,
    step            text        NOT NULL,
    attempt         integer     NOT NULL,
    backend         text        NOT NULL,       -- local, slurm, condor
    state           text        NOT NULL,       -- pending, submitting, queued, running, held, then a terminal state
    spec            text        NOT NULL,       -- the JobSpec as JSON
    batch_name      text,                       -- scheduler job name of the submission (array) it went out in
    array_index     integer,
    scheduler_id    text,                       -- e.g. 123_4 (SLURM array task), 57.3 (HTCondor), a pid (local)
    exit_code       integer,
    signal          integer,
    reason          text,
    created_at      timestamptz NOT NULL,
    submitted_at    timestamptz,
    started_at      timestamptz,
    ended_at        timestamptz,
    cpu_seconds     double precision,
    max_rss_bytes   bigint,
    stdout_path     text,
    stderr_path     text,
    stdout_tail     text,
    stderr_tail     text,
    notified_at     timestamptz,                -- when the waiting orchestration got its event
    updated_at      timestamptz NOT NULL,
    PRIMARY KEY (hub, job_key)
);
CREATE INDEX IF NOT EXISTS ix_jobs_backend_state ON jobs (hub, backend, state);
CREATE INDEX IF NOT EXISTS ix_jobs_instance      ON jobs (hub, instance_id);
CREATE INDEX IF NOT EXISTS ix_jobs_batch         ON jobs (hub, batch_name);

-- One active monitor per backend: whoever holds an unexpired lease submits and polls for that backend.
CREATE TABLE IF NOT EXISTS job_monitors (
    hub          text COLLATE "C" NOT NULL,
    backend      text        NOT NULL,
    owner        text        NOT NULL,
    lease_until  timestamptz NOT NULL,
    PRIMARY KEY (hub, backend)
);

CREATE OR REPLACE VIEW v_jobs AS
SELECT hub,
       job_key,
       instance_id,
       step,
       attempt,
       backend,
       scheduler_id,
       state,
       exit_code,
       signal,
       reason,
       created_at AT TIME ZONE 'UTC'    AS created_at,
       submitted_at AT TIME ZONE 'UTC'  AS submitted_at,
       started_at AT TIME ZONE 'UTC'    AS started_at,
       ended_at AT TIME ZONE 'UTC'      AS ended_at,
       cpu_seconds,
       max_rss_bytes,
       stdout_path,
       stderr_path,
       stdout_tail,
       stderr_tail,
       batch_name,
       array_index,
       spec::json                       AS spec,
       notified_at AT TIME ZONE 'UTC'   AS notified_at
FROM jobs;

-- Nightshift schema, version 2: the batch job ledger (Nightshift.Activities.Jobs) and the job monitor leases.
-- A row per attempt of a job; the monitor's whole state is this table, so a restarted monitor resumes from it.
CREATE TABLE IF NOT EXISTS jobs (
    hub             TEXT    NOT NULL,
    job_key         TEXT    NOT NULL,   -- instance/step/attempt: deterministic, also the external event name
    instance_id     TEXT    NOT NULL,
    step            TEXT    NOT NULL,
    attempt         INTEGER NOT NULL,
    backend         TEXT    NOT NULL,   -- local, slurm, condor
    state           TEXT    NOT NULL,   -- pending, submitting, queued, running, held, then a terminal state
    spec            TEXT    NOT NULL,   -- the JobSpec as JSON
    batch_name      TEXT,               -- scheduler job name of the submission (array) it went out in
    array_index     INTEGER,
    scheduler_id    TEXT,               -- e.g. 123_4 (SLURM array task), 57.3 (HTCondor), a pid (local)
    exit_code       INTEGER,
    signal          INTEGER,
    reason          TEXT,
    created_at      TEXT    NOT NULL,
    submitted_at    TEXT,
    started_at      TEXT,
    ended_at        TEXT,
    cpu_seconds     REAL,
    max_rss_bytes   INTEGER,
    stdout_path     TEXT,
    stderr_path     TEXT,
    stdout_tail     TEXT,
    stderr_tail     TEXT,
    notified_at     TEXT,               -- when the waiting orchestration got its event
    updated_at      TEXT    NOT NULL,
    PRIMARY KEY (hub, job_key)
);
CREATE INDEX IF NOT EXISTS ix_jobs_unnotified    ON jobs (hub, backend, notified_at);  -- the monitor's work list
CREATE INDEX IF NOT EXISTS ix_jobs_instance      ON jobs (hub, instance_id);
CREATE INDEX IF NOT EXISTS ix_jobs_batch         ON jobs (hub, batch_name);

-- One active monitor per backend: whoever holds an unexpired lease submits and polls for that backend.
CREATE TABLE IF NOT EXISTS job_monitors (
    hub          TEXT NOT NULL,
    backend      TEXT NOT NULL,
    owner        TEXT NOT NULL,
    lease_until  TEXT NOT NULL,
    PRIMARY KEY (hub, backend)
);

DROP VIEW IF EXISTS v_jobs;
CREATE VIEW v_jobs AS
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
       strftime('%Y-%m-%dT%H:%M:%fZ', created_at)    AS created_at,
       strftime('%Y-%m-%dT%H:%M:%fZ', submitted_at)  AS submitted_at,
       strftime('%Y-%m-%dT%H:%M:%fZ', started_at)    AS started_at,
       strftime('%Y-%m-%dT%H:%M:%fZ', ended_at)      AS ended_at,
       cpu_seconds,
       max_rss_bytes,
       stdout_path,
       stderr_path,
       stdout_tail,
       stderr_tail,
       batch_name,
       array_index,
       json(spec)                                    AS spec,
       strftime('%Y-%m-%dT%H:%M:%fZ', notified_at)   AS notified_at
FROM jobs;

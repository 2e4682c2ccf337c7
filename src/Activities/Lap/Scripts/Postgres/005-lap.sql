-- Nightshift schema, version 5, for PostgreSQL: the LAP ledger (Nightshift.Activities.Lap); the same tables, columns
-- and views as the SQLite store's 005-lap.sql, with times as timestamptz. With a PostgreSQL store the LAP ledger lives
-- here, next to the instances and jobs of the runs it describes.
CREATE TABLE IF NOT EXISTS lap_sequences (
    seq_id          text COLLATE "C" PRIMARY KEY,
    description     text,
    registered      timestamptz NOT NULL
);
CREATE TABLE IF NOT EXISTS lap_runs (
    lap_id          text COLLATE "C" PRIMARY KEY,
    seq_id          text COLLATE "C" NOT NULL,
    projection_cell text        NOT NULL,
    filter          text        NOT NULL,
    label           text,
    state           text        NOT NULL,
    fault           integer     NOT NULL DEFAULT 0,
    registered      timestamptz NOT NULL,
    updated         timestamptz NOT NULL
);
CREATE TABLE IF NOT EXISTS lap_exposures (
    lap_id          text COLLATE "C" NOT NULL,
    exp_id          integer     NOT NULL,
    exp_name        text        NOT NULL,
    seq_id          text COLLATE "C" NOT NULL,
    chip_id         text COLLATE "C",
    pair_id         integer,
    private         integer     NOT NULL DEFAULT 0,   -- 0/1 as in SQLite, so the same SQL and queries run on both
    pairwise        integer     NOT NULL DEFAULT 0,
    active          integer     NOT NULL DEFAULT 1,
    data_state      text        NOT NULL,
    fault           integer     NOT NULL DEFAULT 0,
    note            text,
    updated         timestamptz NOT NULL,
    PRIMARY KEY (lap_id, exp_id)
);
CREATE TABLE IF NOT EXISTS lap_chips (
    seq_id          text COLLATE "C" NOT NULL,
    exp_id          integer     NOT NULL,
    exp_name        text        NOT NULL,
    chip_id         text COLLATE "C" NOT NULL,
    owner           text,
    state           text        NOT NULL,
    chip_bad        double precision,
    warp_bad        double precision,
    record          text,                             -- the exposure's products as JSON
    chip_runs       integer     NOT NULL DEFAULT 0,
    warp_runs       integer     NOT NULL DEFAULT 0,
    updated         timestamptz NOT NULL,
    PRIMARY KEY (seq_id, exp_id)
);
CREATE TABLE IF NOT EXISTS lap_stacks (
    seq_id          text COLLATE "C" NOT NULL,
    lap_id          text COLLATE "C" NOT NULL,
    skycell         text COLLATE "C" NOT NULL,
    pass            integer     NOT NULL,
    state           text        NOT NULL,
    fault           integer     NOT NULL DEFAULT 0,
    inputs          integer     NOT NULL DEFAULT 0,
    image           text,
    updated         timestamptz NOT NULL,
    PRIMARY KEY (lap_id, skycell, pass)
);
CREATE TABLE IF NOT EXISTS lap_diffs (
    seq_id          text COLLATE "C" NOT NULL,
    lap_id          text COLLATE "C" NOT NULL,
    kind            text COLLATE "C" NOT NULL,
    science         integer     NOT NULL,
    template        integer,
    skycell         text COLLATE "C" NOT NULL,
    image           text        NOT NULL,
    mask            text        NOT NULL,
    catalog         text        NOT NULL,
    detections      integer     NOT NULL,
    bad_fraction    double precision NOT NULL,
    updated         timestamptz NOT NULL,
    PRIMARY KEY (lap_id, kind, science, skycell)
);
CREATE TABLE IF NOT EXISTS lap_injections (
    seq_id          text COLLATE "C" NOT NULL,
    stage           text COLLATE "C" NOT NULL,
    target          text COLLATE "C" NOT NULL,
    hits            integer     NOT NULL,
    PRIMARY KEY (seq_id, stage, target)
);
-- The cleanup query counts a chip's active runs; the summary and the views select by sequence and run.
CREATE INDEX IF NOT EXISTS ix_lap_exposures_chip ON lap_exposures (chip_id, active);
CREATE INDEX IF NOT EXISTS ix_lap_chips_chip ON lap_chips (chip_id);

-- Each run with its counts.
CREATE OR REPLACE VIEW v_lap_runs AS
SELECT r.lap_id, r.seq_id, r.projection_cell, r.filter, r.label, r.state, r.fault,
       (SELECT COUNT(*) FROM lap_exposures x WHERE x.lap_id = r.lap_id) AS exposures,
       (SELECT COUNT(*) FROM lap_exposures x WHERE x.lap_id = r.lap_id AND x.data_state = 'drop') AS dropped,
       (SELECT COUNT(*) FROM lap_exposures x WHERE x.lap_id = r.lap_id AND x.fault <> 0) AS faulted,
       (SELECT COUNT(*) FROM lap_stacks s WHERE s.lap_id = r.lap_id AND s.state = 'full') AS stacks,
       (SELECT COUNT(*) FROM lap_diffs d WHERE d.lap_id = r.lap_id AND d.kind = 'final') AS final_diffs,
       (SELECT COALESCE(SUM(d.detections), 0) FROM lap_diffs d WHERE d.lap_id = r.lap_id AND d.kind = 'final') AS detections,
       r.registered, r.updated
FROM lap_runs r;

-- Each exposure of a run with its chip/warp ledger row.
CREATE OR REPLACE VIEW v_lap_exposures AS
SELECT x.lap_id, x.exp_id, x.exp_name, x.data_state, x.fault, x.private, x.pairwise, x.pair_id, x.active, x.note,
       c.state AS chip_state, c.chip_bad, c.warp_bad, c.chip_runs, c.warp_runs, x.updated
FROM lap_exposures x LEFT JOIN lap_chips c ON c.seq_id = x.seq_id AND c.exp_id = x.exp_id;

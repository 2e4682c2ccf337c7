-- Nightshift schema, version 5: the LAP ledger (Nightshift.Activities.Lap), Pan-STARRS IPP's large-area processing
-- tables. lap_sequences and lap_runs (one row per run: projection cell, filter, state, fault class), lap_exposures
-- (LAP's lapExp: each exposure of a run with its data state), lap_chips (the per-sequence exposure ledger that lets
-- runs share chips and warps), lap_stacks, lap_diffs and lap_injections (test fault injection counters).
-- These are the tables the LAP activities created on their own before they moved onto the store seam; a store file
-- that already has them keeps them as they are. Times are UTC text, as in the store's other tables.
CREATE TABLE IF NOT EXISTS lap_sequences (seq_id TEXT PRIMARY KEY, description TEXT, registered TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS lap_runs (
    lap_id TEXT PRIMARY KEY, seq_id TEXT NOT NULL, projection_cell TEXT NOT NULL, filter TEXT NOT NULL, label TEXT,
    state TEXT NOT NULL, fault INTEGER NOT NULL DEFAULT 0, registered TEXT NOT NULL, updated TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS lap_exposures (
    lap_id TEXT NOT NULL, exp_id INTEGER NOT NULL, exp_name TEXT NOT NULL, seq_id TEXT NOT NULL, chip_id TEXT,
    pair_id INTEGER, private INTEGER NOT NULL DEFAULT 0, pairwise INTEGER NOT NULL DEFAULT 0, active INTEGER NOT NULL DEFAULT 1,
    data_state TEXT NOT NULL, fault INTEGER NOT NULL DEFAULT 0, note TEXT, updated TEXT NOT NULL,
    PRIMARY KEY (lap_id, exp_id));
CREATE TABLE IF NOT EXISTS lap_chips (
    seq_id TEXT NOT NULL, exp_id INTEGER NOT NULL, exp_name TEXT NOT NULL, chip_id TEXT NOT NULL, owner TEXT,
    state TEXT NOT NULL, chip_bad REAL, warp_bad REAL, record TEXT, chip_runs INTEGER NOT NULL DEFAULT 0,
    warp_runs INTEGER NOT NULL DEFAULT 0, updated TEXT NOT NULL, PRIMARY KEY (seq_id, exp_id));
CREATE TABLE IF NOT EXISTS lap_stacks (
    seq_id TEXT NOT NULL, lap_id TEXT NOT NULL, skycell TEXT NOT NULL, pass INTEGER NOT NULL, state TEXT NOT NULL,
    fault INTEGER NOT NULL DEFAULT 0, inputs INTEGER NOT NULL DEFAULT 0, image TEXT, updated TEXT NOT NULL,
    PRIMARY KEY (lap_id, skycell, pass));
CREATE TABLE IF NOT EXISTS lap_diffs (
    seq_id TEXT NOT NULL, lap_id TEXT NOT NULL, kind TEXT NOT NULL, science INTEGER NOT NULL, template INTEGER,
    skycell TEXT NOT NULL, image TEXT NOT NULL, mask TEXT NOT NULL, catalog TEXT NOT NULL, detections INTEGER NOT NULL,
    bad_fraction REAL NOT NULL, updated TEXT NOT NULL, PRIMARY KEY (lap_id, kind, science, skycell));
CREATE TABLE IF NOT EXISTS lap_injections (
    seq_id TEXT NOT NULL, stage TEXT NOT NULL, target TEXT NOT NULL, hits INTEGER NOT NULL, PRIMARY KEY (seq_id, stage, target));
-- The cleanup query counts a chip's active runs; the summary and the views select by sequence and run.
CREATE INDEX IF NOT EXISTS ix_lap_exposures_chip ON lap_exposures (chip_id, active);
CREATE INDEX IF NOT EXISTS ix_lap_chips_chip ON lap_chips (chip_id);

-- Each run with its counts.
DROP VIEW IF EXISTS v_lap_runs;
CREATE VIEW v_lap_runs AS
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
DROP VIEW IF EXISTS v_lap_exposures;
CREATE VIEW v_lap_exposures AS
SELECT x.lap_id, x.exp_id, x.exp_name, x.data_state, x.fault, x.private, x.pairwise, x.pair_id, x.active, x.note,
       c.state AS chip_state, c.chip_bad, c.warp_bad, c.chip_runs, c.warp_runs, x.updated
FROM lap_exposures x LEFT JOIN lap_chips c ON c.seq_id = x.seq_id AND c.exp_id = x.exp_id;

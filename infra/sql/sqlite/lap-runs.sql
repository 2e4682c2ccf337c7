-- LAP: every run with its state, fault class and counts (the view v_lap_runs over lap_runs, lap_exposures, lap_stacks, lap_diffs).
-- The ledger is in the store's database: sqlite3 -header -column nightshift.db < infra/sql/sqlite/lap-runs.sql
SELECT lap_id, projection_cell, filter, coalesce(label, '') AS label, state, fault,
       exposures, dropped, faulted, stacks, final_diffs, detections, registered, updated
FROM v_lap_runs
ORDER BY seq_id, registered;

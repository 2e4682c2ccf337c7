-- LAP: every run with its state, fault class and counts (the view v_lap_runs over lap_runs, lap_exposures, lap_stacks, lap_diffs).
-- psql "$NIGHTSHIFT_DB" -f infra/sql/postgres/lap-runs.sql
SET search_path TO nightshift;
SELECT lap_id, projection_cell, filter, coalesce(label, '') AS label, state, fault,
       exposures, dropped, faulted, stacks, final_diffs, detections, registered, updated
FROM v_lap_runs
ORDER BY seq_id, registered;

-- LAP: every run with its state, fault and its exposures by data state (lap_runs, lap_exposures).
-- The ledger is in the store file for a SQLite store, else in OUTPUT/lap.db: sqlite3 nightshift.db < infra/sql/sqlite/lap-runs.sql
SELECT r.lap_id, r.seq_id, r.projection_cell, r.filter, coalesce(r.label, '') AS label, r.state, r.fault,
       (SELECT group_concat(data_state || ' ' || n, ', ')
        FROM (SELECT data_state, COUNT(*) AS n FROM lap_exposures x WHERE x.lap_id = r.lap_id GROUP BY data_state ORDER BY data_state)) AS exposures,
       (SELECT COUNT(*) FROM lap_stacks s WHERE s.lap_id = r.lap_id AND s.state = 'full') AS stacks,
       (SELECT COUNT(*) FROM lap_diffs d WHERE d.lap_id = r.lap_id AND d.kind = 'final') AS final_diffs,
       r.registered, r.updated
FROM lap_runs r
ORDER BY r.seq_id, r.registered;

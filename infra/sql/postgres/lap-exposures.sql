-- LAP: the exposures that need an operator (a fault to revert) or were dropped, with the reason and their chip/warp ledger row.
-- A faulted run waits for: nightshift raise LAP_ID revert [--data FAULT_CLASS]
-- psql "$NIGHTSHIFT_DB" -f infra/sql/postgres/lap-exposures.sql
SET search_path TO nightshift;
SELECT lap_id, exp_id, exp_name, data_state, fault,
       CASE WHEN private = 1 THEN 'private' WHEN pairwise = 1 THEN 'pair with ' || pair_id ELSE '' END AS pairing,
       round(chip_bad::numeric, 4) AS chip_bad, round(warp_bad::numeric, 4) AS warp_bad, chip_runs, warp_runs, note, updated
FROM v_lap_exposures
WHERE fault <> 0 OR data_state = 'drop'
ORDER BY fault DESC, lap_id, exp_id;

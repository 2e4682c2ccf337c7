-- LAP: the exposures that need an operator (a fault to revert) or were dropped, with the reason (lap_exposures).
-- A faulted run waits for: nightshift raise LAP_ID revert [--data FAULT_CLASS]
SELECT x.lap_id, x.exp_id, x.exp_name, x.data_state, x.fault,
       CASE WHEN x.private = 1 THEN 'private' WHEN x.pairwise = 1 THEN 'pair with ' || x.pair_id ELSE '' END AS pairing,
       x.note, x.updated
FROM lap_exposures x
WHERE x.fault <> 0 OR x.data_state = 'drop'
ORDER BY x.fault DESC, x.lap_id, x.exp_id;

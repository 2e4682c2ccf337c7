-- The steps ledger of one facet field (what checkfactor shows): each direction's operations, their state, the instance
-- that did them and when.
-- psql "$NIGHTSHIFT_DB" -v hub=default -v scope='facet:/data/field1/work' -f infra/sql/postgres/steps-of-field.sql
SET search_path TO nightshift;
SELECT split_part(step_key, '/', 1)                                   AS direction,
       substr(step_key, length(split_part(step_key, '/', 1)) + 2)     AS step,
       status,
       instance_id,
       started_at,
       completed_at,
       round(extract(epoch FROM completed_at - started_at)::numeric, 1) AS seconds,
       coalesce(error, result #>> '{verification,reason}', '')        AS note
FROM v_steps
WHERE hub = :'hub' AND scope = :'scope' AND step_key NOT LIKE '%/cycle%'
ORDER BY started_at;

-- The steps ledger of one facet field (what checkfactor shows): each direction's operations, their state, the instance
-- that did them and when. Set the scope ('facet:' + the working directory) on the WITH line.
-- psql "$NIGHTSHIFT_DB" -v hub=default -f infra/sql/postgres/steps-of-field.sql
SET search_path TO nightshift;
WITH params AS (SELECT 'facet:/data/field1/work'::text AS scope)
SELECT split_part(step_key, '/', 1)                                   AS direction,
       substr(step_key, length(split_part(step_key, '/', 1)) + 2)     AS step,
       status,
       instance_id,
       started_at,
       completed_at,
       round(extract(epoch FROM completed_at - started_at)::numeric, 1) AS seconds,
       coalesce(error, result #>> '{verification,reason}', '')        AS note
FROM v_steps, params
WHERE hub = :'hub' AND v_steps.scope = params.scope AND step_key NOT LIKE '%/cycle%'
ORDER BY started_at;

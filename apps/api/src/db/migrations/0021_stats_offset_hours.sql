-- Hours that start at :30 and at :15 UTC for the attempt counters (issue 11, measured on
-- the 3M-result benchmark). A zone whose offset is not a whole hour has its local hours on
-- :30 (Tehran +03:30, India +05:30, Newfoundland -03:30) or :15 UTC (Nepal +05:45, Chatham
-- +12:45), and read each as four quarter-hour counters: a 30-day hourly trend in Tehran
-- read ~34,000 counter rows and took 36 ms at p95 against a 25 ms target. Grains 4 and 5
-- are those hours; modules/stats/stats-buckets.ts (GRAIN_MS, GRAIN_PHASE_MS,
-- ATTEMPT_COUNT_GRAINS) must match the buckets below. Only stats_attempt_counts keeps them:
-- the trends read it; breakdowns and state counts read one range, whose uneven ends are few.

-- The one definition of the buckets (0018's, with grains 4 and 5 added).
CREATE OR REPLACE FUNCTION dialdeck_stats_bucket(t timestamptz, grain smallint) RETURNS timestamptz LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT date_bin(CASE grain WHEN 1 THEN interval '15 minutes' WHEN 3 THEN interval '1 day' ELSE interval '1 hour' END, t,
                  timestamptz '2000-01-01 00:00:00+00'
                  + CASE grain WHEN 4 THEN interval '30 minutes' WHEN 5 THEN interval '15 minutes' ELSE interval '0' END)
$$;

-- No fold runs while this migration fills the new grains (a fold that cannot take the lock
-- moves nothing and tries again a second later), so no quarter hour is counted twice or missed.
SELECT pg_advisory_xact_lock(727003);

-- 0019's fold, writing grains 4 and 5 of the attempt counters too.
CREATE OR REPLACE FUNCTION dialdeck_stats_fold(batch integer) RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  attempts integer;
  states integer;
BEGIN
  IF NOT pg_try_advisory_xact_lock(727003) THEN
    RETURN 0;
  END IF;

  WITH moved AS (
    DELETE FROM stats_attempt_inbox WHERE ctid = ANY (ARRAY(SELECT ctid FROM stats_attempt_inbox LIMIT batch)) RETURNING *
  ), counts AS (
    INSERT INTO stats_attempt_counts AS c (company_id, campaign_key, grain, bucket, status, shard, n)
    SELECT r.company_id, coalesce(g.campaign_key, -1), gr.grain, dialdeck_stats_bucket(r.attempted_at, gr.grain), r.status, 0,
           sum(r.sign)
    FROM moved r
    CROSS JOIN LATERAL (VALUES (coalesce(r.campaign_id, 0)), (NULL::integer)) g (campaign_key)
    CROSS JOIN (VALUES (1::smallint), (2::smallint), (3::smallint), (4::smallint), (5::smallint)) gr (grain)
    GROUP BY 1, 2, 3, 4, 5
    ON CONFLICT (company_id, campaign_key, grain, bucket, status, shard) DO UPDATE SET n = c.n + EXCLUDED.n
  ), dims AS (
    INSERT INTO stats_attempt_dim_counts AS c
      (company_id, dim, campaign_key, grain, bucket, key, shard, n, connected, transferred, duration_sum, duration_n)
    SELECT r.company_id, d.dim, coalesce(g.campaign_key, -1), gr.grain, dialdeck_stats_bucket(r.attempted_at, gr.grain), d.key, 0,
           sum(r.sign),
           coalesce(sum(r.sign) FILTER (WHERE dialdeck_is_connected(r.status)), 0),
           coalesce(sum(r.sign) FILTER (WHERE r.transferred), 0),
           coalesce(sum(r.sign * r.duration_seconds), 0),
           coalesce(sum(r.sign) FILTER (WHERE r.duration_seconds IS NOT NULL), 0)
    FROM moved r
    CROSS JOIN LATERAL (VALUES ('c'::"char", coalesce(r.campaign_id, 0)), ('a', coalesce(r.agent_id, 0)),
                               ('l', coalesce(r.outbound_line_id, 0)), ('s', coalesce(r.scenario_id, 0))) d (dim, key)
    CROSS JOIN LATERAL (VALUES (coalesce(r.campaign_id, 0)), (NULL::integer)) g (campaign_key)
    CROSS JOIN (VALUES (1::smallint), (2::smallint), (3::smallint)) gr (grain)
    GROUP BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (company_id, dim, campaign_key, grain, bucket, key, shard) DO UPDATE
      SET n = c.n + EXCLUDED.n, connected = c.connected + EXCLUDED.connected, transferred = c.transferred + EXCLUDED.transferred,
          duration_sum = c.duration_sum + EXCLUDED.duration_sum, duration_n = c.duration_n + EXCLUDED.duration_n
  )
  SELECT count(*) INTO attempts FROM moved;

  WITH moved AS (
    DELETE FROM stats_state_change_inbox WHERE ctid = ANY (ARRAY(SELECT ctid FROM stats_state_change_inbox LIMIT batch)) RETURNING *
  ), counts AS (
    INSERT INTO stats_state_change_counts AS c (company_id, grain, bucket, status, shard, n)
    SELECT r.company_id, gr.grain, dialdeck_stats_bucket(r.status_changed_at, gr.grain), r.status, 0, sum(r.sign)
    FROM moved r CROSS JOIN (VALUES (1::smallint), (2::smallint), (3::smallint)) gr (grain)
    GROUP BY 1, 2, 3, 4
    ON CONFLICT (company_id, grain, bucket, status, shard) DO UPDATE SET n = c.n + EXCLUDED.n
  )
  SELECT count(*) INTO states FROM moved;

  RETURN attempts + states;
END $$;

-- The new grains of what is already counted, from the quarter hours (0018's shards summed).
INSERT INTO stats_attempt_counts (company_id, campaign_key, grain, bucket, status, shard, n)
SELECT c.company_id, c.campaign_key, g.grain, dialdeck_stats_bucket(c.bucket, g.grain), c.status, 0, sum(c.n)
FROM stats_attempt_counts c CROSS JOIN (VALUES (4::smallint), (5::smallint)) g (grain)
WHERE c.grain = 1
GROUP BY 1, 2, 3, 4, 5
HAVING sum(c.n) <> 0;

-- Statistics counters at three grains (issue 11, after 0017 measured): 0017 kept only
-- 15-minute buckets, so an all-time figure summed ~100,000 counter rows per company
-- (150 ms on the 3M-result benchmark, against a 25 ms target). Each counter is now kept
-- per 15 minutes, per hour and per day (UTC: grain 1, 2, 3), in the same transaction as
-- before; a read covers its range with the coarsest whole buckets that fit
-- (modules/stats/stats-buckets.ts `coverRange`) and raw rows for what no bucket covers.
-- Local hours and days of any zone are whole quarter hours, so any range the
-- statistics ask for is exact. 0017's tables are replaced by these.

CREATE FUNCTION dialdeck_stats_bucket(t timestamptz, grain smallint) RETURNS timestamptz LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT date_bin(CASE grain WHEN 1 THEN interval '15 minutes' WHEN 2 THEN interval '1 hour' ELSE interval '1 day' END, t,
                  timestamptz '2000-01-01 00:00:00+00')
$$;

CREATE TABLE stats_attempt_counts (
  company_id   integer     NOT NULL,
  campaign_key integer     NOT NULL, -- -1 every campaign, 0 none
  grain        smallint    NOT NULL,
  bucket       timestamptz NOT NULL,
  status       text        NOT NULL,
  shard        smallint    NOT NULL,
  n            bigint      NOT NULL,
  PRIMARY KEY (company_id, campaign_key, grain, bucket, status, shard)
);

CREATE TABLE stats_attempt_dim_counts (
  company_id   integer     NOT NULL,
  dim          "char"      NOT NULL, -- c campaign, a agent, l line, s scenario
  campaign_key integer     NOT NULL,
  grain        smallint    NOT NULL,
  bucket       timestamptz NOT NULL,
  key          integer     NOT NULL, -- 0 none
  shard        smallint    NOT NULL,
  n            bigint      NOT NULL,
  connected    bigint      NOT NULL,
  transferred  bigint      NOT NULL,
  duration_sum bigint      NOT NULL,
  duration_n   bigint      NOT NULL,
  PRIMARY KEY (company_id, dim, campaign_key, grain, bucket, key, shard)
);

CREATE TABLE stats_state_change_counts (
  company_id integer     NOT NULL,
  grain      smallint    NOT NULL,
  bucket     timestamptz NOT NULL,
  status     text        NOT NULL,
  shard      smallint    NOT NULL,
  n          bigint      NOT NULL,
  PRIMARY KEY (company_id, grain, bucket, status, shard)
);

CREATE OR REPLACE FUNCTION dialdeck_stats_attempts_apply(rows dialdeck_attempt[], sign integer) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF rows IS NULL THEN
    RETURN;
  END IF;
  INSERT INTO stats_attempt_counts AS c (company_id, campaign_key, grain, bucket, status, shard, n)
  SELECT r.company_id, coalesce(g.campaign_key, -1), gr.grain, dialdeck_stats_bucket(r.attempted_at, gr.grain), r.status,
         dialdeck_shard(), sign * count(*)
  FROM unnest(rows) r
  CROSS JOIN LATERAL (VALUES (coalesce(r.campaign_id, 0)), (NULL::integer)) g (campaign_key)
  CROSS JOIN (VALUES (1::smallint), (2::smallint), (3::smallint)) gr (grain)
  GROUP BY 1, 2, 3, 4, 5
  ON CONFLICT (company_id, campaign_key, grain, bucket, status, shard) DO UPDATE SET n = c.n + EXCLUDED.n;

  INSERT INTO stats_attempt_dim_counts AS c
    (company_id, dim, campaign_key, grain, bucket, key, shard, n, connected, transferred, duration_sum, duration_n)
  SELECT r.company_id, d.dim, coalesce(g.campaign_key, -1), gr.grain, dialdeck_stats_bucket(r.attempted_at, gr.grain), d.key,
         dialdeck_shard(),
         sign * count(*),
         sign * count(*) FILTER (WHERE dialdeck_is_connected(r.status)),
         sign * count(*) FILTER (WHERE r.transferred),
         sign * coalesce(sum(r.duration_seconds), 0),
         sign * count(r.duration_seconds)
  FROM unnest(rows) r
  CROSS JOIN LATERAL (VALUES ('c'::"char", coalesce(r.campaign_id, 0)), ('a', coalesce(r.agent_id, 0)),
                             ('l', coalesce(r.outbound_line_id, 0)), ('s', coalesce(r.scenario_id, 0))) d (dim, key)
  CROSS JOIN LATERAL (VALUES (coalesce(r.campaign_id, 0)), (NULL::integer)) g (campaign_key)
  CROSS JOIN (VALUES (1::smallint), (2::smallint), (3::smallint)) gr (grain)
  GROUP BY 1, 2, 3, 4, 5, 6
  ON CONFLICT (company_id, dim, campaign_key, grain, bucket, key, shard) DO UPDATE
    SET n = c.n + EXCLUDED.n, connected = c.connected + EXCLUDED.connected, transferred = c.transferred + EXCLUDED.transferred,
        duration_sum = c.duration_sum + EXCLUDED.duration_sum, duration_n = c.duration_n + EXCLUDED.duration_n;
END $$;

CREATE OR REPLACE FUNCTION stats_state_changes_ins() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO stats_state_change_counts AS c (company_id, grain, bucket, status, shard, n)
  SELECT company_id, gr.grain, dialdeck_stats_bucket(status_changed_at, gr.grain), status, dialdeck_shard(), count(*)
  FROM new_rows CROSS JOIN (VALUES (1::smallint), (2::smallint), (3::smallint)) gr (grain) GROUP BY 1, 2, 3, 4
  ON CONFLICT (company_id, grain, bucket, status, shard) DO UPDATE SET n = c.n + EXCLUDED.n;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION stats_state_changes_del() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO stats_state_change_counts AS c (company_id, grain, bucket, status, shard, n)
  SELECT company_id, gr.grain, dialdeck_stats_bucket(status_changed_at, gr.grain), status, dialdeck_shard(), -count(*)
  FROM old_rows CROSS JOIN (VALUES (1::smallint), (2::smallint), (3::smallint)) gr (grain) GROUP BY 1, 2, 3, 4
  ON CONFLICT (company_id, grain, bucket, status, shard) DO UPDATE SET n = c.n + EXCLUDED.n;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION stats_state_changes_upd() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO stats_state_change_counts AS c (company_id, grain, bucket, status, shard, n)
  SELECT company_id, grain, bucket, status, dialdeck_shard(), sum(d) FROM (
    SELECT company_id, gr.grain, dialdeck_stats_bucket(status_changed_at, gr.grain) AS bucket, status, 1 AS d
    FROM new_rows CROSS JOIN (VALUES (1::smallint), (2::smallint), (3::smallint)) gr (grain)
    UNION ALL
    SELECT company_id, gr.grain, dialdeck_stats_bucket(status_changed_at, gr.grain), status, -1
    FROM old_rows CROSS JOIN (VALUES (1::smallint), (2::smallint), (3::smallint)) gr (grain)
  ) x GROUP BY 1, 2, 3, 4 HAVING sum(d) <> 0
  ON CONFLICT (company_id, grain, bucket, status, shard) DO UPDATE SET n = c.n + EXCLUDED.n;
  RETURN NULL;
END $$;

DROP TABLE stats_attempts, stats_attempt_dims, stats_state_changes;
DROP FUNCTION dialdeck_stats_bucket(timestamptz);

-- What the database already holds.
SELECT dialdeck_stats_attempts_apply(array_agg(dialdeck_attempt_of(x)), 1)
FROM call_results x WHERE dialdeck_is_attempt(x.source) GROUP BY x.id / 200000;
INSERT INTO stats_state_change_counts (company_id, grain, bucket, status, shard, n)
SELECT company_id, gr.grain, dialdeck_stats_bucket(status_changed_at, gr.grain), status, 0, count(*)
FROM number_states CROSS JOIN (VALUES (1::smallint), (2::smallint), (3::smallint)) gr (grain) GROUP BY 1, 2, 3, 4;

SELECT dialdeck_tenant_table(t) FROM unnest(ARRAY['stats_attempt_counts', 'stats_attempt_dim_counts', 'stats_state_change_counts']::regclass[]) t;
REVOKE INSERT, UPDATE, DELETE ON stats_attempt_counts, stats_attempt_dim_counts, stats_state_change_counts FROM dialdeck_tenant;
-- CREATE OR REPLACE resets a function's security: the replaced ones run as their owner again.
DO $$
DECLARE
  f text;
BEGIN
  FOREACH f IN ARRAY ARRAY['stats_state_changes_ins()', 'stats_state_changes_del()', 'stats_state_changes_upd()',
                           'dialdeck_stats_attempts_apply(dialdeck_attempt[], integer)'] LOOP
    EXECUTE format('ALTER FUNCTION %s SECURITY DEFINER SET search_path = %I, pg_temp', f, current_schema());
  END LOOP;
END $$;

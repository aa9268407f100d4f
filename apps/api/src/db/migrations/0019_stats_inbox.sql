-- Statistics counters fed through an inbox (issue 11, after 0018 was measured under the
-- dialer): 0018's triggers upserted ~30 counter rows (3 grains × campaign/all × status
-- and four dimensions) in the transaction of every report, which took a single report
-- from 0.4 ms to 1.4 ms and the dialer's report rate from ~2,500/s to ~720/s.
--
-- Now a write appends one slim row per changed result or state to an inbox, with its
-- sign (+1 added, -1 removed; an update is both), and the fold job
-- (modules/stats/stats-fold.ts) moves inbox rows into the grained counters in batches,
-- in one transaction per batch (dialdeck_stats_fold below). A figure is the counters
-- plus the rows still in the inbox, read in one statement (one snapshot), so it is exact
-- whether the job is up to date, behind, or not running at all; the job only keeps the
-- inbox short so reads stay fast. The counting rules stay where 0017 put them
-- (dialdeck_is_attempt, dialdeck_is_connected) and the buckets where 0018 put them
-- (dialdeck_stats_bucket); the fold below is their only writer of counters now.

CREATE TABLE stats_attempt_inbox (
  company_id       integer     NOT NULL,
  attempted_at     timestamptz NOT NULL,
  campaign_id      integer,
  agent_id         integer,
  outbound_line_id integer,
  scenario_id      integer,
  status           text        NOT NULL,
  transferred      boolean     NOT NULL,
  duration_seconds integer,
  sign             smallint    NOT NULL
);
CREATE INDEX stats_attempt_inbox_company ON stats_attempt_inbox (company_id, attempted_at);

CREATE TABLE stats_state_change_inbox (
  company_id        integer     NOT NULL,
  status_changed_at timestamptz NOT NULL,
  status            text        NOT NULL,
  sign              smallint    NOT NULL
);
CREATE INDEX stats_state_change_inbox_company ON stats_state_change_inbox (company_id, status_changed_at);

CREATE OR REPLACE FUNCTION stats_attempts_ins() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO stats_attempt_inbox
  SELECT company_id, attempted_at, campaign_id, agent_id, outbound_line_id, scenario_id, status, transferred, duration_seconds, 1
  FROM new_rows WHERE dialdeck_is_attempt(source);
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION stats_attempts_del() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO stats_attempt_inbox
  SELECT company_id, attempted_at, campaign_id, agent_id, outbound_line_id, scenario_id, status, transferred, duration_seconds, -1
  FROM old_rows WHERE dialdeck_is_attempt(source);
  RETURN NULL;
END $$;

-- Nothing in the app rewrites a result's counted fields today; if something does, the
-- counters follow it.
CREATE OR REPLACE FUNCTION stats_attempts_upd() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  WITH changed AS (
    SELECT o.id FROM old_rows o JOIN new_rows n ON n.id = o.id
    WHERE (dialdeck_attempt_of(o), o.source) IS DISTINCT FROM (dialdeck_attempt_of(n), n.source)
  )
  INSERT INTO stats_attempt_inbox
  SELECT company_id, attempted_at, campaign_id, agent_id, outbound_line_id, scenario_id, status, transferred, duration_seconds, -1
  FROM old_rows WHERE id IN (SELECT id FROM changed) AND dialdeck_is_attempt(source)
  UNION ALL
  SELECT company_id, attempted_at, campaign_id, agent_id, outbound_line_id, scenario_id, status, transferred, duration_seconds, 1
  FROM new_rows WHERE id IN (SELECT id FROM changed) AND dialdeck_is_attempt(source);
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION stats_state_changes_ins() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO stats_state_change_inbox SELECT company_id, status_changed_at, status, 1 FROM new_rows;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION stats_state_changes_del() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO stats_state_change_inbox SELECT company_id, status_changed_at, status, -1 FROM old_rows;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION stats_state_changes_upd() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO stats_state_change_inbox
  SELECT v.company_id, v.status_changed_at, v.status, v.sign
  FROM old_rows o JOIN new_rows n ON n.company_id = o.company_id AND n.number_id = o.number_id
  CROSS JOIN LATERAL (VALUES (o.company_id, o.status_changed_at, o.status, -1), (n.company_id, n.status_changed_at, n.status, 1))
    v (company_id, status_changed_at, status, sign)
  WHERE (o.status, o.status_changed_at) IS DISTINCT FROM (n.status, n.status_changed_at);
  RETURN NULL;
END $$;

-- Moves up to `batch` rows of each inbox into the counters, in the caller's transaction;
-- returns how many rows it moved (0 when another process holds the fold: one folder at a
-- time, so two never wait on each other's counter rows). Several server processes may
-- call it at once; a process killed mid-fold rolls back and leaves its rows in the inbox.
CREATE FUNCTION dialdeck_stats_fold(batch integer) RETURNS integer LANGUAGE plpgsql AS $$
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
    CROSS JOIN (VALUES (1::smallint), (2::smallint), (3::smallint)) gr (grain)
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

-- Tenants read their own company's inbox rows (a figure adds them) and write none; the
-- triggers run as their owner, as 0017's did.
SELECT dialdeck_tenant_table(t) FROM unnest(ARRAY['stats_attempt_inbox', 'stats_state_change_inbox']::regclass[]) t;
REVOKE INSERT, UPDATE, DELETE ON stats_attempt_inbox, stats_state_change_inbox FROM dialdeck_tenant;
-- CREATE OR REPLACE resets a function's security: the replaced ones run as their owner again.
DO $$
DECLARE
  f text;
BEGIN
  FOREACH f IN ARRAY ARRAY['stats_attempts_ins()', 'stats_attempts_del()', 'stats_attempts_upd()', 'stats_state_changes_ins()',
                           'stats_state_changes_del()', 'stats_state_changes_upd()'] LOOP
    EXECUTE format('ALTER FUNCTION %s SECURITY DEFINER SET search_path = %I, pg_temp', f, current_schema());
  END LOOP;
END $$;
-- 0017/0018's counter writer has no caller left.
DROP FUNCTION dialdeck_stats_attempts_apply(dialdeck_attempt[], integer);

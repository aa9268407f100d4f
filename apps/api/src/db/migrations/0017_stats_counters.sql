-- Statistics counters (issue 11): what the dashboard reads instead of scanning
-- call_results and number_states. Kept by statement-level triggers in the same
-- transaction as every write — a report, a reset, a delete, a bulk status change, a
-- cascade — so a figure is exact the moment the write commits: there is no rollup job
-- that could lag. (stats-compactor.ts only merges shards of closed buckets; a figure
-- read before or after it is the same.)
--
-- Time is cut into 15-minute UTC buckets: every zone's hours and days start on one
-- (offsets are whole quarter hours: Tehran +03:30, Kathmandu +05:45), so a local hour
-- or day is a set of whole buckets, and a rolling timeframe (the last 1 h) is whole
-- buckets plus the raw rows of one partial bucket at its start.
-- Rows are spread over shards by backend, as number_state_counts (0002) are, so
-- concurrent reports rarely wait on the same counter row.

-- One definition of the bucket, used by the triggers; the service's copy is
-- STATS_BUCKET_MS in modules/stats/stats-buckets.ts.
CREATE FUNCTION dialdeck_stats_bucket(t timestamptz) RETURNS timestamptz LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT date_bin('15 minutes', t, timestamptz '2000-01-01 00:00:00+00')
$$;

-- The one definition of a call attempt (PRODUCT.md capability 5: dialer and call-job
-- results; a manual status change made in the app is not an attempt). The triggers and
-- the raw partial-bucket reads (stats.repository.ts) both call it.
CREATE FUNCTION dialdeck_is_attempt(source text) RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT source <> 'manual'
$$;

-- A connected attempt (the cost of a company counts these; breakdowns show them). The
-- service's copy for the cost is CONNECTED in modules/stats/stats.service.ts.
CREATE FUNCTION dialdeck_is_connected(status text) RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT status = 'CONNECTED'
$$;

-- Attempts by bucket and status; campaign_key -1 = every campaign, 0 = no campaign.
CREATE TABLE stats_attempts (
  company_id   integer     NOT NULL,
  bucket       timestamptz NOT NULL,
  campaign_key integer     NOT NULL,
  status       text        NOT NULL,
  shard        smallint    NOT NULL,
  n            bigint      NOT NULL,
  PRIMARY KEY (company_id, campaign_key, bucket, status, shard)
);

-- Attempts by bucket and one dimension (dim: c campaign, a agent, l line, s scenario;
-- key 0 = none), for breakdowns; campaign_key as above, for the campaign filter.
CREATE TABLE stats_attempt_dims (
  company_id   integer     NOT NULL,
  dim          "char"      NOT NULL,
  campaign_key integer     NOT NULL,
  bucket       timestamptz NOT NULL,
  key          integer     NOT NULL,
  shard        smallint    NOT NULL,
  n            bigint      NOT NULL,
  connected    bigint      NOT NULL,
  transferred  bigint      NOT NULL,
  duration_sum bigint      NOT NULL,
  duration_n   bigint      NOT NULL,
  PRIMARY KEY (company_id, dim, campaign_key, bucket, key, shard)
);

-- Current statuses by the bucket in which they were set (number_states.status_changed_at):
-- "numbers whose status for this company was set inside the timeframe".
CREATE TABLE stats_state_changes (
  company_id integer     NOT NULL,
  bucket     timestamptz NOT NULL,
  status     text        NOT NULL,
  shard      smallint    NOT NULL,
  n          bigint      NOT NULL,
  PRIMARY KEY (company_id, bucket, status, shard)
);

-- The compactor looks only at rows of shards other than 0.
CREATE INDEX stats_attempts_sharded ON stats_attempts (bucket) WHERE shard <> 0;
CREATE INDEX stats_attempt_dims_sharded ON stats_attempt_dims (bucket) WHERE shard <> 0;
CREATE INDEX stats_state_changes_sharded ON stats_state_changes (bucket) WHERE shard <> 0;
-- The raw partial bucket at a timeframe's start.
CREATE INDEX number_states_changed ON number_states (company_id, status_changed_at);

-- The fields of a call result the counters read (a slim row, so a 1M-row import hands
-- the counters 1M small rows rather than whole results with their transcripts).
CREATE TYPE dialdeck_attempt AS (
  company_id integer, attempted_at timestamptz, campaign_id integer, agent_id integer, outbound_line_id integer,
  scenario_id integer, status text, transferred boolean, duration_seconds integer
);

CREATE FUNCTION dialdeck_attempt_of(r call_results) RETURNS dialdeck_attempt LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT ROW(r.company_id, r.attempted_at, r.campaign_id, r.agent_id, r.outbound_line_id, r.scenario_id, r.status, r.transferred,
             r.duration_seconds)::dialdeck_attempt
$$;

-- Adds (sign 1) or removes (sign -1) attempts to or from the counters: every trigger and
-- the backfill below go through here, so the counting rules are written once.
CREATE FUNCTION dialdeck_stats_attempts_apply(rows dialdeck_attempt[], sign integer) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF rows IS NULL THEN
    RETURN;
  END IF;
  INSERT INTO stats_attempts AS c (company_id, bucket, campaign_key, status, shard, n)
  SELECT r.company_id, dialdeck_stats_bucket(r.attempted_at), coalesce(g.campaign_key, -1), r.status, dialdeck_shard(), sign * count(*)
  FROM unnest(rows) r
  CROSS JOIN LATERAL (VALUES (coalesce(r.campaign_id, 0)), (NULL::integer)) g (campaign_key)
  GROUP BY 1, 2, 3, 4
  ON CONFLICT (company_id, campaign_key, bucket, status, shard) DO UPDATE SET n = c.n + EXCLUDED.n;

  INSERT INTO stats_attempt_dims AS c
    (company_id, dim, campaign_key, bucket, key, shard, n, connected, transferred, duration_sum, duration_n)
  SELECT r.company_id, d.dim, coalesce(g.campaign_key, -1), dialdeck_stats_bucket(r.attempted_at), d.key, dialdeck_shard(),
         sign * count(*),
         sign * count(*) FILTER (WHERE dialdeck_is_connected(r.status)),
         sign * count(*) FILTER (WHERE r.transferred),
         sign * coalesce(sum(r.duration_seconds), 0),
         sign * count(r.duration_seconds)
  FROM unnest(rows) r
  CROSS JOIN LATERAL (VALUES ('c'::"char", coalesce(r.campaign_id, 0)), ('a', coalesce(r.agent_id, 0)),
                             ('l', coalesce(r.outbound_line_id, 0)), ('s', coalesce(r.scenario_id, 0))) d (dim, key)
  CROSS JOIN LATERAL (VALUES (coalesce(r.campaign_id, 0)), (NULL::integer)) g (campaign_key)
  GROUP BY 1, 2, 3, 4, 5
  ON CONFLICT (company_id, dim, campaign_key, bucket, key, shard) DO UPDATE
    SET n = c.n + EXCLUDED.n, connected = c.connected + EXCLUDED.connected, transferred = c.transferred + EXCLUDED.transferred,
        duration_sum = c.duration_sum + EXCLUDED.duration_sum, duration_n = c.duration_n + EXCLUDED.duration_n;
END $$;

CREATE FUNCTION stats_attempts_ins() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM dialdeck_stats_attempts_apply((SELECT array_agg(dialdeck_attempt_of(x)) FROM new_rows x WHERE dialdeck_is_attempt(x.source)), 1);
  RETURN NULL;
END $$;

CREATE FUNCTION stats_attempts_del() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM dialdeck_stats_attempts_apply((SELECT array_agg(dialdeck_attempt_of(x)) FROM old_rows x WHERE dialdeck_is_attempt(x.source)), -1);
  RETURN NULL;
END $$;

-- Nothing in the app rewrites a result's counted fields today; if something does, the
-- counters follow it.
CREATE FUNCTION stats_attempts_upd() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM dialdeck_stats_attempts_apply((
    SELECT array_agg(dialdeck_attempt_of(o)) FROM old_rows o JOIN new_rows n ON n.id = o.id
    WHERE dialdeck_is_attempt(o.source) AND (dialdeck_attempt_of(o), o.source) IS DISTINCT FROM (dialdeck_attempt_of(n), n.source)), -1);
  PERFORM dialdeck_stats_attempts_apply((
    SELECT array_agg(dialdeck_attempt_of(n)) FROM old_rows o JOIN new_rows n ON n.id = o.id
    WHERE dialdeck_is_attempt(n.source) AND (dialdeck_attempt_of(o), o.source) IS DISTINCT FROM (dialdeck_attempt_of(n), n.source)), 1);
  RETURN NULL;
END $$;

CREATE TRIGGER stats_attempts_ins AFTER INSERT ON call_results
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_attempts_ins();
CREATE TRIGGER stats_attempts_del AFTER DELETE ON call_results
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_attempts_del();
CREATE TRIGGER stats_attempts_upd AFTER UPDATE ON call_results
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_attempts_upd();

CREATE FUNCTION stats_state_changes_ins() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO stats_state_changes AS c (company_id, bucket, status, shard, n)
  SELECT company_id, dialdeck_stats_bucket(status_changed_at), status, dialdeck_shard(), count(*) FROM new_rows GROUP BY 1, 2, 3
  ON CONFLICT (company_id, bucket, status, shard) DO UPDATE SET n = c.n + EXCLUDED.n;
  RETURN NULL;
END $$;

CREATE FUNCTION stats_state_changes_del() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO stats_state_changes AS c (company_id, bucket, status, shard, n)
  SELECT company_id, dialdeck_stats_bucket(status_changed_at), status, dialdeck_shard(), -count(*) FROM old_rows GROUP BY 1, 2, 3
  ON CONFLICT (company_id, bucket, status, shard) DO UPDATE SET n = c.n + EXCLUDED.n;
  RETURN NULL;
END $$;

CREATE FUNCTION stats_state_changes_upd() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO stats_state_changes AS c (company_id, bucket, status, shard, n)
  SELECT company_id, bucket, status, dialdeck_shard(), sum(d) FROM (
    SELECT company_id, dialdeck_stats_bucket(status_changed_at) AS bucket, status, 1 AS d FROM new_rows
    UNION ALL
    SELECT company_id, dialdeck_stats_bucket(status_changed_at), status, -1 FROM old_rows
  ) x GROUP BY 1, 2, 3 HAVING sum(d) <> 0
  ON CONFLICT (company_id, bucket, status, shard) DO UPDATE SET n = c.n + EXCLUDED.n;
  RETURN NULL;
END $$;

CREATE TRIGGER stats_state_changes_ins AFTER INSERT ON number_states
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_state_changes_ins();
CREATE TRIGGER stats_state_changes_del AFTER DELETE ON number_states
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_state_changes_del();
CREATE TRIGGER stats_state_changes_upd AFTER UPDATE ON number_states
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_state_changes_upd();

-- What an upgraded database already holds.
-- In slices of ids, so the arrays stay small.
SELECT dialdeck_stats_attempts_apply(array_agg(dialdeck_attempt_of(x)), 1)
FROM call_results x WHERE dialdeck_is_attempt(x.source) GROUP BY x.id / 200000;
INSERT INTO stats_state_changes (company_id, bucket, status, shard, n)
SELECT company_id, dialdeck_stats_bucket(status_changed_at), status, 0, count(*) FROM number_states GROUP BY 1, 2, 3;

-- Tenants read their own company's counters and write none; the triggers run as their
-- owner (as 0010 does for number_state_counts), so a tenant's write keeps them exact.
SELECT dialdeck_tenant_table(t) FROM unnest(ARRAY['stats_attempts', 'stats_attempt_dims', 'stats_state_changes']::regclass[]) t;
REVOKE INSERT, UPDATE, DELETE ON stats_attempts, stats_attempt_dims, stats_state_changes FROM dialdeck_tenant;
DO $$
DECLARE
  f text;
BEGIN
  FOREACH f IN ARRAY ARRAY['stats_attempts_ins()', 'stats_attempts_del()', 'stats_attempts_upd()', 'stats_state_changes_ins()',
                           'stats_state_changes_del()', 'stats_state_changes_upd()',
                           'dialdeck_stats_attempts_apply(dialdeck_attempt[], integer)'] LOOP
    EXECUTE format('ALTER FUNCTION %s SECURITY DEFINER SET search_path = %I, pg_temp', f, current_schema());
  END LOOP;
END $$;

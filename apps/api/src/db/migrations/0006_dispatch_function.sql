-- next-batch in one round trip. The dispatch used to be a transaction of five or more
-- statements sent one by one from the API server; each round trip cost both processes
-- more CPU than the work it carried, and the dialer benchmark's p99 was made of them.
-- The same steps now run inside the database, as one statement (one implicit
-- transaction): confirm what the caller took on trust, take a lane, hand out parked
-- numbers that are ready, walk the lane, park what was passed, move the cursors and
-- write the audit row.
--
-- What the walk does with a number it passes (the one copy of this rule):
--   skip for good   called by the company, not a member of the campaign, blocked;
--   park until …    cooling down after anyone's call (until the cooldown ends), held by
--                   a live batch (until its lease times out);
--   park briefly    eligible when read but held by a concurrent dispatch (SKIP LOCKED);
--   hand out        otherwise, re-checked under the row lock.
--
-- The answer is json: outcome 'ok' with numbers (id order) and roster; or 'revoked'
-- (p_live_token is no longer live), 'no_campaign', 'schedule_changed' (the schedule
-- version or today's holiday flag the caller evaluated differ from the stored ones),
-- 'no_lanes' (the company's lanes are gone: create them and call again). Only 'ok'
-- changes anything.
CREATE FUNCTION dialer_dispatch(
  p_company           integer,
  p_campaign          integer,   -- NULL: the whole pool
  p_size              integer,
  p_batch             text,
  p_token             integer,   -- the dialer token, for the audit row (NULL for a user)
  p_live_token        integer,   -- a token the caller took on trust: confirmed here
  p_now               timestamptz,
  p_cooldown_ms       bigint,
  p_lock_timeout_ms   bigint,
  p_retry_ms          bigint,    -- a number held by a concurrent dispatch is looked at again after this
  p_max_walk          integer,   -- at most this many numbers walked past, so a drained pool stays fast
  p_sched_version     integer,   -- NULL: the caller's schedule verdict is not to be confirmed
  p_local_date        date,
  p_holiday           boolean
) RETURNS json LANGUAGE plpgsql AS $fn$
DECLARE
  v_key         integer := coalesce(p_campaign, 0);
  v_cooldown    interval := p_cooldown_ms * interval '1 millisecond';
  v_lock        interval := p_lock_timeout_ms * interval '1 millisecond';
  v_cool_cut    timestamptz := p_now - p_cooldown_ms * interval '1 millisecond';
  v_lock_cut    timestamptz := p_now - p_lock_timeout_ms * interval '1 millisecond';
  v_retry_at    timestamptz := p_now + p_retry_ms * interval '1 millisecond';
  v_lane        integer;
  v_cursor      integer;
  v_ready       integer[];
  v_from_ready  boolean;
  -- one chunk of candidates, in id order
  c_id          integer[];
  c_skip        boolean[];
  c_last        timestamptz[];
  c_held        timestamptz[];
  c_got_ids     integer[];
  c_got_phones  text[];
  c_n           integer;
  -- the batch so far
  out_ids       integer[] := '{}';
  out_phones    text[] := '{}';
  park_ids      integer[] := '{}';
  park_at       timestamptz[] := '{}';
  done_ids      integer[] := '{}';
  lane_ids      integer[] := '{}';
  lane_next     integer[] := '{}';
  v_tried       integer[] := '{}';
  v_walked      integer := 0;
  v_need        integer;
  v_got         integer;
  v_visited     integer;
  v_chunk       integer;
  v_roster      json;
  i             integer;
BEGIN
  IF p_live_token IS NOT NULL AND NOT EXISTS (
       SELECT 1 FROM dialer_tokens k JOIN companies c ON c.id = k.company_id
       WHERE k.id = p_live_token AND k.company_id = p_company AND k.revoked_at IS NULL AND c.is_active) THEN
    RETURN json_build_object('outcome', 'revoked');
  END IF;
  IF p_campaign IS NOT NULL AND NOT EXISTS (SELECT 1 FROM campaigns WHERE id = p_campaign AND company_id = p_company) THEN
    RETURN json_build_object('outcome', 'no_campaign');
  END IF;
  IF p_sched_version IS NOT NULL AND (
       coalesce((SELECT version FROM schedule_configs WHERE company_id = p_company), 1) <> p_sched_version
       OR EXISTS (SELECT 1 FROM company_holidays WHERE company_id = p_company AND date = p_local_date) <> p_holiday) THEN
    RETURN json_build_object('outcome', 'schedule_changed');
  END IF;

  -- Lock order: a lane first (the only lock a dispatch ever waits for), then rows taken
  -- with SKIP LOCKED; so concurrent dispatches cannot deadlock each other. The lane
  -- furthest behind that no other dialer holds; when every lane is busy, wait for one.
  SELECT l.lane, l.next_id INTO v_lane, v_cursor FROM dialer_lanes l
  WHERE l.company_id = p_company AND l.campaign_key = v_key
  ORDER BY l.next_id, l.lane LIMIT 1 FOR UPDATE SKIP LOCKED;
  IF NOT FOUND THEN
    SELECT l.lane, l.next_id INTO v_lane, v_cursor FROM dialer_lanes l
    WHERE l.company_id = p_company AND l.campaign_key = v_key
    ORDER BY l.next_id, l.lane LIMIT 1 FOR UPDATE;
    IF NOT FOUND THEN
      RETURN json_build_object('outcome', 'no_lanes');
    END IF;
  END IF;

  -- Parked numbers whose time has come, claimed (concurrent dispatches take others).
  WITH r AS (
    SELECT d.number_id FROM dialer_deferred d
    WHERE d.company_id = p_company AND d.campaign_key = v_key AND d.ready_at <= p_now
    ORDER BY d.ready_at LIMIT p_size * 2 FOR UPDATE SKIP LOCKED
  )
  SELECT array_agg(number_id) INTO v_ready FROM r;
  v_from_ready := v_ready IS NOT NULL;

  v_tried := ARRAY[v_lane];
  v_chunk := p_size + p_size / 5 + 8;  -- a little more than needed; read further at once where the pool is sparse
  LOOP
    v_need := p_size - cardinality(out_ids);
    EXIT WHEN v_need <= 0 OR (NOT v_from_ready AND v_walked >= p_max_walk);

    -- The candidates, in id order, with what the walk needs to sort them. "Called by the
    -- company" is a per-row primary-key probe (LATERAL … LIMIT 1 keeps it a nested loop:
    -- a join lets the planner merge the company's whole state index to answer a chunk).
    IF v_from_ready THEN
      SELECT array_agg(w.id), array_agg(w.skip), array_agg(w.last_called_at), array_agg(w.assigned_at)
      INTO c_id, c_skip, c_last, c_held
      FROM (
        SELECT n.id, n.last_called_at, n.assigned_at,
               (st.x IS NOT NULL OR n.global_status <> 'ACTIVE'
                OR (p_campaign IS NOT NULL AND NOT EXISTS (
                      SELECT 1 FROM campaign_members m WHERE m.campaign_id = p_campaign AND m.number_id = n.id))) AS skip
        FROM numbers n
        LEFT JOIN LATERAL (SELECT 1 AS x FROM number_states s WHERE s.company_id = p_company AND s.number_id = n.id LIMIT 1) st ON TRUE
        WHERE n.id = ANY(v_ready)
        ORDER BY n.id
      ) w;
    ELSIF p_campaign IS NULL THEN
      -- The walk: the lane's next numbers after its cursor (numbers_lane is on id % 8).
      SELECT array_agg(w.id), array_agg(w.skip), array_agg(w.last_called_at), array_agg(w.assigned_at)
      INTO c_id, c_skip, c_last, c_held
      FROM (
        SELECT n.id, n.last_called_at, n.assigned_at, (st.x IS NOT NULL OR n.global_status <> 'ACTIVE') AS skip
        FROM numbers n
        LEFT JOIN LATERAL (SELECT 1 AS x FROM number_states s WHERE s.company_id = p_company AND s.number_id = n.id LIMIT 1) st ON TRUE
        WHERE n.id % 8 = v_lane AND n.id > v_cursor
        ORDER BY n.id LIMIT v_chunk
      ) w;
    ELSE
      -- The walk of a campaign: its members, the same way.
      SELECT array_agg(w.id), array_agg(w.skip), array_agg(w.last_called_at), array_agg(w.assigned_at)
      INTO c_id, c_skip, c_last, c_held
      FROM (
        SELECT n.id, n.last_called_at, n.assigned_at, (st.x IS NOT NULL OR n.global_status <> 'ACTIVE') AS skip
        FROM campaign_members m JOIN numbers n ON n.id = m.number_id
        LEFT JOIN LATERAL (SELECT 1 AS x FROM number_states s WHERE s.company_id = p_company AND s.number_id = n.id LIMIT 1) st ON TRUE
        WHERE m.campaign_id = p_campaign AND m.number_id % 8 = v_lane AND m.number_id > v_cursor
        ORDER BY m.number_id LIMIT v_chunk
      ) w;
    END IF;
    c_n := coalesce(cardinality(c_id), 0);

    -- The first v_need of them that can be locked and handed out, locked and assigned to
    -- the batch: every condition checked again under the row lock, rows another
    -- transaction holds skipped, never waited for.
    c_got_ids := '{}';
    c_got_phones := '{}';
    IF c_n > 0 THEN
      WITH picked AS (
        SELECT n.id FROM unnest(c_id, c_skip) AS w(id, skip) JOIN numbers n ON n.id = w.id
        WHERE NOT w.skip AND n.global_status = 'ACTIVE'
          AND (n.last_called_at IS NULL OR n.last_called_at <= v_cool_cut)
          AND (n.assigned_at IS NULL OR n.assigned_at <= v_lock_cut)
        ORDER BY n.id LIMIT v_need
        FOR UPDATE OF n SKIP LOCKED
      ),
      upd AS (
        UPDATE numbers n SET assigned_at = p_now, assigned_company_id = p_company
        FROM picked WHERE n.id = picked.id RETURNING n.id, n.phone_number
      )
      SELECT coalesce(array_agg(u.id ORDER BY u.id), '{}'), coalesce(array_agg(u.phone_number ORDER BY u.id), '{}')
      INTO c_got_ids, c_got_phones FROM upd u;
    END IF;
    out_ids := out_ids || c_got_ids;
    out_phones := out_phones || c_got_phones;

    -- Up to the last number needed, each candidate counts as visited: handed out, skipped
    -- for good, or parked. Those after it stay unvisited (the cursor stops there).
    v_got := 0;
    v_visited := 0;
    FOR i IN 1 .. c_n LOOP
      EXIT WHEN v_got = v_need;
      v_visited := i;
      IF v_got < cardinality(c_got_ids) AND c_got_ids[v_got + 1] = c_id[i] THEN
        -- handed out (both lists are in id order)
        v_got := v_got + 1;
        IF v_from_ready THEN
          done_ids := done_ids || c_id[i];
        END IF;
      ELSIF c_skip[i] THEN
        IF v_from_ready THEN
          done_ids := done_ids || c_id[i];
        END IF;
      ELSIF c_last[i] > v_cool_cut THEN
        park_ids := park_ids || c_id[i];
        park_at := park_at || (c_last[i] + v_cooldown);
      ELSIF c_held[i] > v_lock_cut THEN
        park_ids := park_ids || c_id[i];
        park_at := park_at || (c_held[i] + v_lock);
      ELSE
        park_ids := park_ids || c_id[i];
        park_at := park_at || v_retry_at;
      END IF;
    END LOOP;

    IF v_from_ready THEN
      -- Parked numbers looked at: handed out or gone for good leave the parking, the
      -- others move to their new time; the unvisited stay ready for the next dispatch.
      -- Each row by its primary key (the arrays are short; a scan of the company's
      -- parkings, which stale statistics can make the planner choose, is not).
      FOR i IN 1 .. cardinality(park_ids) LOOP
        UPDATE dialer_deferred SET ready_at = park_at[i]
        WHERE company_id = p_company AND campaign_key = v_key AND number_id = park_ids[i];
      END LOOP;
      FOR i IN 1 .. cardinality(done_ids) LOOP
        DELETE FROM dialer_deferred WHERE company_id = p_company AND campaign_key = v_key AND number_id = done_ids[i];
      END LOOP;
      park_ids := '{}';
      park_at := '{}';
      v_from_ready := FALSE;
      v_chunk := (p_size - cardinality(out_ids)) * 6 / 5 + 8;
      CONTINUE;
    END IF;

    IF c_n > 0 THEN
      v_walked := v_walked + v_visited;
      v_cursor := c_id[greatest(v_visited, 1)];
    END IF;
    IF c_n = v_chunk AND cardinality(out_ids) < p_size THEN
      -- A sparse region (a drained pool): read further at once.
      v_chunk := least(v_chunk * 2, 5000);
      CONTINUE;
    END IF;
    IF c_n = v_chunk THEN
      CONTINUE; -- the loop ends: enough taken
    END IF;

    -- This lane ran dry: note its cursor, then take another that no other dialer holds.
    lane_ids := lane_ids || v_lane;
    lane_next := lane_next || v_cursor;
    v_lane := NULL;
    EXIT WHEN cardinality(out_ids) >= p_size OR cardinality(v_tried) >= 8;
    SELECT l.lane, l.next_id INTO v_lane, v_cursor FROM dialer_lanes l
    WHERE l.company_id = p_company AND l.campaign_key = v_key AND NOT (l.lane = ANY(v_tried))
    ORDER BY l.next_id, l.lane LIMIT 1 FOR UPDATE SKIP LOCKED;
    EXIT WHEN NOT FOUND;
    v_tried := v_tried || v_lane;
    v_chunk := (p_size - cardinality(out_ids)) * 6 / 5 + 8;
  END LOOP;
  IF v_lane IS NOT NULL THEN
    lane_ids := lane_ids || v_lane;
    lane_next := lane_next || v_cursor;
  END IF;

  -- Park what the walk passed (an existing parking is kept: it is revisited and re-parked
  -- then; inserting in id order and never updating another transaction's rows keeps
  -- concurrent dialers from waiting on each other), move the cursors, write the audit row.
  INSERT INTO dialer_deferred (company_id, campaign_key, number_id, ready_at)
  SELECT p_company, v_key, x.id, x.ready_at FROM unnest(park_ids, park_at) AS x(id, ready_at)
  ORDER BY x.id
  ON CONFLICT (company_id, campaign_key, number_id) DO NOTHING;
  UPDATE dialer_lanes l SET next_id = greatest(l.next_id, x.next_id)
  FROM unnest(lane_ids, lane_next) AS x(lane, next_id)
  WHERE l.company_id = p_company AND l.campaign_key = v_key AND l.lane = x.lane;
  INSERT INTO dialer_batches (id, company_id, campaign_id, token_id, size_requested, size_returned, created_at, number_ids, swept)
  VALUES (p_batch, p_company, p_campaign, p_token, p_size, cardinality(out_ids), p_now,
          (SELECT coalesce(array_agg(x ORDER BY x), '{}') FROM unnest(out_ids) AS x), cardinality(out_ids) = 0);

  SELECT json_agg(json_build_object('id', u.id, 'first_name', u.first_name, 'last_name', u.last_name,
                                    'username', u.username, 'phone_number', u.phone_number) ORDER BY u.id)
  INTO v_roster FROM users u WHERE u.company_id = p_company AND u.role = 'AGENT' AND u.is_active;

  RETURN json_build_object(
    'outcome', 'ok',
    'numbers', (SELECT coalesce(json_agg(json_build_object('id', x.id, 'phone_number', x.phone) ORDER BY x.id), '[]'::json)
                FROM unnest(out_ids, out_phones) AS x(id, phone)),
    'roster', coalesce(v_roster, '[]'::json));
END
$fn$;

-- A lease stamps numbers.assigned_company_id on every number it hands out, a report
-- last_called_company_id. As foreign keys, each of those changes ran a check that locks
-- the company's row (FOR KEY SHARE) from every concurrent dispatch: about a tenth of
-- the database's work per batch. They are stamps read only next to the row's own
-- timestamps, company ids are never reused, and companies are deactivated rather than
-- deleted; a lease of a deleted company simply times out.
ALTER TABLE numbers DROP CONSTRAINT numbers_assigned_company_id_fkey;
ALTER TABLE numbers DROP CONSTRAINT numbers_last_called_company_id_fkey;

-- A lease no longer names its batch on the number: the batch lists its numbers
-- (dialer_batches.number_ids) and leased them at its created_at, which is what the
-- stale-lease sweep matches. A lease now only fills two fixed-width columns, so the
-- row barely grows and the update stays on its page (HOT) far more often: with the
-- 36-character batch id, about two leases in three moved the row to another page and
-- wrote an entry into each of the table's indexes.
ALTER TABLE numbers DROP COLUMN assigned_batch_id;
-- And room for it: a batch updates about a dozen rows of each page it touches, and the
-- old versions are pruned only once it commits; at fillfactor 90 most of those updates
-- found no room and moved (measured: 30% HOT at 90, 60% at 70). Applies to pages
-- written from now on (a CLUSTER or VACUUM FULL rewrites the existing ones).
ALTER TABLE numbers SET (fillfactor = 70);

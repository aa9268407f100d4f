-- Statistics reads as index-only scans (issue 11, measured on the 3M-result benchmark):
-- a 30-day hourly trend in Tehran reads ~34,000 quarter-hour counter rows, and the fold
-- (0019) writes counters in hash order, so nearly each row sat on its own heap page
-- (34,763 buffers, 55 ms for the scan alone). With the counted values in the key index
-- the same scan reads ~290 index pages (5 ms). The fold updates counters in batches, so
-- the index entries those updates add (they are no longer heap-only updates) are few.
ALTER TABLE stats_attempt_counts DROP CONSTRAINT stats_attempt_counts_pkey,
  ADD PRIMARY KEY (company_id, campaign_key, grain, bucket, status, shard) INCLUDE (n);
ALTER TABLE stats_attempt_dim_counts DROP CONSTRAINT stats_attempt_dim_counts_pkey,
  ADD PRIMARY KEY (company_id, dim, campaign_key, grain, bucket, key, shard) INCLUDE (n, connected, transferred, duration_sum, duration_n);
ALTER TABLE stats_state_change_counts DROP CONSTRAINT stats_state_change_counts_pkey,
  ADD PRIMARY KEY (company_id, grain, bucket, status, shard) INCLUDE (n);

-- A report_id reused with a different body answers 409 instead of the first answer:
-- the first report's body hash is kept beside its id and compared on a retry. Rows
-- recorded before this migration have none and keep answering as retries did.
ALTER TABLE call_results ADD COLUMN IF NOT EXISTS report_hash text;

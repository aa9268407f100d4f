-- Which companies added each number of the shared pool. A company's delete removes only
-- its own data for a number; the number leaves the pool only when no other company has
-- added it, called it or holds it (numbers.repository.ts, heldByOtherCompany).
-- No foreign keys: an import records every number it names, and two row-by-row checks
-- per number more than doubled its cost. The import locks the numbers rows itself (FOR
-- KEY SHARE, in one statement, as the check would), a statement-level trigger removes the
-- rows of deleted numbers, and companies are deactivated, never deleted.
CREATE TABLE number_additions (
  company_id integer     NOT NULL,
  number_id  integer     NOT NULL,
  added_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (company_id, number_id)
);
-- "Has another company added this number?", and the removal with its number.
CREATE INDEX number_additions_number ON number_additions (number_id);

CREATE FUNCTION number_additions_drop() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM number_additions a USING old_rows o WHERE a.number_id = o.id;
  RETURN NULL;
END $$;
CREATE TRIGGER numbers_additions_del AFTER DELETE ON numbers
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION number_additions_drop();

-- Backfill. Who added a number was never recorded, so what the data shows is taken as
-- an addition: a company that has called the number or has it in a campaign.
INSERT INTO number_additions (company_id, number_id, added_at)
SELECT s.company_id, s.number_id, n.created_at FROM number_states s JOIN numbers n ON n.id = s.number_id
UNION ALL
SELECT c.company_id, m.number_id, m.added_at FROM campaign_members m JOIN campaigns c ON c.id = m.campaign_id
ON CONFLICT DO NOTHING;

-- A number nothing ties to a company (uploaded, never called, in no campaign) may have been
-- added by any company that existed then; it is recorded for each of them, so no single
-- company's delete can take it from another (each removes only its own record; the last
-- one, or a superuser, removes the number).
INSERT INTO number_additions (company_id, number_id, added_at)
SELECT c.id, n.id, n.created_at
FROM numbers n JOIN companies c ON c.created_at <= n.created_at
WHERE NOT EXISTS (SELECT 1 FROM number_additions a WHERE a.number_id = n.id)
ON CONFLICT DO NOTHING;

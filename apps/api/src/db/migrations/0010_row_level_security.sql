-- Row-level security: a second line of defence behind every repository's company_id
-- filter. The app runs a company's queries as the role dialdeck_tenant with the
-- setting dialdeck.company_id naming the company (db/tenant.ts); on each table that
-- holds one company's data, a policy lets that role see and write only the rows of
-- that company, so a query that forgot its filter still stays inside it.
--
-- The migrating user owns the tables and is not subject to the policies (no FORCE):
-- that is the system path, used by work that spans companies by nature (the dialer's
-- dispatch over the shared pool, the stale-lease sweep, authentication, the companies
-- themselves). Roles are cluster-wide, databases are not: the role is created once per
-- server; privileges and policies are made per database here.

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'dialdeck_tenant') THEN
    BEGIN
      CREATE ROLE dialdeck_tenant NOLOGIN;
    EXCEPTION
      -- Another database of this server created it in the meantime.
      WHEN duplicate_object OR unique_violation THEN NULL;
      WHEN insufficient_privilege THEN
        RAISE EXCEPTION 'creating the role dialdeck_tenant needs CREATEROLE, which % lacks', current_user
          USING HINT = format('Have a superuser run once per server: CREATE ROLE dialdeck_tenant NOLOGIN; GRANT dialdeck_tenant TO %I;', current_user);
    END;
  END IF;
  -- The app's user switches to the role with SET ROLE, which needs membership.
  IF NOT pg_has_role(current_user, 'dialdeck_tenant', 'MEMBER') THEN
    BEGIN
      GRANT dialdeck_tenant TO CURRENT_USER;
    EXCEPTION WHEN insufficient_privilege THEN
      RAISE EXCEPTION '% is not a member of the role dialdeck_tenant and may not grant it', current_user
        USING HINT = format('Have a superuser run once per server: GRANT dialdeck_tenant TO %I;', current_user);
    END;
  END IF;
END $$;

-- The company a tenant session acts for; NULL (no rows, no writes) when none is set.
CREATE FUNCTION dialdeck_company_id() RETURNS integer LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT nullif(current_setting('dialdeck.company_id', true), '')::integer
$$;

-- Makes a table with a company_id column a tenant table: the tenant role may read and
-- write it, only its company's rows. A migration that adds such a table calls this
-- (the test db/row-level-security.db.test.ts refuses a company_id table without it).
CREATE FUNCTION dialdeck_tenant_table(t regclass) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  seq text;
BEGIN
  EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %s TO dialdeck_tenant', t);
  FOR seq IN SELECT s.oid::regclass::text FROM pg_depend d JOIN pg_class s ON s.oid = d.objid
             WHERE d.refobjid = t AND d.classid = 'pg_class'::regclass AND s.relkind = 'S' LOOP
    EXECUTE format('GRANT USAGE ON SEQUENCE %s TO dialdeck_tenant', seq);
  END LOOP;
  EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', t);
  EXECUTE format('DROP POLICY IF EXISTS tenant_isolation ON %s', t);
  EXECUTE format('CREATE POLICY tenant_isolation ON %s TO dialdeck_tenant
                  USING (company_id = dialdeck_company_id()) WITH CHECK (company_id = dialdeck_company_id())', t);
END $$;

-- Every table of this schema that has a company_id column now (including ones other
-- migrations before this one added).
SELECT dialdeck_tenant_table(c.oid::regclass)
FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid
WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p')
  AND a.attname = 'company_id' AND NOT a.attisdropped
ORDER BY c.relname;

-- Campaign membership belongs to the campaign's company.
GRANT SELECT, INSERT, UPDATE, DELETE ON campaign_members TO dialdeck_tenant;
ALTER TABLE campaign_members ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON campaign_members TO dialdeck_tenant
  USING (EXISTS (SELECT 1 FROM campaigns c WHERE c.id = campaign_members.campaign_id AND c.company_id = dialdeck_company_id()))
  WITH CHECK (EXISTS (SELECT 1 FROM campaigns c WHERE c.id = campaign_members.campaign_id AND c.company_id = dialdeck_company_id()));

-- A tenant session reads its own company row (schedule defaults, token checks) and
-- changes none: companies are managed on the system path.
GRANT SELECT ON companies TO dialdeck_tenant;
ALTER TABLE companies ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_own_company ON companies FOR SELECT TO dialdeck_tenant USING (id = dialdeck_company_id());

-- The shared pool: every company reads it, imports into it, and leases, releases and
-- stamps numbers in it. Deleting from it is cross-company (other companies' history goes
-- with a number), so only the system path does.
GRANT SELECT, INSERT, UPDATE ON numbers TO dialdeck_tenant;
GRANT USAGE ON SEQUENCE numbers_id_seq TO dialdeck_tenant;

-- The counters are kept by statement-level triggers, which run as whoever wrote the
-- rows; a tenant's write (or a cascade it sets off, which can touch other companies'
-- states) must still keep every counter exact. So the trigger functions run as their
-- owner, and a tenant only reads the counters (its own company's, for number_state_counts).
REVOKE INSERT, UPDATE, DELETE ON number_state_counts FROM dialdeck_tenant;
GRANT SELECT ON pool_counts TO dialdeck_tenant;
DO $$
DECLARE
  f text;
BEGIN
  FOREACH f IN ARRAY ARRAY['number_states_count_ins()', 'number_states_count_del()', 'number_states_count_upd()',
                           'pool_count_ins()', 'pool_count_del()'] LOOP
    EXECUTE format('ALTER FUNCTION %s SECURITY DEFINER SET search_path = %I, pg_temp', f, current_schema());
  END LOOP;
END $$;

-- Not granted at all: login_failures, instance_settings (the JWT secret) and
-- schema_migrations are the installation's, never a company's.

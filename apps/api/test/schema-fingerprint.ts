import { sql } from 'kysely';
import type { Db } from '../src/db/client';

/**
 * Everything of the public schema that migrations define, as sorted text lines: two
 * databases with equal fingerprints have the same tables, columns, defaults, indexes,
 * constraints, functions, triggers, policies and storage options.
 */
export async function schemaFingerprint(db: Db): Promise<string[]> {
  const q = async (text: string) => (await sql.raw<{ line: string }>(text).execute(db)).rows.map((r) => r.line);
  const parts = await Promise.all([
    q(`SELECT format('column %s.%s %s null=%s default=%s', table_name, column_name, data_type, is_nullable, coalesce(column_default, '-')) AS line
       FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> 'schema_migrations'`),
    q(`SELECT 'index ' || indexdef AS line FROM pg_indexes WHERE schemaname = 'public' AND tablename <> 'schema_migrations'`),
    q(`SELECT format('constraint %s.%s %s', c.conrelid::regclass, c.conname, pg_get_constraintdef(c.oid)) AS line
       FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
       WHERE n.nspname = 'public' AND c.conrelid <> 'schema_migrations'::regclass`),
    q(`SELECT format('function %s %s', p.oid::regprocedure, md5(pg_get_functiondef(p.oid))) AS line
       FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public' AND p.prokind IN ('f', 'p')`),
    q(`SELECT 'trigger ' || pg_get_triggerdef(t.oid) AS line
       FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND NOT t.tgisinternal`),
    q(`SELECT format('policy %s.%s %s %s %s %s', tablename, policyname, cmd, roles, coalesce(qual, '-'), coalesce(with_check, '-')) AS line
       FROM pg_policies WHERE schemaname = 'public'`),
    q(`SELECT format('relation %s kind=%s rls=%s options=%s', c.relname, c.relkind, c.relrowsecurity, coalesce(c.reloptions::text, '-')) AS line
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S') AND c.relname NOT LIKE 'schema_migrations%'`),
  ]);
  return parts.flat().sort();
}

import { sql } from 'kysely';

/**
 * SQL that is true while this dialer token is live and its company active. A route that
 * took the token on trust from the guard's cache puts it in the statement doing the work:
 * the dialer's own statements, and the report's insert of call results (numbers module),
 * so the rule lives here, below both.
 */
export const liveTokenCheck = (companyId: number, tokenId: number) =>
  sql<boolean>`EXISTS (SELECT 1 FROM dialer_tokens k JOIN companies c ON c.id = k.company_id
                       WHERE k.id = ${tokenId} AND k.company_id = ${companyId} AND k.revoked_at IS NULL AND c.is_active)`;

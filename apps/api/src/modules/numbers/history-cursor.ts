import { AppError } from '../../lib/errors';

/**
 * The history's keyset cursor: the id of the last result on a page, opaque to clients
 * (base64url of "r<id>") so it can change shape without breaking them.
 */
export function encodeHistoryCursor(lastId: number): string {
  return Buffer.from(`r${lastId}`, 'utf8').toString('base64url');
}

/** The id a cursor names; 400 naming `cursor` for anything this server did not hand out. */
export function decodeHistoryCursor(cursor: string): number {
  const bad = () =>
    new AppError('VALIDATION_FAILED', 'cursor: not a cursor this server gave', { fields: { cursor: 'not a cursor this server gave' } });
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw bad();
  const m = /^r([1-9]\d{0,18})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!m) throw bad();
  const id = Number(m[1]);
  if (!Number.isSafeInteger(id)) throw bad();
  return id;
}

import { createHash, randomBytes } from 'node:crypto';
import type { CompanyRow } from '../../db/schema/database';
import type { Clock } from '../../lib/time';
import { DIALER_TOKEN_PREFIX } from '../../lib/auth';
import { notFound } from '../../lib/errors';
import type { DialerTokensRepository } from './dialer-tokens.repository';

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** How long a verified token is taken on trust by routes that re-check it themselves. */
const TRUST_MS = 5_000;

export class DialerTokensService {
  /** Tokens verified against the database in the last TRUST_MS, by hash. */
  private readonly recent = new Map<string, { tokenId: number; company: CompanyRow; at: number }>();

  constructor(
    private readonly tokens: DialerTokensRepository,
    private readonly clock: Clock,
  ) {}

  /** A new token: 256 random bits, shown to the admin once; only its hash is stored. */
  async create(company: CompanyRow, name: string) {
    const token = DIALER_TOKEN_PREFIX + randomBytes(32).toString('base64url');
    const row = await this.tokens.create(company.id, name, hashToken(token));
    return { ...row, token };
  }

  list(company: CompanyRow) {
    return this.tokens.list(company.id);
  }

  async revoke(company: CompanyRow, id: number): Promise<void> {
    if (!(await this.tokens.revoke(company.id, id))) throw notFound('Dialer token not found.');
    for (const [hash, t] of this.recent) if (t.tokenId === id) this.recent.delete(hash);
  }

  /** The live token and its company, read from the database now (this also refreshes last use). */
  async verify(token: string): Promise<{ tokenId: number; company: CompanyRow; liveChecked: true } | undefined> {
    const hash = hashToken(token);
    const found = await this.tokens.findLive(hash);
    if (!found) {
      this.recent.delete(hash);
      return undefined;
    }
    if (this.recent.size > 10_000) this.recent.clear(); // many tokens: start over rather than grow
    this.recent.set(hash, { ...found, at: this.clock.now().getTime() });
    return { ...found, liveChecked: true };
  }

  /**
   * A token verified in the last few seconds, without a database read (liveChecked
   * false: the caller's own statement must confirm it is still live); else verify().
   * The company row may be a few seconds old.
   */
  async verifyCached(token: string): Promise<{ tokenId: number; company: CompanyRow; liveChecked: boolean } | undefined> {
    const hit = this.recent.get(hashToken(token));
    const age = this.clock.now().getTime() - (hit?.at ?? 0);
    if (hit && age >= 0 && age < TRUST_MS) return { tokenId: hit.tokenId, company: hit.company, liveChecked: false };
    return this.verify(token);
  }
}

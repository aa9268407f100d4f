import { createHash, randomBytes } from 'node:crypto';
import type { CompanyRow } from '../../db/schema/database';
import { DIALER_TOKEN_PREFIX } from '../../lib/auth';
import { notFound } from '../../lib/errors';
import type { DialerTokensRepository } from './dialer-tokens.repository';

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export class DialerTokensService {
  constructor(private readonly tokens: DialerTokensRepository) {}

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
  }

  verify(token: string) {
    return this.tokens.findLive(hashToken(token));
  }
}

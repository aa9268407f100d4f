import { sql } from 'kysely';
import type { Db } from '../../db/client';

export class HealthRepository {
  constructor(private readonly db: Db) {}

  async ping(): Promise<void> {
    await sql`SELECT 1`.execute(this.db);
  }
}

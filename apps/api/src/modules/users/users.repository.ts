import { sql } from 'kysely';
import type { Db } from '../../db/client';
import { tenantDb } from '../../db/tenant';
import { likeEscape } from '../../lib/text';
import type { CompanyRow, UserRow, UserRowUpdate } from '../../db/schema/database';
import type { Role } from '@dialdeck/contracts/common';

export interface UserFilter {
  skip: number;
  limit: number;
  search?: string;
  role?: Role;
}

export interface NewUser {
  username: string;
  password_hash: string;
  role: Role;
  first_name?: string | null;
  last_name?: string | null;
  phone_number?: string | null;
  is_superuser?: boolean;
}

// Serialises "is this the first user?" so two first sign-ups cannot both become superuser.
const FIRST_USER_LOCK_KEY = 727_002;

/** Tenant path (row-level security) for one company's users; `this.db` is the system path. */
export class UsersRepository {
  constructor(private readonly db: Db) {}

  private tenant(companyId: number): Db {
    return tenantDb(this.db, companyId);
  }

  async list(companyId: number, f: UserFilter): Promise<{ rows: UserRow[]; total: number }> {
    let q = this.tenant(companyId).selectFrom('users').where('company_id', '=', companyId);
    if (f.role) q = q.where('role', '=', f.role);
    if (f.search) {
      const pattern = `%${likeEscape(f.search)}%`;
      q = q.where((eb) =>
        eb.or([
          eb('username', 'ilike', pattern),
          eb('first_name', 'ilike', pattern),
          eb('last_name', 'ilike', pattern),
          eb('phone_number', 'like', pattern),
        ]),
      );
    }
    const [rows, count] = await Promise.all([
      q.selectAll().orderBy('id').offset(f.skip).limit(f.limit).execute(),
      q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { rows, total: Number(count.n) };
  }

  findById(companyId: number, id: number): Promise<UserRow | undefined> {
    return this.tenant(companyId)
      .selectFrom('users')
      .selectAll()
      .where('company_id', '=', companyId)
      .where('id', '=', id)
      .executeTakeFirst();
  }

  /**
   * Authentication runs before any company is known, so these two look a user up
   * across companies; nothing else in the app does. System path.
   */
  findByUsernameAnyCompany(username: string): Promise<UserRow | undefined> {
    return this.db
      .selectFrom('users')
      .selectAll()
      .where(sql`lower(username)`, '=', username.toLowerCase())
      .executeTakeFirst();
  }

  async findWithCompanyAnyCompany(userId: number): Promise<{ user: UserRow; company: CompanyRow } | undefined> {
    const row = await this.db
      .selectFrom('users as u')
      .innerJoin('companies as c', 'c.id', 'u.company_id')
      .selectAll('u')
      .select([
        'c.name as c_name',
        'c.display_name as c_display_name',
        'c.is_active as c_is_active',
        'c.timezone as c_timezone',
        'c.locale as c_locale',
        'c.default_region as c_default_region',
        'c.calendar as c_calendar',
        'c.settings as c_settings',
        'c.created_at as c_created_at',
        'c.updated_at as c_updated_at',
      ])
      .where('u.id', '=', userId)
      .executeTakeFirst();
    if (!row) return undefined;
    const {
      c_name,
      c_display_name,
      c_is_active,
      c_timezone,
      c_locale,
      c_default_region,
      c_calendar,
      c_settings,
      c_created_at,
      c_updated_at,
      ...user
    } = row;
    return {
      user,
      company: {
        id: user.company_id,
        name: c_name,
        display_name: c_display_name,
        is_active: c_is_active,
        timezone: c_timezone,
        locale: c_locale,
        default_region: c_default_region,
        calendar: c_calendar,
        settings: c_settings,
        created_at: c_created_at,
        updated_at: c_updated_at,
      },
    };
  }

  /** System path: the whole installation. */
  async countAll(): Promise<number> {
    const r = await this.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  /**
   * Inserts a user. With `superuser`, the caller's rule decides whether the user is a
   * superuser from whether any user exists yet, asked under a lock so two first users
   * cannot both see none.
   */
  insert(companyId: number, u: NewUser, opts: { superuser?: (anyUserYet: boolean) => boolean } = {}): Promise<UserRow> {
    // System path for the first-user check: "any user" means any company's.
    const db = opts.superuser ? this.db : this.tenant(companyId);
    return db.transaction().execute(async (tx) => {
      let isSuperuser = u.is_superuser ?? false;
      if (opts.superuser) {
        await sql`SELECT pg_advisory_xact_lock(${FIRST_USER_LOCK_KEY})`.execute(tx);
        const any = await tx.selectFrom('users').select('id').limit(1).executeTakeFirst();
        isSuperuser = opts.superuser(!!any);
      }
      return tx
        .insertInto('users')
        .values({ ...u, company_id: companyId, is_superuser: isSuperuser })
        .returningAll()
        .executeTakeFirstOrThrow();
    });
  }

  update(companyId: number, id: number, patch: Omit<UserRowUpdate, 'id' | 'created_at'>): Promise<UserRow | undefined> {
    // System path for a superuser's move to another company: the row leaves this one.
    const moving = patch.company_id !== undefined && patch.company_id !== companyId;
    return (moving ? this.db : this.tenant(companyId))
      .updateTable('users')
      .set({ ...patch, updated_at: sql`now()` })
      .where('company_id', '=', companyId)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
  }

  /** Stamps a successful sign-in; leaves updated_at alone (signing in edits nothing). */
  async recordLogin(companyId: number, id: number, at: Date): Promise<void> {
    await this.tenant(companyId)
      .updateTable('users')
      .set({ last_login_at: at })
      .where('company_id', '=', companyId)
      .where('id', '=', id)
      .execute();
  }

  async delete(companyId: number, id: number): Promise<boolean> {
    const r = await this.tenant(companyId).deleteFrom('users').where('company_id', '=', companyId).where('id', '=', id).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }
}

import { randomBytes } from 'node:crypto';
import type { CreateCompanyRequest } from '@dialdeck/contracts/companies';
import type { Role } from '@dialdeck/contracts/common';
import type { Db } from '../src/db/client';
import type { CompanyRow, UserRow } from '../src/db/schema/database';
import { hashPassword } from '../src/lib/passwords';
import { CompaniesRepository } from '../src/modules/companies/companies.repository';
import { CompaniesService } from '../src/modules/companies/companies.service';
import { UsersRepository } from '../src/modules/users/users.repository';

export const unique = (prefix: string) => `${prefix}${randomBytes(4).toString('hex')}`;

export const DEFAULT_PASSWORD = 'test-password-1';

// Hashing is deliberately slow; tests share one hash of the default password.
let defaultHash: Promise<string> | undefined;
const hashOf = (password: string) =>
  password === DEFAULT_PASSWORD ? (defaultHash ??= hashPassword(DEFAULT_PASSWORD)) : hashPassword(password);

export async function makeCompany(db: Db, over: Partial<CreateCompanyRequest> = {}): Promise<CompanyRow> {
  return new CompaniesService(new CompaniesRepository(db)).create({
    name: unique('co-'),
    display_name: 'Test company',
    ...over,
  });
}

export interface MakeUser {
  company: CompanyRow;
  role?: Role;
  username?: string;
  password?: string;
  isSuperuser?: boolean;
  phone?: string | null;
  isActive?: boolean;
}

export async function makeUser(db: Db, o: MakeUser): Promise<UserRow & { password: string }> {
  const password = o.password ?? DEFAULT_PASSWORD;
  const repo = new UsersRepository(db);
  let user = await repo.insert(o.company.id, {
    username: o.username ?? unique('user_'),
    password_hash: await hashOf(password),
    role: o.role ?? 'AGENT',
    is_superuser: o.isSuperuser ?? false,
    phone_number: o.phone ?? null,
  });
  if (o.isActive === false) user = (await repo.update(o.company.id, user.id, { is_active: false }))!;
  return { ...user, password };
}

/** Adds phones to the pool; answers their ids in the given order. */
export async function makeNumbers(db: Db, phones: string[]): Promise<number[]> {
  const rows = await db
    .insertInto('numbers')
    .values(phones.map((p) => ({ phone_number: p })))
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

let phoneSeq = Math.floor(Math.random() * 1_000_000);
/** n distinct, valid Iranian mobile numbers (09xxxxxxxxx). */
export function freshPhones(n: number): string[] {
  return Array.from({ length: n }, () => `0912${String(1_000_000 + (phoneSeq++ % 8_999_999)).padStart(7, '0')}`);
}

/** A schedule that always allows calling, recording what the dialer switched (for dispatch tests). */
export function openSchedule() {
  const switched: boolean[] = [];
  return {
    switched,
    verdict: async () => ({ allowed: true, version: 1 }),
    nextAllowedAt: async () => null,
    setDisabledByDialer: async (_companyId: number, disabled: boolean) => {
      switched.push(disabled);
      return switched.length + 1;
    },
  };
}

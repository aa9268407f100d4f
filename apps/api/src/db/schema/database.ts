import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { Calendar, Locale, Role } from '@dialdeck/contracts/common';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export interface StoredCompanySettings {
  cost_per_connected?: number;
  currency?: string;
  cooldown_days?: number;
}

export interface CompaniesTable {
  id: Generated<number>;
  name: string;
  display_name: string;
  is_active: Generated<boolean>;
  timezone: Generated<string>;
  locale: Generated<Locale>;
  default_region: Generated<string>;
  calendar: Generated<Calendar>;
  settings: Json<StoredCompanySettings>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface UsersTable {
  id: Generated<number>;
  company_id: number;
  username: string;
  password_hash: string;
  role: Role;
  is_superuser: Generated<boolean>;
  is_active: Generated<boolean>;
  first_name: string | null;
  last_name: string | null;
  phone_number: string | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface LoginFailuresTable {
  key: string;
  failures: number;
  window_start: Date;
}

export interface InstanceSettingsTable {
  key: string;
  value: string;
  created_at: CreatedAt;
}

export interface Database {
  companies: CompaniesTable;
  users: UsersTable;
  login_failures: LoginFailuresTable;
  instance_settings: InstanceSettingsTable;
}

export type CompanyRow = Selectable<CompaniesTable>;
export type NewCompanyRow = Insertable<CompaniesTable>;
export type CompanyRowUpdate = Updateable<CompaniesTable>;
export type UserRow = Selectable<UsersTable>;
export type NewUserRow = Insertable<UsersTable>;
export type UserRowUpdate = Updateable<UsersTable>;

import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { Calendar, Locale, Role } from '@dialdeck/contracts/common';
import type { ScheduleTables } from './schedule';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export interface StoredCompanySettings {
  cost_per_connected?: number;
  currency?: string;
  cooldown_days?: number;
  line_rest_below_connect_rate?: number | null;
  line_rest_hours?: number;
  line_rest_window_calls?: number;
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
  /** Bumped by a trigger (migration 0009) on a password change or deactivation; access tokens carry it. */
  token_version: Generated<number>;
  /** Set on each successful sign-in (migration 0016); NULL when the user never signed in. */
  last_login_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
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

export interface NumbersTable {
  id: Generated<number>;
  phone_number: string;
  global_status: Generated<'ACTIVE' | 'POWER_OFF' | 'COMPLAINED'>;
  last_called_at: Date | null;
  last_called_company_id: number | null;
  assigned_at: Date | null;
  assigned_company_id: number | null;
  created_at: CreatedAt;
}

export interface CallResultsTable {
  id: Generated<number>;
  company_id: number;
  number_id: number;
  campaign_id: number | null;
  scenario_id: number | null;
  outbound_line_id: number | null;
  agent_id: number | null;
  source: Generated<'dialer' | 'manual'>;
  status: string;
  reason: string | null;
  user_message: string | null;
  attempted_at: Date;
  duration_seconds: number | null;
  call_sid: string | null;
  transcript: string | null;
  summary: string | null;
  recording_url: string | null;
  transferred: Generated<boolean>;
  transfer_reason: string | null;
  transfer_department: string | null;
  report_id: string | null;
  report_hash: string | null;
  created_at: CreatedAt;
}

export interface NumberStatesTable {
  company_id: number;
  number_id: number;
  status: string;
  total_attempts: number;
  last_attempt_at: Date | null;
  status_changed_at: Date;
  last_result_id: number;
  agent_id: number | null;
  last_user_message: string | null;
}

export interface NumberStateCountsTable {
  company_id: number;
  status: string;
  shard: number;
  n: number;
}

export interface PoolCountsTable {
  shard: number;
  n: number;
}

export interface CampaignsTable {
  id: Generated<number>;
  company_id: number;
  name: string;
  description: string | null;
  status: Generated<'active' | 'paused' | 'archived'>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface CampaignMembersTable {
  campaign_id: number;
  number_id: number;
  added_at: CreatedAt;
}

/** A company added this number to the shared pool (what keeps another company's delete from removing it). */
export interface NumberAdditionsTable {
  company_id: number;
  number_id: number;
  added_at: CreatedAt;
}

export interface OutboundLinesTable {
  id: Generated<number>;
  company_id: number;
  phone_number: string;
  display_name: string;
  is_active: Generated<boolean>;
  owner_user_id: number | null;
  assigned_agent_id: number | null;
  resting_until: Date | null;
  rest_reason: string | null;
  health_since: Date | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface ScenariosTable {
  id: Generated<number>;
  company_id: number;
  name: string;
  display_name: string;
  is_active: Generated<boolean>;
  /** ScenarioConfig (packages/contracts/src/scenarios.ts). */
  config: Json<Record<string, unknown>>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface OutboundLineRotationTable {
  company_id: number;
  draws: Generated<string>;
}

export interface DialerTokensTable {
  id: Generated<number>;
  company_id: number;
  name: string;
  token_hash: string;
  created_at: CreatedAt;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

export interface DialerBatchesTable {
  id: string;
  company_id: number;
  campaign_id: number | null;
  token_id: number | null;
  size_requested: number;
  size_returned: number;
  created_at: CreatedAt;
  /** The numbers the batch leased (the stale-lease sweep's way to them). */
  number_ids: Generated<number[]>;
  /** Set when the sweep has released what the batch still held after the lease timeout. */
  swept: Generated<boolean>;
}

/** A walk's cursor: one per (company, campaign or 0 for the whole pool, lane). */
export interface DialerLanesTable {
  company_id: number;
  campaign_key: number;
  lane: number;
  next_id: Generated<number>;
}

/** A number the walk passed while it was only for a while ineligible; revisited at ready_at. */
export interface DialerDeferredTable {
  company_id: number;
  campaign_key: number;
  number_id: number;
  ready_at: Date;
}

/** The AI voice-server registry (migration 0024): a system table, no company_id. */
export interface VoiceServersTable {
  id: Generated<number>;
  name: string;
  url: string;
  is_active: Generated<boolean>;
  priority: Generated<number>;
  status: Generated<'pending' | 'verified' | 'failed'>;
  last_verified_at: Date | null;
  last_error: string | null;
  last_picked_at: Date | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface Database extends ScheduleTables {
  companies: CompaniesTable;
  users: UsersTable;
  login_failures: LoginFailuresTable;
  instance_settings: InstanceSettingsTable;
  numbers: NumbersTable;
  call_results: CallResultsTable;
  number_states: NumberStatesTable;
  number_state_counts: NumberStateCountsTable;
  pool_counts: PoolCountsTable;
  campaigns: CampaignsTable;
  campaign_members: CampaignMembersTable;
  number_additions: NumberAdditionsTable;
  outbound_lines: OutboundLinesTable;
  outbound_line_rotation: OutboundLineRotationTable;
  scenarios: ScenariosTable;
  dialer_tokens: DialerTokensTable;
  dialer_batches: DialerBatchesTable;
  dialer_lanes: DialerLanesTable;
  dialer_deferred: DialerDeferredTable;
  voice_servers: VoiceServersTable;
}

export type CompanyRow = Selectable<CompaniesTable>;
export type NewCompanyRow = Insertable<CompaniesTable>;
export type UserRow = Selectable<UsersTable>;
export type UserRowUpdate = Updateable<UsersTable>;

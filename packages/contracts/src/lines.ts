import { z } from 'zod';
import { Count, Id, PaginationQuery, CompanyScopeQuery, RowId, Timestamp, displayText, paged } from './common';
import { CompanySettings } from './companies';

/** A caller ID as a dialer reads it: which line to call from, and its number. */
export const LineRef = z.object({ id: RowId, phone_number: z.string() });
export type LineRef = z.infer<typeof LineRef>;

const PhoneInput = z.string().trim().min(1, 'required').max(32, 'at most 32 characters');
const LineName = displayText(100, { min: 1 });

export const CreateLineRequest = z.strictObject({
  phone_number: PhoneInput,
  display_name: LineName,
  is_active: z.boolean().optional(),
  owner_user_id: Id.nullable().optional(),
  assigned_agent_id: Id.nullable().optional(),
});
export type CreateLineRequest = z.infer<typeof CreateLineRequest>;

export const UpdateLineRequest = z.strictObject({
  phone_number: PhoneInput.optional(),
  display_name: LineName.optional(),
  is_active: z.boolean().optional(),
  owner_user_id: Id.nullable().optional(),
  assigned_agent_id: Id.nullable().optional(),
});
export type UpdateLineRequest = z.infer<typeof UpdateLineRequest>;

export const AssignLineRequest = z.strictObject({ agent_id: Id });
export type AssignLineRequest = z.infer<typeof AssignLineRequest>;

/** Connect rates are fractions 0..1; null when the line made no call in the window. */
export const LineHealth = z.object({
  calls_24h: Count,
  connect_rate_24h: z.number().min(0).max(1).nullable(),
  last_100_calls: Count,
  last_100_connect_rate: z.number().min(0).max(1).nullable(),
  resting_until: Timestamp.nullable(),
  rest_reason: z.string().nullable(),
});
export type LineHealth = z.infer<typeof LineHealth>;

const UserRef = z.object({ id: RowId, full_name: z.string() }).nullable();

export const LineResponse = z.object({
  id: RowId,
  phone_number: z.string(),
  display_name: z.string(),
  is_active: z.boolean(),
  owner_user_id: RowId.nullable(),
  owner: UserRef,
  assigned_agent_id: RowId.nullable(),
  assigned_agent: UserRef,
  health: LineHealth,
  created_at: Timestamp,
  updated_at: Timestamp,
});
export type LineResponse = z.infer<typeof LineResponse>;

export const ListLinesQuery = PaginationQuery.extend(CompanyScopeQuery.shape).extend({
  is_active: z.enum(['true', 'false']).optional(),
  search: z.string().trim().max(100).optional(),
});
export type ListLinesQuery = z.infer<typeof ListLinesQuery>;

export const ListLinesResponse = paged(LineResponse).extend({ total: Count });
export type ListLinesResponse = z.infer<typeof ListLinesResponse>;

export const MyLinesResponse = z.object({ items: z.array(LineResponse) });
export type MyLinesResponse = z.infer<typeof MyLinesResponse>;

export const FreeAgentsResponse = z.object({ items: z.array(z.object({ id: RowId, full_name: z.string() })) });
export type FreeAgentsResponse = z.infer<typeof FreeAgentsResponse>;

/** The company's rule for resting lines with a low connect rate (stored in its settings; off when the rate is null). */
export const LineRestRule = CompanySettings.pick({
  line_rest_below_connect_rate: true,
  line_rest_hours: true,
  line_rest_window_calls: true,
});
export type LineRestRule = z.infer<typeof LineRestRule>;
export const UpdateLineRestRuleRequest = z.strictObject(LineRestRule.partial().shape);
export type UpdateLineRestRuleRequest = z.infer<typeof UpdateLineRestRuleRequest>;

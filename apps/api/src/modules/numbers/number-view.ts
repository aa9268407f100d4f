import type { NumberResponse } from '@dialdeck/contracts/numbers';
import { toZonedIso } from '../../lib/time';
import type { NumberRowView } from './numbers.repository';

const iso = (d: Date | null, tz: string) => (d ? toZonedIso(d, tz) : null);

export function agentName(r: Pick<NumberRowView, 'agent_first_name' | 'agent_last_name' | 'agent_username'>): string | null {
  const full = [r.agent_first_name, r.agent_last_name].filter(Boolean).join(' ');
  return full || r.agent_username || null;
}

export function numberView(r: NumberRowView, timeZone: string): NumberResponse {
  return {
    id: r.id,
    phone_number: r.phone_number,
    global_status: r.global_status,
    status: r.status,
    total_attempts: Number(r.total_attempts),
    last_attempt_at: iso(r.last_attempt_at, timeZone),
    status_changed_at: iso(r.status_changed_at, timeZone),
    last_user_message: r.last_user_message,
    assigned_agent_id: r.agent_id,
    agent_name: agentName(r),
    last_called_at: iso(r.last_called_at, timeZone),
  };
}

/** How long a batch holds its numbers; after that a dead dialer's numbers come back. */
export const LOCK_TIMEOUT_MS = 60 * 60_000;
/** A number that was eligible but held by a concurrent transaction is looked at again after this. */
export const RETRY_CONTENDED_MS = 30_000;
export const LANES = 8;

export interface Candidate {
  id: number;
  phone_number: string;
  global_status: string;
  last_called_at: Date | null;
  assigned_at: Date | null;
  /** The company already has a result for it. */
  called: boolean;
  /** With a campaign: whether it is still a member. */
  member: boolean;
}

export type Verdict = { kind: 'eligible' } | { kind: 'skip' } | { kind: 'defer'; readyAt: Date };

/**
 * What next-batch does with a number it walks past. "skip" is for good (until an admin
 * resets it, which parks it in the deferred list again); "defer" revisits it when the
 * reason ends.
 */
export function classify(c: Candidate, now: Date, cooldownMs: number): Verdict {
  if (c.called || !c.member || c.global_status !== 'ACTIVE') return { kind: 'skip' };
  const t = now.getTime();
  if (c.last_called_at && c.last_called_at.getTime() > t - cooldownMs) {
    return { kind: 'defer', readyAt: new Date(c.last_called_at.getTime() + cooldownMs) };
  }
  if (c.assigned_at && c.assigned_at.getTime() > t - LOCK_TIMEOUT_MS) {
    return { kind: 'defer', readyAt: new Date(c.assigned_at.getTime() + LOCK_TIMEOUT_MS) };
  }
  return { kind: 'eligible' };
}

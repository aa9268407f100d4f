import { describe, expect, it } from 'vitest';
import { classify, LOCK_TIMEOUT_MS, type Candidate } from './dispatch-rules';

const now = new Date('2026-05-10T10:00:00Z');
const DAY = 86_400_000;
const base: Candidate = { id: 1, phone_number: '09120000001', global_status: 'ACTIVE', last_called_at: null, assigned_at: null, called: false, member: true };
const at = (msAgo: number) => new Date(now.getTime() - msAgo);

describe('classify (what the walk does with a number)', () => {
  it.each([
    ['a fresh number', {}, { kind: 'eligible' }],
    ['called by this company', { called: true }, { kind: 'skip' }],
    ['not a campaign member', { member: false }, { kind: 'skip' }],
    ['blocked (COMPLAINED)', { global_status: 'COMPLAINED' }, { kind: 'skip' }],
    ['blocked (POWER_OFF)', { global_status: 'POWER_OFF' }, { kind: 'skip' }],
    ['called by anyone 1 day ago', { last_called_at: at(DAY) }, { kind: 'defer', readyAt: new Date(now.getTime() + 2 * DAY) }],
    ['called exactly 3 days ago', { last_called_at: at(3 * DAY) }, { kind: 'eligible' }],
    ['held by a batch for 10 minutes', { assigned_at: at(10 * 60_000) }, { kind: 'defer', readyAt: new Date(now.getTime() + LOCK_TIMEOUT_MS - 10 * 60_000) }],
    ['held by a batch that timed out', { assigned_at: at(LOCK_TIMEOUT_MS + 1) }, { kind: 'eligible' }],
    ['called by us and cooling: skip wins', { called: true, last_called_at: at(1000) }, { kind: 'skip' }],
    ['cooling and held: cooldown first', { last_called_at: at(DAY), assigned_at: at(1000) }, { kind: 'defer', readyAt: new Date(now.getTime() + 2 * DAY) }],
  ] as Array<[string, Partial<Candidate>, unknown]>)('%s', (_label, over, expected) => {
    expect(classify({ ...base, ...over }, now, 3 * DAY)).toEqual(expected);
  });

  it('a cooldown of 0 days never defers', () => {
    expect(classify({ ...base, last_called_at: at(1) }, now, 0)).toEqual({ kind: 'eligible' });
  });
});

/**
 * Who may try a password, and when. Every limit counts attempts in a fixed window
 * (WINDOW_MS from the first attempt on that key). An attempt is *reserved* on every
 * key it touches, in one statement, before the password is checked, so parallel
 * requests cannot all read "4 failures" and all go on to check a password: the
 * counter each one gets back already includes it. A correct password then gives its
 * reservations back (see `onSuccess`).
 *
 * Login, for username U from client address A:
 *  - pair  `pair:A|U`: 5 attempts. The usual lockout: one address guessing one account.
 *  - ip    `ip:A`: 30 attempts over all usernames. One address spraying many accounts.
 *  - user  `user:U`: 50 attempts from all addresses. Past this ceiling the account is
 *          under a distributed attack; each address then gets only its first try at U
 *          in the window (its pair counter is 1), so a botnet gets one guess per
 *          address instead of five, while the account's owner, from an address that
 *          has not failed for U, still gets in: failures elsewhere never lock out a
 *          correct password from a clean address.
 * Changing one's own password (`PUT /api/auth/me`): `current:<userId>`, 5 attempts; a
 * stolen session must not become a password oracle.
 *
 * Attempts refused here are counted too (a refused client that keeps knocking keeps
 * its keys full until the window ends); they never check a password.
 */
export const WINDOW_MS = 15 * 60_000;

export const LIMITS = { pair: 5, ip: 30, user: 50, current: 5 } as const;

export type ThrottleKind = keyof typeof LIMITS;

export interface Reserved {
  key: string;
  kind: ThrottleKind;
  /** Attempts in this window, this one included. */
  attempts: number;
  windowStart: Date;
}

export const loginKeys = (username: string, address: string) => {
  const u = username.toLowerCase();
  return [
    { kind: 'pair' as const, key: `pair:${address}|${u}` },
    { kind: 'ip' as const, key: `ip:${address}` },
    { kind: 'user' as const, key: `user:${u}` },
  ];
};

export const currentPasswordKeys = (userId: number) => [{ kind: 'current' as const, key: `current:${userId}` }];

/** The reservation that refuses this attempt, or undefined when the password may be checked. */
export function refusal(reserved: Reserved[]): Reserved | undefined {
  const of = (kind: ThrottleKind) => reserved.find((r) => r.kind === kind);
  const pair = of('pair');
  for (const r of reserved) {
    if (r.kind === 'user') {
      if (r.attempts > LIMITS.user && pair && pair.attempts > 1) return r;
    } else if (r.attempts > LIMITS[r.kind]) {
      return r;
    }
  }
  return undefined;
}

/** Whole seconds until the refusing key's window ends (at least 1), for Retry-After. */
export function retryAfterSeconds(r: Reserved, now: Date): number {
  return Math.max(1, Math.ceil((r.windowStart.getTime() + WINDOW_MS - now.getTime()) / 1000));
}

/**
 * What a correct password does to the keys it reserved: the pair (or current-password)
 * key is cleared, as the owner has shown they know the password; the address and user
 * counters only get this attempt back, so many people logging in behind one address
 * never fill it, and one success does not wipe a distributed attack's count.
 */
export function onSuccess(reserved: Reserved[]): { clear: string[]; giveBack: string[] } {
  return {
    clear: reserved.filter((r) => r.kind === 'pair' || r.kind === 'current').map((r) => r.key),
    giveBack: reserved.filter((r) => r.kind === 'ip' || r.kind === 'user').map((r) => r.key),
  };
}

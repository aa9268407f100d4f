/** How long a batch holds its numbers; after that a dead dialer's numbers come back. */
export const LOCK_TIMEOUT_MS = 60 * 60_000;
/** A number that was eligible but held by a concurrent transaction is looked at again after this. */
export const RETRY_CONTENDED_MS = 30_000;
/**
 * The walk's lanes (id % LANES): fixed at 8 by the numbers_lane index and the
 * dialer_dispatch function (migrations 0004 and 0006). What the walk does with each
 * number it passes is written once, in that function.
 */
export const LANES = 8;

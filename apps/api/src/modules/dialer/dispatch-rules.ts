/** How long a batch holds its numbers; after that a dead dialer's numbers come back. */
export const LOCK_TIMEOUT_MS = 60 * 60_000;
/** A number that was eligible but held by a concurrent transaction is looked at again after this. */
export const RETRY_CONTENDED_MS = 30_000;
// The walk's lanes (dd_lane, dd_lane_count) and which numbers it may hand out
// (dd_exclusion) are SQL functions, written once in migration 0014.

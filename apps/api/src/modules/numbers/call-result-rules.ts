import type { CallStatus } from '@dialdeck/contracts/numbers';

/**
 * What a call that happened does to the shared number, for every company: the rules,
 * here; CallResultsRepository.record applies them in the statement that records the
 * results (one statement on the dialer's hot path), taking them as parameters. A call
 * always stamps the number's last call (never ahead of now): every company's cooldown
 * starts from it.
 */
export interface CallEffects {
  /** The calling company's own batch lease on the number ends (the dialer reported it). */
  releaseOwnLease: boolean;
  /** A result with one of these statuses blocks the number for every company (its global status becomes that status). */
  blockingStatuses: readonly CallStatus[];
}

/** A complaint or a phone that is switched off is nobody's to call again. */
export const GLOBAL_BLOCK_STATUSES: readonly CallStatus[] = ['COMPLAINED', 'POWER_OFF'];

/** A dialer's report: the call really happened. */
export const REPORTED_CALL: CallEffects = { releaseOwnLease: true, blockingStatuses: GLOBAL_BLOCK_STATUSES };

import type { CallStatus } from '@dialdeck/contracts/numbers';

/**
 * One colour per status, told apart with the common colour-vision deficiencies: the
 * Okabe–Ito set first (for the statuses seen most), then Paul Tol's "muted" colours for
 * the rare ones. Colour is never the only cue: every chart has a legend or a table with names.
 */
export const STATUS_COLOURS: Record<CallStatus, string> = {
  CONNECTED: '#009E73',
  MISSED: '#E69F00',
  BUSY: '#F0E442',
  FAILED: '#D55E00',
  NOT_INTERESTED: '#CC79A7',
  HANGUP: '#56B4E9',
  DISCONNECTED: '#0072B2',
  POWER_OFF: '#332288',
  IN_QUEUE: '#BBBBBB',
  BANNED: '#882255',
  UNKNOWN: '#DDCC77',
  INBOUND_CALL: '#44AA99',
  COMPLAINED: '#AA4499',
};

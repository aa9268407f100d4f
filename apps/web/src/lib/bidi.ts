const RTL_CHARS = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/;

/**
 * Wraps a value in Unicode first-strong isolates (FSI…PDI) so a Latin
 * username inside a Persian or Hebrew sentence (or a Persian name inside an
 * English one) keeps its own direction and does not reorder the words around
 * it. Plain LTR-in-LTR text is left as it is.
 */
export function isolate(value: string): string {
  const pageIsRtl = typeof document !== 'undefined' && document.documentElement.dir === 'rtl';
  return pageIsRtl || RTL_CHARS.test(value) ? `\u2068${value}\u2069` : value;
}

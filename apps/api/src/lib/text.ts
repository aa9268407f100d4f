/** A trimmed name, or null when the input is missing or blank (stored as NULL, not ''). */
export function blankToNull(s: string | null | undefined): string | null {
  return s == null || s.trim() === '' ? null : s.trim();
}

/** Escapes LIKE's wildcards so user input matches literally. */
export const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => '\\' + c);

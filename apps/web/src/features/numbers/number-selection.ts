import { useCallback, useState } from 'react';
import type { NumberFilter } from '@dialdeck/contracts/numbers';

/**
 * Which numbers are selected: a set of ids, or "every number matching the filter"
 * minus the ones unchecked since. The second form never lists the matching ids, so
 * selecting 2 million numbers costs nothing; the server expands it (select_all).
 */
export type Selection = { mode: 'ids'; ids: ReadonlySet<number> } | { mode: 'all'; excluded: ReadonlySet<number> };

export const NO_SELECTION: Selection = { mode: 'ids', ids: new Set() };

export function isSelected(selection: Selection, id: number): boolean {
  return selection.mode === 'ids' ? selection.ids.has(id) : !selection.excluded.has(id);
}

function withIds(set: ReadonlySet<number>, ids: readonly number[], present: boolean): Set<number> {
  const next = new Set(set);
  for (const id of ids) {
    if (present) next.add(id);
    else next.delete(id);
  }
  return next;
}

export function setSelected(selection: Selection, ids: readonly number[], selected: boolean): Selection {
  return selection.mode === 'ids'
    ? { mode: 'ids', ids: withIds(selection.ids, ids, selected) }
    : { mode: 'all', excluded: withIds(selection.excluded, ids, !selected) };
}

/** How many are selected, given how many match the filter. */
export function selectedCount(selection: Selection, total: number | undefined): number {
  if (selection.mode === 'ids') return selection.ids.size;
  return Math.max(0, (total ?? 0) - selection.excluded.size);
}

/** The selection part of a bulk or export request body. */
export function selectionBody(selection: Selection, filter: NumberFilter) {
  if (selection.mode === 'ids') return { ids: [...selection.ids] };
  return { select_all: true as const, ...filter, ...(selection.excluded.size ? { excluded_ids: [...selection.excluded] } : {}) };
}

/**
 * The selection belongs to one filter (`filterKey`): when the filter changes it is
 * empty again, at once and without an effect, so a bulk action can never apply an
 * old selection to a new filter. Paging and sorting keep it.
 */
export function useNumberSelection(filterKey: string) {
  const [state, setState] = useState<{ key: string; selection: Selection }>({ key: filterKey, selection: NO_SELECTION });
  const selection = state.key === filterKey ? state.selection : NO_SELECTION;

  const update = useCallback(
    (change: (current: Selection) => Selection) =>
      setState((prev) => ({ key: filterKey, selection: change(prev.key === filterKey ? prev.selection : NO_SELECTION) })),
    [filterKey],
  );

  return {
    selection,
    toggle: useCallback((id: number, selected: boolean) => update((s) => setSelected(s, [id], selected)), [update]),
    setPage: useCallback((ids: readonly number[], selected: boolean) => update((s) => setSelected(s, ids, selected)), [update]),
    selectAllMatching: useCallback(() => update(() => ({ mode: 'all', excluded: new Set() })), [update]),
    clear: useCallback(() => update(() => NO_SELECTION), [update]),
  };
}

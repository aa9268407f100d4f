import { useCallback } from 'react';
import { createLazyRoute } from '@tanstack/react-router';
import { NumbersPage } from '../../features/numbers/numbers-page';
import type { NumbersSearch } from '../../features/numbers/numbers-search';

export const Route = createLazyRoute('/app/numbers')({
  component: function NumbersRoute() {
    const search = Route.useSearch();
    const navigate = Route.useNavigate();
    // Each filter, sort or page change is a history entry, so Back steps through them;
    // the debounced search box only replaces the entry (one per pause would flood it).
    const onSearchChange = useCallback(
      (next: NumbersSearch) => {
        const keys = new Set([...Object.keys(next), ...Object.keys(search)] as (keyof NumbersSearch)[]);
        const onlyText = next.search !== search.search && [...keys].every((k) => k === 'search' || next[k] === search[k]);
        void navigate({ search: next, replace: onlyText });
      },
      [navigate, search],
    );
    return <NumbersPage search={search} onSearchChange={onSearchChange} />;
  },
});

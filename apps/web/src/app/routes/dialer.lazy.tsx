import { useCallback } from 'react';
import { createLazyRoute } from '@tanstack/react-router';
import { DialerPage } from '../dialer-page';
import type { DialerSearch } from '../dialer-search';

export const Route = createLazyRoute('/app/dialer')({
  component: function DialerRoute() {
    const search = Route.useSearch();
    const navigate = Route.useNavigate();
    const onSearchChange = useCallback((next: DialerSearch) => void navigate({ search: next, replace: true }), [navigate]);
    return <DialerPage search={search} onSearchChange={onSearchChange} />;
  },
});

import { useCallback } from 'react';
import { createLazyRoute } from '@tanstack/react-router';
import { DashboardPage } from '../../features/dashboard/dashboard-page';
import type { DashboardSearch } from '../../features/dashboard/dashboard-search';

export const Route = createLazyRoute('/app/dashboard')({
  component: function DashboardRoute() {
    const search = Route.useSearch();
    const navigate = Route.useNavigate();
    const onSearchChange = useCallback((next: DashboardSearch) => void navigate({ search: next, replace: true }), [navigate]);
    return <DashboardPage search={search} onSearchChange={onSearchChange} />;
  },
});

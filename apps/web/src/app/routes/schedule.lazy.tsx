import { useCallback } from 'react';
import { createLazyRoute } from '@tanstack/react-router';
import { SchedulePage } from '../../features/schedule/schedule-page';
import type { ScheduleSearch } from '../../features/schedule/schedule-search';

export const Route = createLazyRoute('/app/schedule')({
  component: function ScheduleRoute() {
    const search = Route.useSearch();
    const navigate = Route.useNavigate();
    const onSearchChange = useCallback((next: ScheduleSearch) => void navigate({ search: next, replace: true }), [navigate]);
    return <SchedulePage search={search} onSearchChange={onSearchChange} />;
  },
});

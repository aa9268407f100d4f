import { useCallback } from 'react';
import { createLazyRoute } from '@tanstack/react-router';
import { UsersPage } from '../../features/users/users-page';
import type { UsersSearch } from '../../features/users/users-search';

export const Route = createLazyRoute('/app/users')({
  component: function UsersRoute() {
    const search = Route.useSearch();
    const navigate = Route.useNavigate();
    const onSearchChange = useCallback((next: UsersSearch) => void navigate({ search: next, replace: true }), [navigate]);
    return <UsersPage search={search} onSearchChange={onSearchChange} />;
  },
});

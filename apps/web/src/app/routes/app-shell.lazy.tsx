import { useCallback } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Outlet, createLazyRoute, useRouter } from '@tanstack/react-router';
import { AppLayout } from '../../components/layout/app-layout';
import { useToast } from '../../components/ui/toast';
import { endSession, useMe } from '../../lib/session';
import { RouteError } from '../route-error';

/** The signed-in layout (navigation, header, the signed-in user's menu) around every page but the login page. */
export const Route = createLazyRoute('/app')({
  component: function AppShell() {
    const me = useMe();
    const router = useRouter();
    const queryClient = useQueryClient();
    const toast = useToast();
    const logout = useCallback(() => {
      toast.clear();
      endSession(queryClient);
      void router.navigate({ to: '/login', search: { reason: 'logout' } });
    }, [queryClient, router, toast]);
    return (
      <AppLayout user={me} onLogout={logout}>
        <Outlet />
      </AppLayout>
    );
  },
  errorComponent: RouteError,
});

import { useState } from 'react';
import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { ToastProvider } from '../components/ui/toast';
import { onUnauthorized } from '../lib/api-client';
import { createQueryClient } from './query-client';
import { createAppRouter } from './router';

function createApp() {
  const queryClient = createQueryClient();
  const router = createAppRouter(queryClient);
  // Any 401 on an authenticated call (expired or revoked token) sends the person back to the login page.
  onUnauthorized(() => {
    queryClient.clear();
    const { pathname, href } = router.state.location;
    if (pathname !== '/login') void router.navigate({ to: '/login', search: { reason: 'expired', redirect: href } });
  });
  return { queryClient, router };
}

export function AppProviders() {
  const [{ queryClient, router }] = useState(createApp);
  return (
    <QueryClientProvider client={queryClient}>
      <ToastProvider>
        <RouterProvider router={router} />
      </ToastProvider>
    </QueryClientProvider>
  );
}

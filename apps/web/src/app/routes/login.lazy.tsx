import { useQueryClient } from '@tanstack/react-query';
import { createLazyRoute, useRouter } from '@tanstack/react-router';
import { LoginPage } from '../../features/auth/login-page';
import { meQueryOptions } from '../../lib/session';

/** Only same-app paths: never an absolute URL an attacker could plant in ?redirect=. */
function safeRedirect(target: string | undefined): string {
  if (!target || !target.startsWith('/') || target.startsWith('//') || target.startsWith('/login')) return '/';
  return target;
}

export const Route = createLazyRoute('/login')({
  component: function LoginRoute() {
    const { reason, redirect: target } = Route.useSearch();
    const router = useRouter();
    const queryClient = useQueryClient();
    return (
      <LoginPage
        reason={reason}
        onSuccess={() => {
          queryClient.removeQueries({ queryKey: meQueryOptions.queryKey });
          router.history.push(safeRedirect(target));
        }}
      />
    );
  },
});

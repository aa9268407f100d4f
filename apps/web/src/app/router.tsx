import { useCallback } from 'react';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { Outlet, createRootRouteWithContext, createRoute, createRouter, redirect, useRouter } from '@tanstack/react-router';
import { z } from 'zod';
import { AppLayout } from '../components/layout/app-layout';
import { Spinner } from '../components/ui/spinner';
import { useToast } from '../components/ui/toast';
import { CompaniesPage } from '../features/companies/companies-page';
import { DashboardPage } from '../features/dashboard/dashboard-page';
import { DashboardSearch } from '../features/dashboard/dashboard-search';
import { HomePage } from '../features/home/home-page';
import { NumbersPage } from '../features/numbers/numbers-page';
import { NumbersSearch } from '../features/numbers/numbers-search';
import { LoginPage } from '../features/auth/login-page';
import { ProfilePage } from '../features/profile/profile-page';
import { UsersPage } from '../features/users/users-page';
import { UsersSearch } from '../features/users/users-search';
import { SchedulePage } from '../features/schedule/schedule-page';
import { ScheduleSearch } from '../features/schedule/schedule-search';
import { applyCompanyLanguage } from '../i18n/i18n-setup';
import { ApiError } from '../lib/api-client';
import { getAccessToken } from '../lib/auth-token';
import { canManageCompanies, canManageUsers, endSession, meQueryOptions, useMe } from '../lib/session';
import { DialerPage, DialerSearch } from './dialer-page';
import { NotFoundPage } from './not-found-page';
import { RouteError } from './route-error';

export interface RouterContext {
  queryClient: QueryClient;
}

const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: Outlet,
  notFoundComponent: NotFoundPage,
});

const LoginSearch = z.object({
  redirect: z.string().optional().catch(undefined),
  reason: z.enum(['expired', 'logout']).optional().catch(undefined),
});

/** Only same-app paths: never an absolute URL an attacker could plant in ?redirect=. */
function safeRedirect(target: string | undefined): string {
  if (!target || !target.startsWith('/') || target.startsWith('//') || target.startsWith('/login')) return '/';
  return target;
}

const loginRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/login',
  validateSearch: (search: Record<string, unknown>) => LoginSearch.parse(search),
  beforeLoad: async ({ context }) => {
    if (!getAccessToken()) return;
    const me = await context.queryClient.ensureQueryData(meQueryOptions).catch(() => null);
    if (me) throw redirect({ to: '/' });
  },
  component: function LoginRoute() {
    const { reason, redirect: target } = loginRoute.useSearch();
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

const appRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'app',
  beforeLoad: async ({ context, location }) => {
    if (!getAccessToken()) {
      throw redirect({ to: '/login', search: { redirect: location.href } });
    }
    try {
      const me = await context.queryClient.ensureQueryData(meQueryOptions);
      applyCompanyLanguage(me.company.locale);
      return { me };
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        throw redirect({ to: '/login', search: { reason: 'expired', redirect: location.href } });
      }
      throw error;
    }
  },
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

/** Pages for those who manage users (admins and superusers); anyone else lands on their home page. */
function requireUserManager({ context }: { context: { me: Parameters<typeof canManageUsers>[0] } }) {
  if (!canManageUsers(context.me)) throw redirect({ to: '/home' });
}

const indexRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/',
  beforeLoad: ({ context }) => {
    throw redirect({ to: canManageUsers(context.me) ? '/dashboard' : '/home' });
  },
});

const homeRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/home',
  component: HomePage,
});

const dashboardRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/dashboard',
  validateSearch: (search: Record<string, unknown>) => DashboardSearch.parse(search),
  beforeLoad: requireUserManager,
  component: function DashboardRoute() {
    const search = dashboardRoute.useSearch();
    const navigate = dashboardRoute.useNavigate();
    const onSearchChange = useCallback((next: DashboardSearch) => void navigate({ search: next, replace: true }), [navigate]);
    return <DashboardPage search={search} onSearchChange={onSearchChange} />;
  },
});

const usersRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/users',
  validateSearch: (search: Record<string, unknown>) => UsersSearch.parse(search),
  beforeLoad: requireUserManager,
  component: function UsersRoute() {
    const search = usersRoute.useSearch();
    const navigate = usersRoute.useNavigate();
    const onSearchChange = useCallback((next: UsersSearch) => void navigate({ search: next, replace: true }), [navigate]);
    return <UsersPage search={search} onSearchChange={onSearchChange} />;
  },
});

const numbersRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/numbers',
  validateSearch: (search: Record<string, unknown>) => NumbersSearch.parse(search),
  component: function NumbersRoute() {
    const search = numbersRoute.useSearch();
    const navigate = numbersRoute.useNavigate();
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

const companiesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/companies',
  beforeLoad: ({ context }) => {
    if (!canManageCompanies(context.me)) throw redirect({ to: '/' });
  },
  component: CompaniesPage,
});

const scheduleRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/schedule',
  validateSearch: (search: Record<string, unknown>) => ScheduleSearch.parse(search),
  beforeLoad: requireUserManager,
  component: function ScheduleRoute() {
    const search = scheduleRoute.useSearch();
    const navigate = scheduleRoute.useNavigate();
    const onSearchChange = useCallback((next: ScheduleSearch) => void navigate({ search: next, replace: true }), [navigate]);
    return <SchedulePage search={search} onSearchChange={onSearchChange} />;
  },
});

const dialerRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/dialer',
  validateSearch: (search: Record<string, unknown>) => DialerSearch.parse(search),
  beforeLoad: requireUserManager,
  component: function DialerRoute() {
    const search = dialerRoute.useSearch();
    const navigate = dialerRoute.useNavigate();
    const onSearchChange = useCallback((next: DialerSearch) => void navigate({ search: next, replace: true }), [navigate]);
    return <DialerPage search={search} onSearchChange={onSearchChange} />;
  },
});

const profileRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/profile',
  component: ProfilePage,
});

const routeTree = rootRoute.addChildren([
  loginRoute,
  appRoute.addChildren([
    indexRoute,
    homeRoute,
    dashboardRoute,
    usersRoute,
    numbersRoute,
    companiesRoute,
    scheduleRoute,
    dialerRoute,
    profileRoute,
  ]),
]);

function PendingScreen() {
  return (
    <div className="flex min-h-dvh items-center justify-center text-indigo-600">
      <Spinner className="size-6" />
    </div>
  );
}

export function createAppRouter(queryClient: QueryClient) {
  return createRouter({
    routeTree,
    context: { queryClient },
    defaultPendingComponent: PendingScreen,
    scrollRestoration: true,
  });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}

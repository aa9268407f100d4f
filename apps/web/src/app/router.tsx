import { type QueryClient } from '@tanstack/react-query';
import { Outlet, createRootRouteWithContext, createRoute, createRouter, lazyRouteComponent, redirect } from '@tanstack/react-router';
import { z } from 'zod';
import { Spinner } from '../components/ui/spinner';
import { DashboardSearch } from '../features/dashboard/dashboard-search';
import { NumbersSearch } from '../features/numbers/numbers-search';
import { UsersSearch } from '../features/users/users-search';
import { ScheduleSearch } from '../features/schedule/schedule-search';
import { applyCompanyLanguage } from '../i18n/i18n-setup';
import { ApiError } from '../lib/api-client';
import { getAccessToken } from '../lib/auth-token';
import { canManageCompanies, canManageUsers, canManageVoiceServers, meQueryOptions } from '../lib/session';
import { DialerSearch } from './dialer-search';
import { NotFoundPage } from './not-found-page';

/*
 * The route tree holds only what matching a URL needs: paths, search validation and guards.
 * Every component (the login page, the signed-in shell, each page) is its own chunk, loaded
 * when its route matches: a page with a search wrapper through `.lazy()` and a file in
 * ./routes, a plain page through lazyRouteComponent. So /login downloads none of the
 * signed-in pages.
 */

/** The lazily loaded parts, by name: the routes below load them, and so does preloadFirstScreen. */
const chunks = {
  login: () => import('./routes/login.lazy'),
  shell: () => import('./routes/app-shell.lazy'),
  dashboard: () => import('./routes/dashboard.lazy'),
  users: () => import('./routes/users.lazy'),
  numbers: () => import('./routes/numbers.lazy'),
  schedule: () => import('./routes/schedule.lazy'),
  dialer: () => import('./routes/dialer.lazy'),
};
const PAGE_CHUNKS: Record<string, keyof typeof chunks> = {
  '/dashboard': 'dashboard',
  '/users': 'users',
  '/numbers': 'numbers',
  '/schedule': 'schedule',
  '/dialer': 'dialer',
};

/**
 * Starts downloading the first screen's chunks at once, alongside its language, instead of
 * after the router has matched and run the guards (which wait for /api/auth/me). Only a hint:
 * the routes load the same modules themselves, and a path not listed simply is not preloaded.
 */
export function preloadFirstScreen(pathname: string): void {
  const path = pathname.replace(/\/+$/, '') || '/';
  const names: (keyof typeof chunks)[] = path === '/login' ? ['login'] : getAccessToken() ? ['shell'] : [];
  const page = PAGE_CHUNKS[path];
  if (page && getAccessToken()) names.push(page);
  for (const name of names) void chunks[name]().catch(() => undefined);
}

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

const loginRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/login',
  validateSearch: (search: Record<string, unknown>) => LoginSearch.parse(search),
  beforeLoad: async ({ context }) => {
    if (!getAccessToken()) return;
    const me = await context.queryClient.ensureQueryData(meQueryOptions).catch(() => null);
    if (me) throw redirect({ to: '/' });
  },
}).lazy(() => chunks.login().then((d) => d.Route));

const appRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'app',
  beforeLoad: async ({ context, location }) => {
    if (!getAccessToken()) {
      throw redirect({ to: '/login', search: { redirect: location.href } });
    }
    try {
      const me = await context.queryClient.ensureQueryData(meQueryOptions);
      await applyCompanyLanguage(me.company.locale);
      return { me };
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        throw redirect({ to: '/login', search: { reason: 'expired', redirect: location.href } });
      }
      throw error;
    }
  },
}).lazy(() => chunks.shell().then((d) => d.Route));

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
  component: lazyRouteComponent(() => import('../features/home/home-page'), 'HomePage'),
});

const dashboardRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/dashboard',
  validateSearch: (search: Record<string, unknown>) => DashboardSearch.parse(search),
  beforeLoad: requireUserManager,
}).lazy(() => chunks.dashboard().then((d) => d.Route));

const usersRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/users',
  validateSearch: (search: Record<string, unknown>) => UsersSearch.parse(search),
  beforeLoad: requireUserManager,
}).lazy(() => chunks.users().then((d) => d.Route));

const numbersRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/numbers',
  validateSearch: (search: Record<string, unknown>) => NumbersSearch.parse(search),
}).lazy(() => chunks.numbers().then((d) => d.Route));

const companiesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/companies',
  beforeLoad: ({ context }) => {
    if (!canManageCompanies(context.me)) throw redirect({ to: '/' });
  },
  component: lazyRouteComponent(() => import('../features/companies/companies-page'), 'CompaniesPage'),
});

const voiceServersRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/voice-servers',
  beforeLoad: ({ context }) => {
    if (!canManageVoiceServers(context.me)) throw redirect({ to: '/' });
  },
  component: lazyRouteComponent(() => import('../features/voice-servers/voice-servers-page'), 'VoiceServersPage'),
});

const scheduleRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/schedule',
  validateSearch: (search: Record<string, unknown>) => ScheduleSearch.parse(search),
  beforeLoad: requireUserManager,
}).lazy(() => chunks.schedule().then((d) => d.Route));

const dialerRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/dialer',
  validateSearch: (search: Record<string, unknown>) => DialerSearch.parse(search),
  beforeLoad: requireUserManager,
}).lazy(() => chunks.dialer().then((d) => d.Route));

const linesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/lines',
  component: lazyRouteComponent(() => import('../features/lines/lines-page'), 'LinesPage'),
});

const profileRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/profile',
  component: lazyRouteComponent(() => import('../features/profile/profile-page'), 'ProfilePage'),
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
    linesRoute,
    voiceServersRoute,
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

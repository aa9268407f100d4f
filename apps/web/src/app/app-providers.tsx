import { type ReactNode } from 'react';
import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider, type NavigateOptions, type RegisteredRouter, type ToOptions, type ToPathOption } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { I18nProvider, RouterProvider as AriaRouterProvider } from 'react-aria-components';
import { ToastProvider } from '../components/ui/toast';
import { onUnauthorized } from '../lib/api-client';
import { currentLanguage } from '../i18n/i18n-setup';
import { createQueryClient } from './query-client';
import { createAppRouter } from './router';

declare module 'react-aria-components' {
  interface RouterConfig {
    href: ToPathOption<RegisteredRouter, '/', undefined>;
    routerOptions: Omit<NavigateOptions, keyof ToOptions>;
  }
}

/** React Aria's own locale (number and date formats, direction for arrow keys): Persian uses the Iranian region. */
const ARIA_LOCALES = { fa: 'fa-IR', he: 'he-IL', en: 'en-US' } as const;

export type App = ReturnType<typeof createApp>;

export function createApp() {
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

function AriaLocale({ children }: { children: ReactNode }) {
  useTranslation(); // re-render when the language changes
  return <I18nProvider locale={ARIA_LOCALES[currentLanguage()]}>{children}</I18nProvider>;
}

export function AppProviders({ app }: { app: App }) {
  const { queryClient, router } = app;
  return (
    <QueryClientProvider client={queryClient}>
      <AriaLocale>
        {/* React Aria links and menu items navigate through TanStack Router, not a full page load. */}
        <AriaRouterProvider
          navigate={(to, options) => void router.navigate({ ...options, to })}
          useHref={(to) => router.buildLocation({ to }).href}
        >
          <ToastProvider>
            <RouterProvider router={router} />
          </ToastProvider>
        </AriaRouterProvider>
      </AriaLocale>
    </QueryClientProvider>
  );
}

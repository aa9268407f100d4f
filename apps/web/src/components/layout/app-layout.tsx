import { useEffect, useState, type ReactNode } from 'react';
import { useRouterState } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { Dialog, Modal, ModalOverlay } from 'react-aria-components';
import type { UserResponse } from '@dialdeck/contracts/auth';
import { Badge } from '../ui/badge';
import { CloseIcon, MenuIcon } from '../ui/icons';
import { LanguageSwitcher } from './language-switcher';
import { BrandMark, SidebarNav } from './sidebar-nav';
import { UserMenu } from './user-menu';

export interface AppLayoutProps {
  user: UserResponse;
  onLogout: () => void;
  children: ReactNode;
}

export function AppLayout({ user, onLogout, children }: AppLayoutProps) {
  const { t } = useTranslation();
  const [drawerOpen, setDrawerOpen] = useState(false);
  const pathname = useRouterState({ select: (state) => state.location.pathname });

  useEffect(() => setDrawerOpen(false), [pathname]);

  return (
    <div className="flex min-h-dvh bg-zinc-50/70">
      <a
        href="#main"
        className="sr-only z-50 rounded-md bg-white px-3 py-2 text-sm font-medium text-indigo-700 shadow focus:not-sr-only focus:fixed focus:start-3 focus:top-3"
      >
        {t('app.skipToContent')}
      </a>

      {/* React Aria's modal contains focus, closes on Escape or the backdrop and returns focus to the menu button. */}
      <ModalOverlay isOpen={drawerOpen} onOpenChange={setDrawerOpen} isDismissable className="fixed inset-0 z-40 bg-zinc-950/40 md:hidden">
        <Modal className="absolute inset-y-0 start-0 flex w-72 max-w-[85%] flex-col bg-white shadow-xl">
          <Dialog aria-label={t('nav.main')} className="flex h-full flex-col outline-none">
            <div className="flex h-16 items-center justify-between border-b border-zinc-100 px-5">
              <BrandMark />
              <button
                type="button"
                onClick={() => setDrawerOpen(false)}
                className="inline-flex size-9 cursor-pointer items-center justify-center rounded-md text-zinc-500 hover:bg-zinc-100"
              >
                <CloseIcon className="size-5" />
                <span className="sr-only">{t('nav.closeMenu')}</span>
              </button>
            </div>
            <div className="flex-1 overflow-y-auto px-3 py-4">
              <SidebarNav user={user} onNavigate={() => setDrawerOpen(false)} />
            </div>
          </Dialog>
        </Modal>
      </ModalOverlay>

      {/* The sidebar column stretches with the page; its content sticks to the viewport. */}
      <aside className="hidden w-64 shrink-0 border-e border-zinc-200 bg-white md:block">
        <div className="sticky top-0 flex h-dvh flex-col">
          <div className="flex h-16 shrink-0 items-center border-b border-zinc-100 px-5">
            <BrandMark />
          </div>
          <div className="flex-1 overflow-y-auto px-3 py-4">
            <SidebarNav user={user} />
          </div>
        </div>
      </aside>

      <div className="flex min-w-0 flex-1 flex-col">
        <header className="sticky top-0 z-10 flex h-16 items-center gap-3 border-b border-zinc-200 bg-white/90 px-4 backdrop-blur sm:px-6">
          <button
            type="button"
            onClick={() => setDrawerOpen(true)}
            aria-expanded={drawerOpen}
            className="inline-flex size-9 cursor-pointer items-center justify-center rounded-md text-zinc-600 hover:bg-zinc-100 md:hidden"
          >
            <MenuIcon className="size-5" />
            <span className="sr-only">{t('nav.openMenu')}</span>
          </button>
          <div className="flex min-w-0 flex-1 items-center gap-2">
            <p className="truncate text-sm font-semibold text-zinc-900" data-testid="company-name">
              {user.company.display_name}
            </p>
            {user.is_superuser ? (
              <Badge tone="accent" className="max-sm:hidden">
                {t('roles.superuser')}
              </Badge>
            ) : null}
          </div>
          <LanguageSwitcher />
          <div className="h-6 w-px bg-zinc-200" aria-hidden="true" />
          <UserMenu user={user} onLogout={onLogout} />
        </header>
        <main id="main" tabIndex={-1} className="mx-auto w-full max-w-7xl px-4 py-8 outline-none sm:px-6 lg:px-8">
          {children}
        </main>
      </div>
    </div>
  );
}

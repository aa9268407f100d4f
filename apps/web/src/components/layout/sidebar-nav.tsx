import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { UserResponse } from '@dialdeck/contracts/auth';
import { PhoneIcon } from '../ui/icons';
import { navItemsFor } from './nav-items';

export function BrandMark() {
  const { t } = useTranslation();
  return (
    <div className="flex items-center gap-2.5">
      <span className="flex size-8 items-center justify-center rounded-lg bg-indigo-600 text-white shadow-sm">
        <PhoneIcon className="size-4" />
      </span>
      <div className="leading-tight">
        <p className="text-sm font-semibold text-zinc-900">{t('app.name')}</p>
        <p className="text-xs text-zinc-500">{t('app.tagline')}</p>
      </div>
    </div>
  );
}

export function SidebarNav({ user, onNavigate }: { user: UserResponse; onNavigate?: () => void }) {
  const { t } = useTranslation();
  return (
    <nav aria-label={t('nav.main')} className="flex flex-col gap-1">
      {navItemsFor(user).map((item) => (
        <Link
          key={item.to}
          to={item.to}
          onClick={onNavigate}
          className="group flex items-center gap-3 rounded-md px-3 py-2 text-sm font-medium text-zinc-600 transition-colors hover:bg-zinc-100 hover:text-zinc-900 focus-visible:outline-2 focus-visible:outline-indigo-600 data-[status=active]:bg-indigo-50 data-[status=active]:text-indigo-700"
        >
          <item.icon className="size-4.5 shrink-0 text-zinc-400 group-hover:text-zinc-600 group-data-[status=active]:text-indigo-600" />
          {t(item.labelKey)}
        </Link>
      ))}
    </nav>
  );
}

import { useTranslation } from 'react-i18next';
import { Button, Menu, MenuItem, MenuTrigger, Popover } from 'react-aria-components';
import type { UserResponse } from '@dialdeck/contracts/auth';
import { displayName } from '../../lib/session';
import { ChevronDownIcon, LogoutIcon, UserIcon } from '../ui/icons';
import { LtrText } from '../ui/ltr-text';

function initials(user: UserResponse): string {
  const name = displayName(user);
  const parts = name.split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? [parts[0]?.[0], parts[1]?.[0]] : [name[0], name[1]];
  return letters.filter(Boolean).join('').toUpperCase();
}

const itemClass =
  'flex cursor-pointer items-center gap-2 rounded-md px-3 py-2 text-start text-sm text-zinc-700 outline-none data-[focused]:bg-zinc-100 data-[hovered]:bg-zinc-100';

/** An ARIA menu from React Aria: Enter, Space or the arrow keys open it, arrows move, Escape closes. */
export function UserMenu({ user, onLogout }: { user: UserResponse; onLogout: () => void }) {
  const { t } = useTranslation();
  const name = displayName(user);
  const roleLabel = user.is_superuser ? t('roles.superuser') : t(`roles.${user.role}`);

  return (
    <MenuTrigger>
      <Button
        aria-label={t('header.userMenu', { name })}
        className="flex cursor-pointer items-center gap-2 rounded-md py-1 ps-1 pe-2 text-start outline-none hover:bg-zinc-100 data-[focus-visible]:outline-2 data-[focus-visible]:outline-indigo-600"
      >
        <span
          aria-hidden="true"
          className="flex size-8 items-center justify-center rounded-full bg-indigo-100 text-xs font-semibold text-indigo-700"
        >
          {initials(user)}
        </span>
        <span className="hidden leading-tight sm:block">
          <span className="block max-w-40 truncate text-sm font-medium text-zinc-900">{name}</span>
          <span className="block text-xs text-zinc-500">{roleLabel}</span>
        </span>
        <ChevronDownIcon className="size-4 text-zinc-400" />
      </Button>
      <Popover placement="bottom end" className="w-60 overflow-hidden rounded-lg border border-zinc-200 bg-white shadow-lg outline-none">
        <div className="border-b border-zinc-100 px-4 py-3">
          <p className="text-xs text-zinc-500">{t('header.signedInAs')}</p>
          <p className="truncate text-sm font-medium text-zinc-900">
            <LtrText>{user.username}</LtrText>
          </p>
        </div>
        <Menu aria-label={t('header.userMenu', { name })} className="p-1 outline-none">
          <MenuItem href="/profile" className={itemClass}>
            <UserIcon className="size-4 text-zinc-400" />
            {t('nav.profile')}
          </MenuItem>
          <MenuItem onAction={onLogout} className={itemClass}>
            <LogoutIcon className="size-4 text-zinc-400 rtl:-scale-x-100" />
            {t('header.logout')}
          </MenuItem>
        </Menu>
      </Popover>
    </MenuTrigger>
  );
}

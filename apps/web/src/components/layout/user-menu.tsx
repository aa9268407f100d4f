import { useEffect, useId, useRef, useState } from 'react';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
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

/** A disclosure, not an ARIA menu: plain links and buttons, Tab to move, Escape to close. */
export function UserMenu({ user, onLogout }: { user: UserResponse; onLogout: () => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelId = useId();
  const name = displayName(user);
  const roleLabel = user.is_superuser ? t('roles.superuser') : t(`roles.${user.role}`);

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: MouseEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        setOpen(false);
        buttonRef.current?.focus();
      }
    };
    document.addEventListener('mousedown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  return (
    <div
      ref={rootRef}
      className="relative"
      onBlur={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setOpen(false);
      }}
    >
      <button
        ref={buttonRef}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={t('header.userMenu', { name })}
        onClick={() => setOpen((value) => !value)}
        className="flex cursor-pointer items-center gap-2 rounded-md py-1 ps-1 pe-2 text-start hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-indigo-600"
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
      </button>
      {open ? (
        <div
          id={panelId}
          className="absolute end-0 top-full z-30 mt-2 w-60 overflow-hidden rounded-lg border border-zinc-200 bg-white shadow-lg"
        >
          <div className="border-b border-zinc-100 px-4 py-3">
            <p className="text-xs text-zinc-500">{t('header.signedInAs')}</p>
            <p className="truncate text-sm font-medium text-zinc-900">
              <LtrText>{user.username}</LtrText>
            </p>
          </div>
          <div className="p-1">
            <Link
              to="/profile"
              onClick={() => setOpen(false)}
              className="flex items-center gap-2 rounded-md px-3 py-2 text-sm text-zinc-700 hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-indigo-600"
            >
              <UserIcon className="size-4 text-zinc-400" />
              {t('nav.profile')}
            </Link>
            <button
              type="button"
              onClick={() => {
                setOpen(false);
                onLogout();
              }}
              className="flex w-full cursor-pointer items-center gap-2 rounded-md px-3 py-2 text-start text-sm text-zinc-700 hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-indigo-600"
            >
              <LogoutIcon className="size-4 text-zinc-400 rtl:-scale-x-100" />
              {t('header.logout')}
            </button>
          </div>
        </div>
      ) : null}
    </div>
  );
}

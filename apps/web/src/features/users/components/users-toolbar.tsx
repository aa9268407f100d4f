import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CompanyResponse } from '@dialdeck/contracts/companies';
import type { Role } from '@dialdeck/contracts/common';
import { Button } from '../../../components/ui/button';
import { CompanyPicker } from '../../../components/layout/company-picker';
import { CompactSelect } from '../../../components/ui/form-field';
import { SearchIcon } from '../../../components/ui/icons';

export interface UsersToolbarProps {
  search: string;
  role: Role | undefined;
  onSearch: (search: string) => void;
  onRole: (role: Role | undefined) => void;
  onClear: () => void;
  /** Only for a superuser: the company whose users are shown. */
  companies?: CompanyResponse[];
  company?: string;
  onCompany?: (slug: string) => void;
}

const SEARCH_DELAY_MS = 300;

export function UsersToolbar({ search, role, onSearch, onRole, onClear, companies, company, onCompany }: UsersToolbarProps) {
  const { t } = useTranslation();
  const searchId = useId();
  const [text, setText] = useState(search);
  const sent = useRef(search);

  // The URL is the source of truth; follow it when it changes elsewhere (clear
  // filters, back button), but not when it merely echoes what was typed, which
  // would drop keys pressed while the navigation ran.
  useEffect(() => {
    if (search !== sent.current) {
      sent.current = search;
      setText(search);
    }
  }, [search]);

  const submit = (value: string) => {
    sent.current = value;
    onSearch(value);
  };

  useEffect(() => {
    const value = text.trim();
    if (value === sent.current) return;
    const timer = window.setTimeout(() => {
      sent.current = value;
      onSearch(value);
    }, SEARCH_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [text, onSearch]);

  const filtered = Boolean(search) || Boolean(role);

  return (
    <div className="flex flex-wrap items-center gap-3 border-b border-zinc-200 px-4 py-3">
      {companies && onCompany && company ? (
        <CompanyPicker label={t('users.companyLabel')} companies={companies} value={company} onChange={onCompany} keepUnknown={false} />
      ) : null}
      <div className="relative min-w-56 flex-1 sm:max-w-xs">
        <label htmlFor={searchId} className="sr-only">
          {t('users.searchLabel')}
        </label>
        <SearchIcon className="pointer-events-none absolute start-3 top-1/2 size-4 -translate-y-1/2 text-zinc-400" />
        <input
          id={searchId}
          type="search"
          value={text}
          placeholder={t('users.searchPlaceholder')}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') submit(text.trim());
          }}
          className="block h-9 w-full rounded-md border border-zinc-300 bg-white ps-9 pe-3 text-sm shadow-sm placeholder:text-zinc-400 focus:outline-2 focus:-outline-offset-1 focus:outline-indigo-600"
        />
      </div>
      <CompactSelect
        label={t('users.roleFilter')}
        value={role ?? ''}
        onChange={(e) => onRole(e.target.value === 'ADMIN' || e.target.value === 'AGENT' ? e.target.value : undefined)}
      >
        <option value="">{t('users.allRoles')}</option>
        <option value="ADMIN">{t('roles.ADMIN')}</option>
        <option value="AGENT">{t('roles.AGENT')}</option>
      </CompactSelect>
      {filtered ? (
        <Button variant="ghost" size="sm" onClick={onClear}>
          {t('users.clearFilters')}
        </Button>
      ) : null}
    </div>
  );
}

import { useTranslation } from 'react-i18next';
import type { CompanyResponse } from '@dialdeck/contracts/companies';
import type { Role } from '@dialdeck/contracts/common';
import { Button } from '../../../components/ui/button';
import { CompanyPicker } from '../../../components/layout/company-picker';
import { CompactSelect } from '../../../components/ui/form-field';
import { SearchBox } from '../../../components/ui/search-box';
import { useSearchText } from '../../../lib/use-search-text';

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

const trimmed = (text: string) => text.trim();

export function UsersToolbar({ search, role, onSearch, onRole, onClear, companies, company, onCompany }: UsersToolbarProps) {
  const { t } = useTranslation();
  const { text, setText, submit } = useSearchText(search, trimmed, onSearch);

  const filtered = Boolean(search) || Boolean(role);

  return (
    <div className="flex flex-wrap items-center gap-3 border-b border-zinc-200 px-4 py-3">
      {companies && onCompany && company ? (
        <CompanyPicker label={t('users.companyLabel')} companies={companies} value={company} onChange={onCompany} keepUnknown={false} />
      ) : null}
      <SearchBox
        label={t('users.searchLabel')}
        className="min-w-56 flex-1 sm:max-w-xs"
        value={text}
        placeholder={t('users.searchPlaceholder')}
        onValue={setText}
        onSubmit={submit}
      />
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

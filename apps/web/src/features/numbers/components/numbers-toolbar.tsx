import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserResponse } from '@dialdeck/contracts/auth';
import type { Calendar } from '@dialdeck/contracts/common';
import type { CompanyResponse } from '@dialdeck/contracts/companies';
import { CALL_STATUSES, CallStatus } from '@dialdeck/contracts/numbers';
import { Button } from '../../../components/ui/button';
import { CompanyOptions } from '../../../components/layout/company-options';
import { DateRangeField } from '../../../components/ui/date-range-field';
import { CompactSelect } from '../../../components/ui/form-field';
import { SearchBox } from '../../../components/ui/search-box';
import { toAsciiDigits } from '../../../lib/digits';
import { displayName } from '../../../lib/session';
import { useSearchText } from '../../../lib/use-search-text';
import { hasFilters, type NumbersSearch } from '../numbers-search';

export interface NumbersToolbarProps {
  search: NumbersSearch;
  onChange: (patch: Partial<NumbersSearch>) => void;
  onClear: () => void;
  /** The agent filter's choices; undefined hides the filter (agents see only their own numbers). */
  agents: UserResponse[] | undefined;
  /** The calendar of the company on screen (a superuser may look at another one's); default: the user's own. */
  companyCalendar?: Calendar;
  /** Only for a superuser: whose view of the pool is shown (company=<slug>). */
  companies?: CompanyResponse[];
  company?: string;
  onCompany?: (slug: string) => void;
}

/** What the server searches: ASCII digits with an optional leading +; nothing when no digit was typed. */
export function phoneSearchValue(text: string): string | undefined {
  const cleaned = toAsciiDigits(text)
    .replace(/[^\d+]/g, '')
    .replace(/(?!^)\+/g, '');
  return /\d/.test(cleaned) ? cleaned.slice(0, 32) : undefined;
}

const searchValue = (text: string) => phoneSearchValue(text) ?? '';

export function NumbersToolbar({ search, onChange, onClear, agents, companyCalendar, companies, company, onCompany }: NumbersToolbarProps) {
  const { t } = useTranslation();
  const onSearch = useCallback((value: string) => onChange({ search: value || undefined }), [onChange]);
  const { text, setText, submit } = useSearchText(search.search ?? '', searchValue, onSearch);

  const agentChoices = useMemo(
    () => (agents ? [...agents].sort((a, b) => displayName(a).localeCompare(displayName(b))) : undefined),
    [agents],
  );
  const typedNoDigits = text.trim() !== '' && phoneSearchValue(text) === undefined;

  return (
    <div
      role="search"
      aria-label={t('numbers.filters.label')}
      className="flex flex-wrap items-end gap-x-3 gap-y-3 border-b border-zinc-200 px-4 py-3"
    >
      {companies && onCompany ? (
        <CompactSelect label={t('users.companyLabel')} value={company} onChange={(e) => onCompany(e.target.value)} className="max-w-52">
          <CompanyOptions companies={companies} />
        </CompactSelect>
      ) : null}
      <SearchBox
        label={t('numbers.filters.search')}
        className="w-full min-w-44 sm:w-48"
        inputMode="tel"
        value={text}
        placeholder={t('numbers.filters.searchPlaceholder')}
        aria-invalid={typedNoDigits || undefined}
        title={typedNoDigits ? t('numbers.filters.searchHint') : undefined}
        onValue={setText}
        onSubmit={submit}
      />

      <CompactSelect
        label={t('numbers.filters.status')}
        value={search.status ?? ''}
        onChange={(e) => {
          const parsed = CallStatus.safeParse(e.target.value);
          onChange({ status: parsed.success ? parsed.data : undefined });
        }}
      >
        <option value="">{t('numbers.filters.allStatuses')}</option>
        {CALL_STATUSES.map((status) => (
          <option key={status} value={status}>
            {t(`numbers.statuses.${status}`)}
          </option>
        ))}
      </CompactSelect>

      {agentChoices ? (
        <CompactSelect
          label={t('numbers.filters.agent')}
          value={search.agent_id ? String(search.agent_id) : ''}
          onChange={(e) => onChange({ agent_id: e.target.value ? Number(e.target.value) : undefined })}
          className="max-w-52"
        >
          <option value="">{t('numbers.filters.allAgents')}</option>
          {agentChoices.map((agent) => (
            <option key={agent.id} value={agent.id}>
              {displayName(agent)}
            </option>
          ))}
        </CompactSelect>
      ) : null}

      <DateRangeField
        label={t('numbers.filters.dates')}
        value={{ start: search.start_date, end: search.end_date }}
        onChange={({ start, end }) => onChange({ start_date: start, end_date: end })}
        companyCalendar={companyCalendar}
      />

      {hasFilters(search) ? (
        <Button variant="ghost" size="sm" onClick={onClear} className="h-9">
          {t('numbers.filters.clear')}
        </Button>
      ) : null}
    </div>
  );
}

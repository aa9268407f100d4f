import { useCallback, useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserResponse } from '@dialdeck/contracts/auth';
import type { CompanyResponse } from '@dialdeck/contracts/companies';
import { CALL_STATUSES, CallStatus } from '@dialdeck/contracts/numbers';
import { Button } from '../../../components/ui/button';
import { CompanyOptions } from '../../../components/layout/company-options';
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
  /** The UI language: Persian readers also get the Jalali reading of the chosen dates. */
  language: string;
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

const jalaliFormat = new Intl.DateTimeFormat('fa-IR-u-ca-persian', { dateStyle: 'medium', timeZone: 'UTC' });

/** "2025-09-14" (a calendar day, no time zone) read in the Persian calendar: "۲۳ شهریور ۱۴۰۴". */
export function jalaliReading(isoDate: string | undefined): string | undefined {
  if (!isoDate) return undefined;
  const [y, m, d] = isoDate.split('-').map(Number);
  if (!y || !m || !d) return undefined;
  return jalaliFormat.format(new Date(Date.UTC(y, m - 1, d)));
}

export function NumbersToolbar({ search, onChange, onClear, agents, language, companies, company, onCompany }: NumbersToolbarProps) {
  const { t } = useTranslation();
  const onSearch = useCallback((value: string) => onChange({ search: value || undefined }), [onChange]);
  const { text, setText, submit } = useSearchText(search.search ?? '', searchValue, onSearch);

  const agentChoices = useMemo(
    () => (agents ? [...agents].sort((a, b) => displayName(a).localeCompare(displayName(b))) : undefined),
    [agents],
  );
  const typedNoDigits = text.trim() !== '' && phoneSearchValue(text) === undefined;
  const persian = language === 'fa';

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

      <fieldset className="flex flex-wrap items-center gap-2">
        <legend className="sr-only">{t('numbers.filters.dates')}</legend>
        <span aria-hidden="true" className="text-sm text-zinc-500">
          {t('numbers.filters.dates')}
        </span>
        <DateInput end="from" search={search} persian={persian} onChange={onChange} />
        <DateInput end="to" search={search} persian={persian} onChange={onChange} />
      </fieldset>

      {hasFilters(search) ? (
        <Button variant="ghost" size="sm" onClick={onClear} className="h-9">
          {t('numbers.filters.clear')}
        </Button>
      ) : null}
    </div>
  );
}

interface DateInputProps {
  /** Which end of the date range: from sets start_date (up to end_date), to sets end_date (from start_date). */
  end: 'from' | 'to';
  search: NumbersSearch;
  persian: boolean;
  onChange: (patch: Partial<NumbersSearch>) => void;
}

/** A native date input (its picker is Gregorian); in Persian the chosen day is also shown in the Jalali calendar. */
function DateInput({ end, search, persian, onChange }: DateInputProps) {
  const { t } = useTranslation();
  const id = useId();
  const key = end === 'from' ? 'start_date' : 'end_date';
  const value = search[key];
  const min = end === 'to' ? search.start_date : undefined;
  const max = end === 'from' ? search.end_date : undefined;
  const jalali = persian ? jalaliReading(value) : undefined;
  const jalaliLabel = jalali ? t('numbers.filters.jalali', { date: jalali }) : undefined;
  return (
    <div className="flex items-center gap-1.5">
      <label htmlFor={id} className="text-sm text-zinc-600">
        {t(`numbers.filters.${end}`)}
      </label>
      <input
        id={id}
        type="date"
        dir="ltr"
        value={value ?? ''}
        min={min}
        max={max}
        aria-describedby={jalali ? `${id}-jalali` : undefined}
        onChange={(e) => onChange({ [key]: e.target.value || undefined })}
        className="h-9 rounded-md border border-zinc-300 bg-white px-2 text-sm text-zinc-900 shadow-sm focus:outline-2 focus:-outline-offset-1 focus:outline-indigo-600"
      />
      {jalali ? (
        <span
          id={`${id}-jalali`}
          aria-label={jalaliLabel}
          className="rounded bg-indigo-50 px-1.5 py-0.5 text-xs whitespace-nowrap text-indigo-700"
          data-testid="jalali-date"
        >
          {jalali}
        </span>
      ) : null}
    </div>
  );
}

import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserResponse } from '@dialdeck/contracts/auth';
import type { CompanyResponse } from '@dialdeck/contracts/companies';
import { CALL_STATUSES, CallStatus } from '@dialdeck/contracts/numbers';
import { Button } from '../../../components/ui/button';
import { CompanyOptions } from '../../../components/layout/company-options';
import { CompactSelect } from '../../../components/ui/form-field';
import { SearchIcon } from '../../../components/ui/icons';
import { toAsciiDigits } from '../../../lib/digits';
import { displayName } from '../../../lib/session';
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

const SEARCH_DELAY_MS = 300;

/** What the server searches: ASCII digits with an optional leading +; nothing when no digit was typed. */
export function phoneSearchValue(text: string): string | undefined {
  const cleaned = toAsciiDigits(text)
    .replace(/[^\d+]/g, '')
    .replace(/(?!^)\+/g, '');
  return /\d/.test(cleaned) ? cleaned.slice(0, 32) : undefined;
}

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
  const searchId = useId();
  const fromId = useId();
  const toId = useId();
  const urlSearch = search.search ?? '';
  const [text, setText] = useState(urlSearch);
  const sent = useRef(urlSearch);

  // The URL is the source of truth; follow it when it changes elsewhere (clear
  // filters, back button), but not when it echoes what was typed.
  useEffect(() => {
    if (urlSearch !== sent.current) {
      sent.current = urlSearch;
      setText(urlSearch);
    }
  }, [urlSearch]);

  useEffect(() => {
    const value = phoneSearchValue(text) ?? '';
    if (value === sent.current) return;
    const timer = window.setTimeout(() => {
      sent.current = value;
      onChange({ search: value || undefined });
    }, SEARCH_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [text, onChange]);

  const agentChoices = useMemo(
    () => (agents ? [...agents].sort((a, b) => displayName(a).localeCompare(displayName(b))) : undefined),
    [agents],
  );
  const typedNoDigits = text.trim() !== '' && phoneSearchValue(text) === undefined;
  const fromJalali = language === 'fa' ? jalaliReading(search.start_date) : undefined;
  const toJalali = language === 'fa' ? jalaliReading(search.end_date) : undefined;

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
      <div className="relative w-full min-w-44 sm:w-48">
        <label htmlFor={searchId} className="sr-only">
          {t('numbers.filters.search')}
        </label>
        <SearchIcon className="pointer-events-none absolute start-3 top-1/2 size-4 -translate-y-1/2 text-zinc-400" />
        <input
          id={searchId}
          type="search"
          inputMode="tel"
          value={text}
          placeholder={t('numbers.filters.searchPlaceholder')}
          aria-invalid={typedNoDigits || undefined}
          title={typedNoDigits ? t('numbers.filters.searchHint') : undefined}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              const value = phoneSearchValue(text) ?? '';
              sent.current = value;
              onChange({ search: value || undefined });
            }
          }}
          className="block h-9 w-full rounded-md border border-zinc-300 bg-white ps-9 pe-3 text-sm shadow-sm placeholder:text-zinc-400 focus:outline-2 focus:-outline-offset-1 focus:outline-indigo-600 aria-invalid:border-amber-400"
        />
      </div>

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
        <DateInput
          id={fromId}
          label={t('numbers.filters.from')}
          value={search.start_date}
          max={search.end_date}
          jalali={fromJalali}
          jalaliLabel={fromJalali ? t('numbers.filters.jalali', { date: fromJalali }) : undefined}
          onChange={(value) => onChange({ start_date: value })}
        />
        <DateInput
          id={toId}
          label={t('numbers.filters.to')}
          value={search.end_date}
          min={search.start_date}
          jalali={toJalali}
          jalaliLabel={toJalali ? t('numbers.filters.jalali', { date: toJalali }) : undefined}
          onChange={(value) => onChange({ end_date: value })}
        />
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
  id: string;
  label: string;
  value: string | undefined;
  min?: string;
  max?: string;
  jalali: string | undefined;
  jalaliLabel: string | undefined;
  onChange: (value: string | undefined) => void;
}

/** A native date input (its picker is Gregorian); in Persian the chosen day is also shown in the Jalali calendar. */
function DateInput({ id, label, value, min, max, jalali, jalaliLabel, onChange }: DateInputProps) {
  return (
    <div className="flex items-center gap-1.5">
      <label htmlFor={id} className="text-sm text-zinc-600">
        {label}
      </label>
      <input
        id={id}
        type="date"
        dir="ltr"
        value={value ?? ''}
        min={min}
        max={max}
        aria-describedby={jalali ? `${id}-jalali` : undefined}
        onChange={(e) => onChange(e.target.value || undefined)}
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

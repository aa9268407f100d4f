import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { AddNumbersResponse } from '@dialdeck/contracts/numbers';
import { LtrText } from '../../../components/ui/ltr-text';
import { cn } from '../../../lib/cn';
import type { Formatters } from '../../../lib/use-format';

/** The server gives reasons in English; these are the ones it uses (apps/api lib/phone.ts). */
const REASONS = {
  empty: 'empty',
  'contains letters': 'letters',
  'contains characters that are not digits': 'notDigits',
  'too short': 'tooShort',
  'too long': 'tooLong',
  'not a phone number': 'notPhone',
  'not a valid number for its region': 'invalidForRegion',
} as const;

function reasonText(reason: string, t: TFunction): string {
  const key = REASONS[reason as keyof typeof REASONS];
  return key ? t(`numbers.import.reasons.${key}`) : reason;
}

/** What an import did: added / duplicates / invalid, and the invalid values with their line and reason. */
export function ImportSummary({ result, format }: { result: AddNumbersResponse; format: Formatters }) {
  const { t } = useTranslation();
  const headingId = useId();
  const tiles = [
    { key: 'added', label: t('numbers.import.added'), value: result.added, tone: 'border-emerald-200 bg-emerald-50 text-emerald-800' },
    {
      key: 'duplicates',
      label: t('numbers.import.duplicates'),
      value: result.duplicates,
      tone: 'border-zinc-200 bg-zinc-50 text-zinc-800',
    },
    {
      key: 'invalid',
      label: t('numbers.import.invalid'),
      value: result.invalid,
      tone: result.invalid > 0 ? 'border-red-200 bg-red-50 text-red-800' : 'border-zinc-200 bg-zinc-50 text-zinc-800',
    },
  ];

  return (
    <section aria-label={t('numbers.import.summary')} className="space-y-4">
      <dl className="grid grid-cols-3 gap-3" data-testid="import-summary">
        {tiles.map((tile) => (
          <div key={tile.key} className={cn('rounded-lg border px-3 py-2.5', tile.tone)} data-testid={`import-${tile.key}`}>
            <dt className="text-xs font-medium opacity-80">{tile.label}</dt>
            <dd className="mt-0.5 text-xl font-semibold tabular-nums">{format.number(tile.value)}</dd>
          </div>
        ))}
      </dl>
      {result.errors.length > 0 ? (
        <div className="space-y-2">
          <h3 id={headingId} className="text-sm font-semibold text-zinc-900">
            {t('numbers.import.invalidTitle')}
          </h3>
          <div className="max-h-60 overflow-auto rounded-md border border-zinc-200">
            <table aria-labelledby={headingId} className="w-full border-collapse text-sm">
              <thead className="sticky top-0 bg-zinc-50">
                <tr className="border-b border-zinc-200">
                  <th scope="col" className="w-16 px-3 py-2 text-start text-xs font-medium text-zinc-500">
                    {t('numbers.import.line')}
                  </th>
                  <th scope="col" className="px-3 py-2 text-start text-xs font-medium text-zinc-500">
                    {t('numbers.import.value')}
                  </th>
                  <th scope="col" className="px-3 py-2 text-start text-xs font-medium text-zinc-500">
                    {t('numbers.import.reason')}
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-zinc-100">
                {result.errors.map((error, i) => (
                  <tr key={i}>
                    <td className="px-3 py-1.5 text-zinc-500 tabular-nums">
                      {error.line === undefined ? t('common.none') : format.number(error.line)}
                    </td>
                    <td className="max-w-48 truncate px-3 py-1.5 font-mono text-xs text-zinc-900" title={error.value}>
                      <LtrText>{error.value === '' ? '""' : error.value}</LtrText>
                    </td>
                    <td className="px-3 py-1.5 text-zinc-700">{reasonText(error.reason, t)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {result.invalid > result.errors.length ? (
            <p className="text-xs text-zinc-500">
              {t('numbers.import.truncated', { shown: format.number(result.errors.length), total: format.number(result.invalid) })}
            </p>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AttemptsSummaryResponse, NumbersSummaryResponse } from '@dialdeck/contracts/stats';
import { Card } from '../../../components/ui/card';
import { Spinner } from '../../../components/ui/spinner';
import type { Formatters } from '../../../lib/use-format';
import { numbersDrill } from '../drill-down';
import { NumbersLink } from './numbers-link';

export interface KpiCardsProps {
  pool: NumbersSummaryResponse | undefined;
  numbersToday: NumbersSummaryResponse | undefined;
  attemptsToday: AttemptsSummaryResponse | undefined;
  campaignId: number | undefined;
  company: string | undefined;
  format: Formatters;
}

/** A money amount in the company's currency, in the reader's digits; an unknown code is shown beside the number. */
export function formatMoney(amount: number, currency: string, locale: string): string {
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(amount);
  } catch {
    return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(amount)} ${currency}`;
  }
}

function Kpi({ label, value, hint, testId }: { label: string; value: ReactNode; hint?: ReactNode; testId: string }) {
  return (
    <Card className="px-5 py-4">
      <div data-testid={testId} aria-busy={value === undefined ? true : undefined}>
        <p className="text-sm font-medium text-zinc-600">{label}</p>
        <p className="mt-1 text-2xl font-semibold tracking-tight text-zinc-900 tabular-nums" data-testid={`${testId}-value`}>
          {value ?? <Spinner className="size-5 text-indigo-600" />}
        </p>
        {hint ? <p className="mt-1 text-xs text-zinc-600">{hint}</p> : null}
      </div>
    </Card>
  );
}

/**
 * Today's headline figures. Pool size and in-queue count numbers, so they open the list
 * they count. Attempts are calls, not numbers: their cards link instead to the numbers
 * whose status a call set today, with that count written out, so the list matches it.
 */
export function KpiCards({ pool, numbersToday, attemptsToday, campaignId, company, format }: KpiCardsProps) {
  const { t } = useTranslation();
  const inQueue = pool?.by_status.find((s) => s.status === 'IN_QUEUE')?.count ?? 0;
  const connectedNumbers = numbersToday?.by_status.find((s) => s.status === 'CONNECTED')?.count ?? 0;
  const attempts = attemptsToday?.total;
  const connected = attemptsToday?.cost.connected;
  const rate = attemptsToday && attemptsToday.total > 0 ? attemptsToday.cost.connected / attemptsToday.total : undefined;
  const percent1 = new Intl.NumberFormat(format.locale, { style: 'percent', maximumFractionDigits: 1 });
  const scope = { campaignId, company };

  return (
    <div className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-6">
      <Kpi
        testId="kpi-pool"
        label={t('dashboard.kpi.poolSize')}
        value={pool ? <NumbersLink drill={numbersDrill('all', pool.as_of, scope)}>{format.number(pool.total)}</NumbersLink> : undefined}
        hint={campaignId !== undefined ? t('dashboard.kpi.poolCampaignHint') : t('dashboard.kpi.poolHint')}
      />
      <Kpi
        testId="kpi-in-queue"
        label={t('dashboard.kpi.inQueue')}
        value={
          pool ? (
            <NumbersLink drill={numbersDrill('all', pool.as_of, { ...scope, status: 'IN_QUEUE' })}>{format.number(inQueue)}</NumbersLink>
          ) : undefined
        }
        hint={t('dashboard.kpi.inQueueHint')}
      />
      <Kpi
        testId="kpi-attempts-today"
        label={t('dashboard.kpi.attemptsToday')}
        value={attempts !== undefined ? format.number(attempts) : undefined}
        hint={
          numbersToday ? (
            <NumbersLink drill={numbersDrill('today', numbersToday.as_of, scope)}>
              {t('dashboard.kpi.numbersToday', { count: numbersToday.total, n: format.number(numbersToday.total) })}
            </NumbersLink>
          ) : null
        }
      />
      <Kpi
        testId="kpi-connected-today"
        label={t('dashboard.kpi.connectedToday')}
        value={connected !== undefined ? format.number(connected) : undefined}
        hint={
          numbersToday ? (
            <NumbersLink drill={numbersDrill('today', numbersToday.as_of, { ...scope, status: 'CONNECTED' })}>
              {t('dashboard.kpi.connectedNumbers', { count: connectedNumbers, n: format.number(connectedNumbers) })}
            </NumbersLink>
          ) : null
        }
      />
      <Kpi
        testId="kpi-connect-rate"
        label={t('dashboard.kpi.connectRate')}
        value={attemptsToday ? (rate === undefined ? t('common.none') : percent1.format(rate)) : undefined}
        hint={
          attemptsToday
            ? t('dashboard.kpi.rateHint', {
                connected: format.number(attemptsToday.cost.connected),
                total: format.number(attemptsToday.total),
              })
            : null
        }
      />
      <Kpi
        testId="kpi-cost-today"
        label={t('dashboard.kpi.costToday')}
        value={attemptsToday ? formatMoney(attemptsToday.cost.total, attemptsToday.cost.currency, format.locale) : undefined}
        hint={
          attemptsToday
            ? t('dashboard.kpi.costHint', {
                per: formatMoney(attemptsToday.cost.cost_per_connected, attemptsToday.cost.currency, format.locale),
              })
            : null
        }
      />
    </div>
  );
}

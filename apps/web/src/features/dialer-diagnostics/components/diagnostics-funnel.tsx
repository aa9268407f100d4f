import { useTranslation } from 'react-i18next';
import type { DiagnosticsResponse } from '@dialdeck/contracts/dialer';
import { cn } from '../../../lib/cn';
import type { Formatters } from '../../../lib/use-format';
import { removedCount, shareText } from '../funnel-format';
import { funnelSteps, type StepKey } from '../funnel-steps';

const barTone: Record<StepKey, string> = {
  total: 'bg-indigo-500',
  globally_blocked: 'bg-red-500',
  cooling_down: 'bg-amber-500',
  called_by_company: 'bg-sky-500',
  locked: 'bg-violet-500',
  outside_campaign: 'bg-zinc-400',
  available: 'bg-emerald-500',
};

/** Bars grow from the inline start (logical insets), so the funnel mirrors in RTL. */
export function DiagnosticsFunnel({
  data,
  format,
  campaignChosen,
}: {
  data: DiagnosticsResponse;
  format: Formatters;
  campaignChosen: boolean;
}) {
  const { t } = useTranslation();
  const { steps } = funnelSteps(data);
  const share = (ratio: number) => {
    const s = shareText(ratio, format.locale);
    if (s.bound === 'less') return t('diagnostics.lessThan', { value: s.value });
    if (s.bound === 'more') return t('diagnostics.moreThan', { value: s.value });
    return s.value;
  };

  return (
    <div className="min-w-0 space-y-3">
      {data.total === 0 ? (
        <p className="rounded-md bg-zinc-50 px-3 py-2 text-sm text-zinc-600">{t('dialer.diagnostics.emptyPool')}</p>
      ) : null}
      <ol aria-label={t('dialer.diagnostics.funnelLabel')} className="space-y-3">
        {steps.map((step) => {
          const exclusion = step.key !== 'total' && step.key !== 'available';
          const idle = step.key === 'outside_campaign' && !campaignChosen && step.count === 0;
          return (
            <li
              key={step.key}
              data-testid={`diagnostics-${step.key}`}
              data-idle={idle || undefined}
              // Greyed by colour, never by opacity: the text keeps its contrast (axe), only the bar fades.
              className="grid gap-x-4 gap-y-1 sm:grid-cols-[14rem_1fr]"
            >
              <div className="min-w-0">
                <p
                  className={cn(
                    'text-sm font-medium',
                    step.key === 'available' ? 'text-emerald-800' : idle ? 'text-zinc-600' : 'text-zinc-900',
                  )}
                >
                  {t(`dialer.diagnostics.steps.${step.key}`)}
                </p>
                <p className="text-xs text-zinc-600">{t(`dialer.diagnostics.hints.${step.key}`)}</p>
              </div>
              <div className="flex min-w-0 items-center gap-3">
                <div aria-hidden="true" className="relative h-5 min-w-0 flex-1 overflow-hidden rounded bg-zinc-100">
                  {exclusion && step.remaining !== undefined ? (
                    <div
                      className="absolute inset-y-0 rounded-s bg-indigo-100"
                      style={{ insetInlineStart: 0, width: `${step.remaining * 100}%` }}
                    />
                  ) : null}
                  <div
                    className={cn('absolute inset-y-0 rounded', barTone[step.key], idle && 'opacity-40')}
                    style={{
                      insetInlineStart: `${step.from * 100}%`,
                      width: `${Math.max(0, step.to - step.from) * 100}%`,
                      minWidth: step.count > 0 ? 2 : 0,
                    }}
                  />
                </div>
                <p className="w-36 shrink-0 text-end text-sm tabular-nums">
                  <span
                    data-testid="diagnostics-count"
                    className={cn('font-semibold', step.key === 'available' ? 'text-emerald-700' : 'text-zinc-900')}
                  >
                    {/* An LTR isolate: in RTL the sign would otherwise land after the digits ("۱-"). */}
                    <bdi dir="ltr">{exclusion ? removedCount(step.count, format.locale) : format.number(step.count)}</bdi>
                  </span>
                  <span className="ms-1.5 text-xs text-zinc-600" data-testid="diagnostics-share">
                    ({share(step.share)})
                  </span>
                </p>
              </div>
            </li>
          );
        })}
      </ol>
    </div>
  );
}

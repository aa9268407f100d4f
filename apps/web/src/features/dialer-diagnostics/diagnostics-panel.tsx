import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/ui/alert';
import { Button } from '../../components/ui/button';
import { Card } from '../../components/ui/card';
import { FunnelIcon, RefreshIcon } from '../../components/ui/icons';
import { LoadError } from '../../components/ui/load-error';
import { Spinner } from '../../components/ui/spinner';
import { ApiError } from '../../lib/api-client';
import { formatInZone } from '../../lib/calendar-dates';
import type { Formatters } from '../../lib/use-format';
import { useDiagnostics } from './api/get-diagnostics';
import { CampaignPicker } from './components/campaign-picker';
import { DiagnosticsFunnel } from './components/diagnostics-funnel';
import { ScheduleVerdict } from './components/schedule-verdict';

export interface DiagnosticsPanelProps {
  company: string | undefined;
  campaignId: number | undefined;
  onCampaignChange: (campaignId: number | undefined) => void;
  format: Formatters;
}

/** "Why no numbers?": the pool narrowed step by step to what the dialer can get, and the schedule's verdict now. */
export function DiagnosticsPanel({ company, campaignId, onCampaignChange, format }: DiagnosticsPanelProps) {
  const { t, i18n } = useTranslation();
  const titleId = useId();
  const diagnostics = useDiagnostics(company, campaignId);

  const data = diagnostics.data;
  const checkedAt = diagnostics.dataUpdatedAt ? new Date(diagnostics.dataUpdatedAt).toISOString() : null;

  return (
    <Card className="overflow-hidden">
      <section aria-labelledby={titleId}>
        <div className="flex flex-wrap items-start justify-between gap-4 border-b border-zinc-100 px-6 py-4">
          <div className="flex min-w-0 items-start gap-3">
            <span className="mt-0.5 flex size-8 shrink-0 items-center justify-center rounded-lg bg-indigo-50 text-indigo-600">
              <FunnelIcon className="size-4" />
            </span>
            <div className="min-w-0">
              <h2 id={titleId} className="text-base font-semibold text-zinc-900">
                {t('dialer.diagnostics.title')}
              </h2>
              <p className="mt-1 text-sm text-zinc-600">{t('dialer.diagnostics.description')}</p>
            </div>
          </div>
          <div className="flex flex-col items-end gap-1">
            <Button
              variant="secondary"
              size="sm"
              loading={diagnostics.isFetching}
              icon={<RefreshIcon className="size-4" />}
              onClick={() => void diagnostics.refetch()}
            >
              {t('dialer.diagnostics.refresh')}
            </Button>
            {checkedAt && data ? (
              <p className="text-xs text-zinc-500" aria-live="polite">
                {t('dialer.diagnostics.checked', {
                  time: formatInZone(checkedAt, i18n.language, data.schedule.timezone, { timeStyle: 'medium' }),
                })}
              </p>
            ) : null}
          </div>
        </div>

        <CampaignPicker company={company} campaignId={campaignId} onCampaignChange={onCampaignChange} />

        {/* With placeholder data a failed fetch for a new campaign would leave the old counts on screen: show the error instead. */}
        {diagnostics.isError && (!data || diagnostics.isPlaceholderData) ? (
          diagnostics.error instanceof ApiError && diagnostics.error.status === 404 && campaignId !== undefined ? (
            <div className="p-4">
              <Alert>
                <p>{t('dialer.diagnostics.noCampaign', { id: format.number(campaignId) })}</p>
                <Button variant="secondary" size="sm" className="mt-2" onClick={() => onCampaignChange(undefined)}>
                  {t('dialer.diagnostics.allNumbers')}
                </Button>
              </Alert>
            </div>
          ) : (
            <LoadError title={t('dialer.diagnostics.loadError')} error={diagnostics.error} onRetry={() => void diagnostics.refetch()} />
          )
        ) : !data ? (
          <div role="status" className="flex items-center justify-center gap-3 px-6 py-16 text-sm text-zinc-500">
            <Spinner className="size-5 text-indigo-600" />
            {t('common.loading')}
          </div>
        ) : (
          <div className="grid gap-6 px-6 py-5 lg:grid-cols-[1fr_18rem]" aria-busy={diagnostics.isFetching || undefined}>
            <div className="min-w-0 space-y-3">
              {diagnostics.isError ? <Alert>{t('dialer.diagnostics.refreshFailed')}</Alert> : null}
              <DiagnosticsFunnel data={data} format={format} campaignChosen={campaignId !== undefined} />
            </div>
            <ScheduleVerdict schedule={data.schedule} company={company} />
          </div>
        )}
      </section>
    </Card>
  );
}

import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/button';
import { Spinner } from '../../../components/ui/spinner';
import { cn } from '../../../lib/cn';
import { intlLocale } from '../../../lib/use-format';
import { useCampaignOptions } from '../api/list-campaigns';

/** Which campaign the funnel counts: a choice among the company's campaigns, or the whole pool. */
export function CampaignPicker({
  company,
  campaignId,
  onCampaignChange,
}: {
  company: string | undefined;
  campaignId: number | undefined;
  onCampaignChange: (campaignId: number | undefined) => void;
}) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const campaigns = useCampaignOptions(company);
  const items = campaigns.data?.items ?? [];
  // A campaign named in the address but not in the list (deleted, another company's) stays selectable so the panel can say so.
  const unknown = campaignId !== undefined && campaigns.isSuccess && !items.some((c) => c.id === campaignId);

  return (
    <div className="flex flex-wrap items-end gap-2 border-b border-zinc-100 px-6 py-3" data-testid="diagnostics-campaign">
      {campaigns.isPending ? (
        <p role="status" className="flex items-center gap-2 text-sm text-zinc-600">
          <Spinner className="size-4 text-indigo-600" />
          {t('common.loading')}
        </p>
      ) : campaigns.isError ? (
        <p className="text-sm text-zinc-700">{t('diagnostics.campaignsError')}</p>
      ) : items.length === 0 && campaignId === undefined ? (
        <p className="text-sm text-zinc-700" data-testid="diagnostics-no-campaigns">
          {t('diagnostics.noCampaigns')}
        </p>
      ) : (
        <>
          <div className="flex flex-col gap-1">
            <label htmlFor={id} className="text-xs font-medium text-zinc-700">
              {t('diagnostics.campaign')}
            </label>
            <select
              id={id}
              value={campaignId ?? ''}
              aria-describedby={`${id}-hint`}
              onChange={(e) => onCampaignChange(e.target.value ? Number(e.target.value) : undefined)}
              className={cn(
                'block h-9 max-w-72 min-w-48 cursor-pointer rounded-md border border-zinc-300 bg-white px-3 text-sm shadow-sm',
                'focus:outline-2 focus:-outline-offset-1 focus:outline-indigo-600',
              )}
            >
              <option value="">{t('diagnostics.allCampaigns')}</option>
              {unknown ? <option value={campaignId}>#{new Intl.NumberFormat(intlLocale(i18n.language)).format(campaignId)}</option> : null}
              {items.map((c) => (
                <option key={c.id} value={c.id}>
                  {t('diagnostics.campaignOption', { name: c.name, status: t(`diagnostics.campaignStatuses.${c.status}`) })}
                </option>
              ))}
            </select>
          </div>
          {campaignId !== undefined ? (
            <Button variant="ghost" size="sm" className="h-9" onClick={() => onCampaignChange(undefined)}>
              {t('dialer.diagnostics.allNumbers')}
            </Button>
          ) : null}
          <p id={`${id}-hint`} className="basis-full text-xs text-zinc-600">
            {t('diagnostics.campaignHint')}
          </p>
        </>
      )}
    </div>
  );
}
